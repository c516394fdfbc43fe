export type {
  AuthorizerRoles,
  AuthorizerSettings,
  ClaimGrantRule,
  CognitoAuthorizerSettings,
  Grant,
  GrantRule,
  OidcAuthorizerSettings,
  ResolvedAuthorizerSettings,
  ScopeGrantRule,
} from './AuthorizerSettings';
export { authorizerDefaults } from './AuthorizerSettings';
export type { AuthorizerEvent, AuthorizerResult } from './AuthorizerEvent';
export { createAuthorizer, type Authorizer, type AuthorizerOptions } from './createAuthorizer';
export { createLambdaHandler, settingsVariable, type LambdaHandler } from './createLambdaHandler';
export type { DecisionLogEntry, DecisionLogger, DecisionReason, DenyReason } from './decisionLog';
export { AuthorizerSettingsError } from './errors';
export { readOperations, writeOperations, type Operation } from '../../../extension/src/healthimaging/operations';
export { parseAuthorizerSettings } from './parseAuthorizerSettings';
export { scopeCovers } from './scopeMatches';
