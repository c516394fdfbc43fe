// Helpers for tests that need the real local provider and real tokens (jest-safe: none imports oidc-provider).
export { CookieJar } from './CookieJar';
export {
  completeAuthorizationOverHttp,
  signInOverHttp,
  SignInOverHttpError,
  SignInRejectedError,
  type SignedInTokens,
  type SignInOverHttpOptions,
} from './signInOverHttp';
export { signOutOverHttp } from './signOutOverHttp';
export { startOidcProviderProcess, type OidcProviderProcess } from './startOidcProviderProcess';
export {
  importerTokenOverHttp,
  postToTokenEndpoint,
  refreshOverHttp,
  type TokenEndpointAnswer,
  type TokenResponseBody,
} from './tokenRequests';
export { verifyJwtWithJwks, type VerifiedJwt } from './verifyJwtWithJwks';
