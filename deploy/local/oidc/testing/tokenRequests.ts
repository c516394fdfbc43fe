/** The token endpoint's JSON answer: tokens on success, `error` (and `error_description`) on failure. */
export interface TokenResponseBody {
  access_token?: string;
  refresh_token?: string;
  id_token?: string;
  token_type?: string;
  expires_in?: number;
  scope?: string;
  error?: string;
  error_description?: string;
}

export interface TokenEndpointAnswer {
  status: number;
  body: TokenResponseBody;
}

/**
 * POSTs a form to `<issuer>/token`, optionally as a browser on `origin` would (Origin header) or with HTTP Basic
 * client authentication, and returns the status and JSON body without judging them.
 */
export async function postToTokenEndpoint(
  issuer: string,
  params: Record<string, string>,
  options: { origin?: string; basicAuth?: { clientId: string; clientSecret: string } } = {},
): Promise<TokenEndpointAnswer> {
  const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded' };
  if (options.origin) headers.Origin = options.origin;
  if (options.basicAuth) {
    const { clientId, clientSecret } = options.basicAuth;
    const encode = (text: string) => encodeURIComponent(text);
    headers.Authorization = `Basic ${Buffer.from(`${encode(clientId)}:${encode(clientSecret)}`).toString('base64')}`;
  }
  // The local provider's endpoints are at its origin's root, whatever path the issuer has (`idpProfile`).
  const response = await fetch(new URL('/token', issuer), {
    method: 'POST',
    headers,
    body: new URLSearchParams(params),
  });
  return { status: response.status, body: (await response.json()) as TokenResponseBody };
}

/** Refreshes with the viewer client, as oidc-client-ts does. */
export function refreshOverHttp(
  issuer: string,
  refreshToken: string,
  options: { clientId?: string; origin?: string } = {},
): Promise<TokenEndpointAnswer> {
  return postToTokenEndpoint(
    issuer,
    { grant_type: 'refresh_token', refresh_token: refreshToken, client_id: options.clientId ?? 'ohif-viewer' },
    options.origin === undefined ? {} : { origin: options.origin },
  );
}

/** A client_credentials token for the importer client (scope `system/ImagingStudy.write` unless given). */
export function importerTokenOverHttp(
  issuer: string,
  clientSecret = 'dicom-importer-secret',
  scope = 'system/ImagingStudy.write',
): Promise<TokenEndpointAnswer> {
  return postToTokenEndpoint(
    issuer,
    { grant_type: 'client_credentials', scope },
    { basicAuth: { clientId: 'dicom-importer', clientSecret } },
  );
}
