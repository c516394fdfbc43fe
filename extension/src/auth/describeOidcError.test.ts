import { ErrorResponse } from 'oidc-client-ts';
import { describeOidcError } from './describeOidcError';

describe('describeOidcError', () => {
  it('names the OAuth error and its description, or the message', () => {
    expect(
      describeOidcError(new ErrorResponse({ error: 'invalid_grant', error_description: 'grant request is invalid' })),
    ).toBe('invalid_grant: grant request is invalid');
    expect(describeOidcError(new ErrorResponse({ error: 'invalid_grant' }))).toBe('invalid_grant');
    expect(describeOidcError(new TypeError('fetch failed'))).toBe('fetch failed');
    expect(describeOidcError('timeout')).toBe('timeout');
  });
});
