import type { JwtPayload } from 'aws-jwt-verify/jwt-model';

/** SMART on FHIR v1 scope: `<context>/<resource type or *>.<read|write|*>`. */
const smartScope = /^(patient|user|system)\/([A-Za-z][A-Za-z0-9]*|\*)\.(read|write|\*)$/;

/**
 * Whether a scope the token carries covers a scope a rule (or `requiredScopes`) asks for.
 *
 * - Identical strings always match (any scope, e.g. `openid` or `https://api.example.com/imaging`).
 * - Two SMART v1 scopes `<context>/<type>.<permission>` match when the contexts are identical
 *   (`user` never covers `system` or `patient`), the token's type is the same or `*`, and the token's
 *   permission is the same or `*`. So `system/*.write`, `user/*.*` and `user/ImagingStudy.*` cover
 *   `system/ImagingStudy.write`, `user/ImagingStudy.read` and `user/ImagingStudy.write` respectively.
 * - A wildcard only widens the token's side: a token scope `user/ImagingStudy.read` does not cover a
 *   required `user/*.read`, and `write` never covers `read` (grant rules decide that write implies read).
 */
export function scopeCovers(tokenScope: string, requiredScope: string): boolean {
  if (tokenScope === requiredScope) return true;
  const token = smartScope.exec(tokenScope);
  const required = smartScope.exec(requiredScope);
  if (!token || !required) return false;
  const [, tokenContext, tokenType, tokenPermission] = token;
  const [, requiredContext, requiredType, requiredPermission] = required;
  return (
    tokenContext === requiredContext &&
    (tokenType === '*' || tokenType === requiredType) &&
    (tokenPermission === '*' || tokenPermission === requiredPermission)
  );
}

/** Whether any of the token's scopes covers `requiredScope`. */
export function hasScope(tokenScopes: readonly string[], requiredScope: string): boolean {
  return tokenScopes.some(tokenScope => scopeCovers(tokenScope, requiredScope));
}

/** Claims holding scopes: `scope` (RFC 9068, Cognito, Keycloak), `scp` (Okta, Entra), `permissions` (Auth0 RBAC). */
export const scopeClaims = ['scope', 'scp', 'permissions'] as const;

/** The token's scopes from every scope claim, each a space-separated string or an array of strings. */
export function tokenScopes(payload: JwtPayload): string[] {
  const scopes: string[] = [];
  for (const name of scopeClaims) {
    const claim = payload[name];
    if (typeof claim === 'string') scopes.push(...claim.split(' '));
    else if (Array.isArray(claim)) scopes.push(...claim.filter(item => typeof item === 'string'));
  }
  return scopes.filter(scope => scope !== '');
}
