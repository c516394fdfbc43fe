import { accessDeniedMessage, authorizerTimeoutMessage, htj2kFramesAccept } from 'ohif-healthimaging-contract';
import { RetryPolicySettingsError } from 'ohif-healthimaging-retry';
import { createViewerRetryPolicy } from './viewerRetryPolicy';

const frames =
  'https://dicom-medical-imaging.us-east-1.amazonaws.com/datastore/d/studies/1/series/2/instances/3/frames/1';
const policy = createViewerRetryPolicy({ random: () => 0.5 });

function classify(
  status: number,
  body = '',
  request: { url: string; accept: string | null } = { url: frames, accept: null },
) {
  return policy.classify(new Response(body, { status }), request);
}

describe('createViewerRetryPolicy', () => {
  it.each([
    [401, '', 'token-rejected'],
    [403, '{"message":"Invalid or Expired Token"}', 'token-rejected'],
    [403, `{"message":"${accessDeniedMessage}"}`, 'final'],
    [403, '{"message":"Forbidden"}', 'final'],
    [429, 'Too many requests', 'throttled'],
    [503, '', 'throttled'],
    [408, `{"message":"${authorizerTimeoutMessage}"}`, 'throttled'],
    [424, '{"message":"Authorizer Failed"}', 'final'],
    [404, '', 'final'],
    [500, '', 'final'],
    // Gateway errors are the import command's to retry, not the viewer's (see throttledStatuses).
    [502, '', 'final'],
    [504, '', 'final'],
    [200, '', 'final'],
  ])('classifies %i %s as %s', async (status, body, verdict) => {
    await expect(classify(status, body)).resolves.toBe(verdict);
  });

  it('falls back on 406 only for frames requests that asked for HTJ2K', async () => {
    await expect(classify(406, '', { url: frames, accept: htj2kFramesAccept })).resolves.toBe(
      'transfer-syntax-refused',
    );
    await expect(
      classify(406, '', { url: frames, accept: 'multipart/related; type=application/octet-stream; transfer-syntax=*' }),
    ).resolves.toBe('final');
    await expect(
      classify(406, '', { url: frames.replace(/\/frames\/1$/, ''), accept: htj2kFramesAccept }),
    ).resolves.toBe('final');
  });

  it('leaves the body of a classified 403 readable', async () => {
    const response = new Response('{"message":"Invalid or Expired Token"}', { status: 403 });
    await policy.classify(response, { url: frames, accept: null });
    await expect(response.text()).resolves.toContain('Invalid or Expired Token');
  });

  it('waits Retry-After when given, else full jitter; both capped', () => {
    const now = Date.now();
    expect(policy.throttleDelayMs(new Response(null, { status: 429, headers: { 'Retry-After': '3' } }), 1, now)).toBe(
      3000,
    );
    expect(policy.throttleDelayMs(new Response(null, { status: 429, headers: { 'Retry-After': '999' } }), 1, now)).toBe(
      20_000,
    );
    expect(policy.throttleDelayMs(new Response(null, { status: 503 }), 1, now)).toBe(500);
    expect(policy.throttleDelayMs(new Response(null, { status: 503 }), 3, now)).toBe(2000);
    expect(policy.throttleDelayMs(new Response(null, { status: 503 }), 10, now)).toBe(10_000);
  });

  it('has documented defaults and rejects impossible settings', () => {
    expect(createViewerRetryPolicy().throttling).toEqual({ maxAttempts: 6, baseDelayMs: 1000, maxDelayMs: 20_000 });
    expect(() => createViewerRetryPolicy({ throttling: { maxAttempts: 0 } })).toThrow(RetryPolicySettingsError);
    expect(() => createViewerRetryPolicy({ throttling: { baseDelayMs: 5000, maxDelayMs: 100 } })).toThrow(
      'maxDelayMs at least baseDelayMs',
    );
  });
});
