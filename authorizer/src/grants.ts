import type { JwtPayload } from 'aws-jwt-verify/jwt-model';
import { isReadOperation, type Operation } from 'ohif-healthimaging-contract';
import type { AuthorizerRoles, Grant, GrantRule } from './AuthorizerSettings';
import { hasScope, scopeClaims, tokenScopes } from './scopeMatches';

/**
 * The value of a claim named by a grant rule: the top-level claim of that exact name if the token has one, else
 * the dotted path into nested objects (`realm_access.roles`), trying the longest key that exists first at each
 * level so keys with dots (`resource_access.my.client.roles`) are found too. Own properties only.
 */
export function claimValue(payload: JwtPayload, claim: string): unknown {
  return valueAt(payload, claim.split('.'));
}

function valueAt(object: unknown, segments: readonly string[]): unknown {
  if (typeof object !== 'object' || object === null || Array.isArray(object)) return undefined;
  for (let length = segments.length; length > 0; length--) {
    const key = segments.slice(0, length).join('.');
    if (!Object.hasOwn(object, key)) continue;
    const value = (object as Record<string, unknown>)[key];
    if (length === segments.length) return value;
    const nested = valueAt(value, segments.slice(length));
    if (nested !== undefined) return nested;
  }
  return undefined;
}

/** Whether one rule matches the token's claims. */
export function ruleMatches(rule: GrantRule, payload: JwtPayload): boolean {
  if ('scope' in rule) return hasScope(tokenScopes(payload), rule.scope);
  const value = claimValue(payload, rule.claim);
  if (typeof value === 'string') return value === rule.includes;
  return Array.isArray(value) && value.includes(rule.includes);
}

/** The strongest grant any rule gives the token (`write` over `read`), or undefined when none matches. */
export function grantFor(payload: JwtPayload, rules: readonly GrantRule[]): Grant | undefined {
  let strongest: Grant | undefined;
  for (const rule of rules) {
    if (!ruleMatches(rule, payload)) continue;
    if (rule.grant === 'write') return 'write';
    strongest = 'read';
  }
  return strongest;
}

/** Longest rendering of one claim's value in an explanation. */
const maxShownValueLength = 80;

/**
 * Why no rule (or no write rule) matched, for the decision log: per claim the rules look at, what they want and
 * what the token has, e.g. `realm_access.roles wants imaging-reader|imaging-importer, found ["offline_access"];
 * scopes (scope, scp, permissions) want Imaging.Read, found "openid profile"`. Only the claims the rules name.
 */
export function explainNoGrant(payload: JwtPayload, rules: readonly GrantRule[]): string {
  const wanted = new Map<string, string[]>();
  for (const rule of rules) {
    const name = 'scope' in rule ? `scopes (${scopeClaims.join(', ')})` : rule.claim;
    const value = 'scope' in rule ? rule.scope : rule.includes;
    const values = wanted.get(name) ?? [];
    if (!values.includes(value)) values.push(value);
    wanted.set(name, values);
  }
  return [...wanted]
    .map(([name, values]) => {
      const isScopes = name.startsWith('scopes (');
      const found = isScopes ? foundScopes(payload) : show(claimValue(payload, name));
      return `${name} wants ${values.join('|')}, found ${found}`;
    })
    .join('; ');
}

function foundScopes(payload: JwtPayload): string {
  const scopes = tokenScopes(payload);
  return scopes.length === 0 ? 'none' : show(scopes.join(' '));
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > maxShownValueLength ? `${text.slice(0, maxShownValueLength - 3)}...` : text;
}

/**
 * The role HealthImaging should assume: the importer role for a `write` grant (it may also read), the reader role
 * for a `read` grant on a read operation, undefined when the grant does not allow the operation.
 */
export function roleFor(operation: Operation, grant: Grant, roles: AuthorizerRoles): string | undefined {
  if (grant === 'write') return roles.importer;
  return isReadOperation(operation) ? roles.reader : undefined;
}
