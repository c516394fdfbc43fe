import { createResponseClassifier, type ClassificationRules } from './classifyResponse';
import { RetryPolicySettingsError } from './errors';

// A service that answers an expired token as AWS HealthImaging does; the core itself knows no service.
const rules: ClassificationRules = {
  retryLaterStatuses: [408, 429, 503],
  expiredToken: { status: 403, message: 'Invalid or Expired Token' },
};
const classify = createResponseClassifier(rules);

describe('createResponseClassifier', () => {
  it.each([
    [401, '', 'token-rejected'],
    [401, '{"message":"Unauthorized"}', 'token-rejected'],
    [403, '{"message":"Invalid or Expired Token"}', 'token-rejected'],
    [403, 'Invalid or Expired Token', 'token-rejected'],
    [403, '{"message":"Access Denied"}', 'final'],
    [403, '', 'final'],
    [408, '{"message":"Authorizer Timeout"}', 'retry-later'],
    [429, 'Too many requests', 'retry-later'],
    [503, '', 'retry-later'],
    [502, '', 'final'],
    [504, '', 'final'],
    [500, '', 'final'],
    [404, '', 'final'],
    [200, 'Invalid or Expired Token', 'final'],
  ])('classifies %i %j as %s', async (status, body, verdict) => {
    await expect(classify(new Response(body, { status }))).resolves.toBe(verdict);
  });

  it('retries the statuses its caller names, and only those', async () => {
    const gateways = createResponseClassifier({ ...rules, retryLaterStatuses: [502, 504] });
    await expect(gateways(new Response('', { status: 502 }))).resolves.toBe('retry-later');
    await expect(gateways(new Response('', { status: 504 }))).resolves.toBe('retry-later');
    await expect(gateways(new Response('', { status: 429 }))).resolves.toBe('final');
  });

  it('leaves the body of a classified answer readable', async () => {
    const response = new Response('{"message":"Invalid or Expired Token"}', { status: 403 });
    await classify(response);
    await expect(response.text()).resolves.toContain('Invalid or Expired Token');
  });

  it('takes an answer whose body was already read for no expiry notice', async () => {
    const response = new Response('{"message":"Invalid or Expired Token"}', { status: 403 });
    await response.text();
    await expect(classify(response)).resolves.toBe('final');
  });

  it.each([
    [{ ...rules, expiredToken: { status: 401, message: 'x' } }, 'expiredToken.status'],
    [{ ...rules, expiredToken: { status: 200, message: 'x' } }, 'expiredToken.status'],
    [{ ...rules, expiredToken: { status: 403, message: ' ' } }, 'expiredToken.message'],
    [{ ...rules, retryLaterStatuses: [429, 403] }, 'retryLaterStatuses'],
    [{ ...rules, retryLaterStatuses: [401] }, 'retryLaterStatuses'],
    [{ ...rules, retryLaterStatuses: [302] }, 'retryLaterStatuses'],
  ])('refuses rules that cannot work: %j', (bad, key) => {
    expect(() => createResponseClassifier(bad)).toThrow(RetryPolicySettingsError);
    expect(() => createResponseClassifier(bad)).toThrow(expect.objectContaining({ key }));
  });
});
