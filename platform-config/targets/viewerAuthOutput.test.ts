import { parseViewerAuthOutput } from './viewerAuthOutput';
import { TargetInputsError } from './TargetInputsError';

describe('parseViewerAuthOutput', () => {
  it('reads the scope and the sign-in parameters a named provider needs', () => {
    const text = JSON.stringify({
      scope: 'openid profile offline_access',
      extraQueryParams: { audience: 'https://dicomweb.example.org' },
    });
    expect(parseViewerAuthOutput(text)).toEqual({
      scope: 'openid profile offline_access',
      extraQueryParams: { audience: 'https://dicomweb.example.org' },
    });
  });

  it('gives nothing when the stack has no such output (Cognito, generic OIDC)', () => {
    expect(parseViewerAuthOutput(undefined)).toEqual({});
  });

  it.each([
    ['not json', /must be JSON/],
    ['["scope"]', /must be an object with scope/],
    ['{"scope":"openid","cognitoDomain":"https://x"}', /must be an object with scope/],
    ['{"extraQueryParams":{"audience":1}}', /extraQueryParams \(strings\)/],
  ])('refuses %s', (text, message) => {
    expect(() => parseViewerAuthOutput(text)).toThrow(TargetInputsError);
    expect(() => parseViewerAuthOutput(text)).toThrow(message);
  });
});
