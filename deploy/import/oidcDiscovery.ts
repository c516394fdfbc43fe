import { TokenRequestError } from './errors';

export interface ProviderEndpoints {
  authorization_endpoint?: string;
  token_endpoint: string;
}

/** Reads the provider's endpoints from `<issuer>/.well-known/openid-configuration`. */
export async function discoverEndpoints(issuer: string, fetchImpl: typeof fetch): Promise<ProviderEndpoints> {
  const url = `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
  const response = await fetchImpl(url, { headers: { accept: 'application/json' } }).catch((error: unknown) => {
    throw new TokenRequestError(`Cannot reach the OpenID Connect provider at ${url}: ${(error as Error).message}`, {
      cause: error,
    });
  });
  if (!response.ok) throw new TokenRequestError(`${url} answered HTTP ${response.status}: check --issuer`);
  const metadata = (await response.json().catch(() => undefined)) as Record<string, unknown> | undefined;
  if (typeof metadata?.token_endpoint !== 'string') throw new TokenRequestError(`${url} names no token_endpoint`);
  return {
    token_endpoint: metadata.token_endpoint,
    ...(typeof metadata.authorization_endpoint === 'string'
      ? { authorization_endpoint: metadata.authorization_endpoint }
      : {}),
  };
}

/** A token endpoint's answer: the tokens, or why it refused (`error`, `error_description`). */
export interface TokenEndpointBody {
  access_token?: unknown;
  refresh_token?: unknown;
  expires_in?: unknown;
  error?: unknown;
  error_description?: unknown;
}

/** "invalid_grant: the refresh token is revoked", or the HTTP status when the body says nothing. */
export function refusalReason(status: number, body: TokenEndpointBody): string {
  if (typeof body.error !== 'string') return `HTTP ${status}`;
  return `${body.error}${typeof body.error_description === 'string' ? `: ${body.error_description}` : ''}`;
}
