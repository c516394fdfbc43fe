import { ErrorResponse } from 'oidc-client-ts';
import { FakeClock, waitFor } from '../testing/FakeClock';
import { TokenRefreshError } from './errors';
import { isRefusal, MissingRefreshTokenError, withTokenRequestRetries } from './TokenRequestRetry';

const backoff = { maxAttempts: 3, baseDelayMs: 1000, maxDelayMs: 8000 };

class RefusedError extends Error {}

function retrying(clock: FakeClock, failures: unknown[]) {
  const attempts: number[] = [];
  const refusals: unknown[] = [];
  const done = withTokenRequestRetries(
    async () => {
      attempts.push(clock.now());
      const failure = failures.shift();
      if (failure !== undefined) throw failure;
    },
    {
      backoff,
      clock,
      random: () => 0.5,
      onRefusal: async refusal => {
        refusals.push(refusal);
        throw new RefusedError('refused');
      },
    },
  );
  return { done, attempts, refusals };
}

describe('isRefusal', () => {
  it('tells an OAuth refusal from a transient failure', () => {
    expect(isRefusal(new ErrorResponse({ error: 'invalid_grant' }))).toBe(true);
    expect(isRefusal(new ErrorResponse({ error: 'invalid_client' }))).toBe(true);
    expect(isRefusal(new MissingRefreshTokenError())).toBe(true);
    expect(isRefusal(new ErrorResponse({ error: 'server_error' }))).toBe(false);
    expect(isRefusal(new ErrorResponse({ error: 'temporarily_unavailable' }))).toBe(false);
    expect(isRefusal(new TypeError('fetch failed'))).toBe(false);
  });
});

describe('withTokenRequestRetries', () => {
  it('retries transient failures after full-jitter waits on the clock, then succeeds', async () => {
    const clock = new FakeClock(0);
    const { done, attempts } = retrying(clock, [
      new TypeError('fetch failed'),
      new ErrorResponse({ error: 'server_error' }),
    ]);
    for (const wait of [500, 1000]) {
      await waitFor(() => clock.nextDelay() === wait, `a ${wait} ms wait`);
      await clock.advance(wait);
    }
    await expect(done).resolves.toBeUndefined();
    expect(attempts).toEqual([0, 500, 1500]);
  });

  it('gives up after maxAttempts with TokenRefreshError, the last failure as its cause', async () => {
    const clock = new FakeClock(0);
    const last = new TypeError('still down');
    const { done, attempts } = retrying(clock, [new TypeError('down'), new TypeError('down'), last]);
    const settled = done.catch((error: unknown) => error);
    await clock.advance(500);
    await clock.advance(1000);
    const error = await settled;
    expect(error).toBeInstanceOf(TokenRefreshError);
    expect(error).toMatchObject({ attempts: 3, cause: last });
    expect(attempts).toHaveLength(3);
  });

  it('hands a refusal to onRefusal at once, without waiting or retrying', async () => {
    const clock = new FakeClock(0);
    const refusal = new ErrorResponse({ error: 'invalid_grant' });
    const { done, attempts, refusals } = retrying(clock, [refusal]);
    await expect(done).rejects.toBeInstanceOf(RefusedError);
    expect(refusals).toEqual([refusal]);
    expect(attempts).toEqual([0]);
    expect(clock.pendingCount).toBe(0);
  });
});
