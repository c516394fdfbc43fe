export type {
  AuthorizerRoles,
  AuthorizerSettings,
  ClaimGrantRule,
  ClientClaim,
  CognitoAuthorizerSettings,
  Grant,
  GrantRule,
  OidcAuthorizerSettings,
  OidcProvider,
  ResolvedAuthorizerSettings,
  ResolvedOidcAuthorizerSettings,
  ScopeGrantRule,
} from './AuthorizerSettings';
export { authorizerDefaults } from './AuthorizerSettings';
export type { AuthorizerEvent, AuthorizerResult } from './AuthorizerEvent';
export { createAuthorizer, type Authorizer, type AuthorizerOptions } from './createAuthorizer';
export { createLambdaHandler, settingsVariable, type LambdaHandler } from './createLambdaHandler';
export type { DecisionLogEntry, DecisionLogger, DecisionReason, DenyReason } from './decisionLog';
export { AuthorizerSettingsError } from './errors';
export { oidcProviders } from './oidcProfiles';
export { parseAuthorizerSettings } from './parseAuthorizerSettings';
export { scopeCovers } from './scopeMatches';
