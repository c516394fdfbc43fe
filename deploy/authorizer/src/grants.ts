import type { JwtPayload } from 'aws-jwt-verify/jwt-model';
import type { AuthorizerRoles, Grant, GrantRule } from './AuthorizerSettings';
import { isReadOperation, type Operation } from '../../../extension/src/healthimaging/operations';
import { hasScope, tokenScopes } from './scopeMatches';

/** Whether one rule matches the token's claims. */
export function ruleMatches(rule: GrantRule, payload: JwtPayload): boolean {
  if ('scope' in rule) return hasScope(tokenScopes(payload), rule.scope);
  const value = Object.hasOwn(payload, rule.claim) ? payload[rule.claim] : undefined;
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

/**
 * The role HealthImaging should assume: the importer role for a `write` grant (it may also read), the reader role
 * for a `read` grant on a read operation, undefined when the grant does not allow the operation.
 */
export function roleFor(operation: Operation, grant: Grant, roles: AuthorizerRoles): string | undefined {
  if (grant === 'write') return roles.importer;
  return isReadOperation(operation) ? roles.reader : undefined;
}
