import { RejectedTokenBackoff, rejectedTokenBackoffMs } from './RejectedTokenBackoff';

describe('RejectedTokenBackoff', () => {
  it('waits only for the token a rejection-caused refresh brought, and only within the backoff', async () => {
    const backoff = new RejectedTokenBackoff();
    expect(backoff.shouldWait('first', 0)).toBe(false);
    let current = 'first';
    await backoff.refreshFor(
      1000,
      async () => void (current = 'second'),
      () => current,
    );
    expect(backoff.shouldWait('first', 1001)).toBe(false);
    expect(backoff.shouldWait('second', 1001)).toBe(true);
    expect(backoff.shouldWait('second', 1000 + rejectedTokenBackoffMs - 1)).toBe(true);
    expect(backoff.shouldWait('second', 1000 + rejectedTokenBackoffMs)).toBe(false);
  });

  it('remembers nothing when the refresh fails', async () => {
    const backoff = new RejectedTokenBackoff();
    await expect(
      backoff.refreshFor(
        0,
        () => Promise.reject(new Error('provider down')),
        () => 'token',
      ),
    ).rejects.toThrow('provider down');
    expect(backoff.shouldWait('token', 1)).toBe(false);
  });
});
