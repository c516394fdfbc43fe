import { ErrorResponse } from 'oidc-client-ts';

/** A short description of an error without tokens: oidc-client-ts messages carry the OAuth error, never a token. */
export function describeOidcError(error: unknown): string {
  if (error instanceof ErrorResponse) {
    return error.error_description
      ? `${error.error ?? 'error'}: ${error.error_description}`
      : (error.error ?? error.message);
  }
  return error instanceof Error ? error.message : String(error);
}
