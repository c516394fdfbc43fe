import { createAuthorizer } from 'ohif-healthimaging-authorizer';
import { generateSigningKey, jwksOf, nowSeconds, signToken } from 'ohif-healthimaging-authorizer/testing/tokens';
import type { AuthorizeFunction, EndpointRoles } from '../authorizeRequest';

/** The local stack's role ARNs (see the contracts). */
export const testRoles: EndpointRoles = {
  readerRoleArn: 'arn:aws:iam::000000000000:role/HealthImagingReader',
  importerRoleArn: 'arn:aws:iam::000000000000:role/HealthImagingImporter',
};

export const testIssuer = 'http://127.0.0.1:5001';
export const testAudience = 'http://127.0.0.1:5002';

/**
 * The real authorizer (ohif-healthimaging-authorizer) with a key generated here and preloaded as its JWKS (no fetch),
 * the group rules of the local stack, and RS256 tokens signed with that key.
 */
export function createTestAuth() {
  const key = generateSigningKey();
  const authorizer = createAuthorizer(
    {
      provider: 'oidc',
      issuer: testIssuer,
      audiences: [testAudience],
      jwks: jwksOf(key),
      roles: { reader: testRoles.readerRoleArn, importer: testRoles.importerRoleArn },
      grants: [
        { claim: 'groups', includes: 'readers', grant: 'read' },
        { claim: 'groups', includes: 'importers', grant: 'write' },
      ],
    },
    // The decision log would fill the test output; the endpoint's tests assert on answers instead.
    { logger: () => undefined },
  );
  const authorize: AuthorizeFunction = event => authorizer.authorize(event);
  /** An access token as the local provider issues it: `groups` [readers] or [importers], valid 5 minutes. */
  const tokenFor = (group: 'readers' | 'importers' | 'nobody', overrides: Record<string, unknown> = {}) => {
    const now = nowSeconds();
    return signToken(key, {
      iss: testIssuer,
      aud: testAudience,
      sub: `${group}-user`,
      client_id: 'ohif-viewer',
      scope: 'openid user/ImagingStudy.read',
      groups: [group],
      iat: now,
      nbf: now,
      exp: now + 300,
      ...overrides,
    });
  };
  return { authorize, tokenFor, signingKey: key };
}
