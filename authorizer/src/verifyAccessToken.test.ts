import type { ResolvedAuthorizerSettings } from './AuthorizerSettings';
import { TokenRejectedError } from './errors';
import { parseAuthorizerSettings } from './parseAuthorizerSettings';
import { createAccessTokenVerifier, identify } from './verifyAccessToken';
import { generateSigningKey, jwksOf, oidcAccessClaims, signToken } from '../testing/tokens';

const issuer = 'https://login.example.test';
const key = generateSigningKey('k1');
const settings: ResolvedAuthorizerSettings = parseAuthorizerSettings({
  provider: 'oidc',
  issuer,
  jwks: jwksOf(key),
  audiences: ['https://dicomweb.example.test'],
  roles: {
    reader: 'arn:aws:iam::000000000000:role/HealthImagingReader',
    importer: 'arn:aws:iam::000000000000:role/HealthImagingImporter',
  },
  grants: [{ scope: 'user/ImagingStudy.read', grant: 'read' }],
  maxTokenBytes: 1024,
});

async function rejectionOf(token: string): Promise<TokenRejectedError> {
  const error = await createAccessTokenVerifier(settings)
    .verify(token)
    .catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(TokenRejectedError);
  return error as TokenRejectedError;
}

it('returns the verified claims', async () => {
  const payload = await createAccessTokenVerifier(settings).verify(signToken(key, oidcAccessClaims(issuer)));
  expect(payload).toMatchObject({ iss: issuer, sub: 'user-123', scope: 'openid user/ImagingStudy.read' });
});

it('measures the size in bytes, not characters', async () => {
  // 400 three-byte characters: 1200 bytes, under 1024 characters.
  const error = await rejectionOf(signToken(key, oidcAccessClaims(issuer, { name: '€'.repeat(400) })));
  expect(error.reason).toBe('too-large');
});

it('names the subject only once the signature is verified', async () => {
  const expired = await rejectionOf(signToken(key, oidcAccessClaims(issuer, { exp: 1 })));
  expect([expired.reason, expired.subject, expired.clientId]).toEqual(['expired', 'user-123', 'ohif-viewer']);
  const forged = await rejectionOf(signToken(generateSigningKey('k1'), oidcAccessClaims(issuer)));
  expect([forged.reason, forged.subject, forged.clientId]).toEqual(['bad-signature', null, null]);
});

it('rejects an RS256 token whose header claims ES256', async () => {
  const error = await rejectionOf(signToken(key, oidcAccessClaims(issuer), { alg: 'ES256' }));
  expect(error.reason).toBe('alg-not-allowed');
});

it('identifies the client by client_id, else azp, or by the claims given', () => {
  expect(identify({ sub: 's', client_id: 'c', azp: 'a' })).toEqual({ subject: 's', clientId: 'c' });
  expect(identify({ azp: 'a' })).toEqual({ subject: null, clientId: 'a' });
  expect(identify({ sub: 5 as never })).toEqual({ subject: null, clientId: null });
  expect(identify({ cid: 'okta', azp: 'a' }, ['cid'])).toEqual({ subject: null, clientId: 'okta' });
  expect(identify({ appid: 'v1', azp: 5 as never }, ['azp', 'appid'])).toEqual({ subject: null, clientId: 'v1' });
});
