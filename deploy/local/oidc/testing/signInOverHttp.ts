import { createHash, randomBytes } from 'node:crypto';

import { CookieJar } from './CookieJar';
import { postToTokenEndpoint } from './tokenRequests';

export interface SignInOverHttpOptions {
  /** The local provider's issuer, e.g. `http://127.0.0.1:5001`. */
  issuer: string;
  username: string;
  password: string;
  /** One of the viewer client's registered redirect URIs (never fetched: the code is read from the redirect). */
  redirectUri: string;
  /** Default `'ohif-viewer'`. */
  clientId?: string;
  /** Default `'openid profile user/ImagingStudy.read'`. */
  scope?: string;
  /** Sent as the Origin of the token request, as a browser would. Default: the redirect URI's origin. */
  origin?: string;
  /**
   * The simulated browser's cookies. Pass one to keep the provider session afterwards (sign-out, silent
   * sign-in). Default: a fresh jar.
   */
  cookieJar?: CookieJar;
}

export interface SignedInTokens {
  accessToken: string;
  refreshToken: string;
  idToken: string;
  /** Seconds, as the token endpoint said. */
  expiresIn: number;
  /** Granted scope of the access token (resource scopes only, e.g. `user/ImagingStudy.read`). */
  scope: string;
}

/** The sign-in did not end with tokens: an unexpected status, an OAuth error, or a token endpoint refusal. */
export class SignInOverHttpError extends Error {
  constructor(
    message: string,
    /** HTTP status of the response that ended the flow. */
    readonly status: number,
    /** Its body (HTML page or JSON text), to show what went wrong. */
    readonly body: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The sign-in page came back again (wrong username or password); `page` is its HTML, error message included. */
export class SignInRejectedError extends SignInOverHttpError {
  constructor(readonly page: string) {
    super('the sign-in page rejected the username or password', 200, page);
  }
}

const maxRedirects = 10;

/**
 * Signs a user in on the local provider the way a browser and oidc-client-ts would, over plain HTTP:
 * authorization request with PKCE (S256), the sign-in form posted with the credentials, redirects followed by
 * hand with a cookie jar until the redirect URI, then the code exchanged at the token endpoint.
 * Returns real tokens (for tests of the endpoint, the authorizer and the viewer's session).
 */
export async function signInOverHttp(options: SignInOverHttpOptions): Promise<SignedInTokens> {
  const { issuer, username, password, redirectUri } = options;
  const clientId = options.clientId ?? 'ohif-viewer';
  const jar = options.cookieJar ?? new CookieJar();
  const verifier = randomBytes(32).toString('base64url');
  const state = randomBytes(16).toString('base64url');

  const authorizationUrl = new URL('/auth', issuer);
  authorizationUrl.search = new URLSearchParams({
    client_id: clientId,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope: options.scope ?? 'openid profile user/ImagingStudy.read',
    state,
    nonce: randomBytes(16).toString('base64url'),
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString();

  const returned = (
    await completeAuthorizationOverHttp({
      authorizationUrl: authorizationUrl.href,
      redirectUri,
      username,
      password,
      cookieJar: jar,
    })
  ).searchParams;
  if (returned.get('error')) {
    throw new SignInOverHttpError(
      `the provider answered ${returned.get('error')}: ${returned.get('error_description') ?? ''}`,
      303,
      returned.toString(),
    );
  }
  if (returned.get('state') !== state) {
    throw new SignInOverHttpError('the redirect carried another state', 303, returned.toString());
  }

  const { status, body } = await postToTokenEndpoint(
    issuer,
    {
      grant_type: 'authorization_code',
      code: returned.get('code') ?? '',
      redirect_uri: redirectUri,
      client_id: clientId,
      code_verifier: verifier,
    },
    { origin: options.origin ?? new URL(redirectUri).origin },
  );
  if (status !== 200 || !body.access_token || !body.refresh_token || !body.id_token) {
    throw new SignInOverHttpError('the token endpoint refused the code', status, JSON.stringify(body));
  }
  return {
    accessToken: body.access_token,
    refreshToken: body.refresh_token,
    idToken: body.id_token,
    expiresIn: body.expires_in ?? 0,
    scope: body.scope ?? '',
  };
}

/**
 * A browser's part of an authorization request that some client built (`authorizationUrl`): follows the provider's
 * redirects with a cookie jar, fills in its sign-in form, and stops at the client's `redirectUri`, which it does
 * not fetch: resolves with that URL (carrying `code` and `state`, or `error`).
 */
export async function completeAuthorizationOverHttp(options: {
  authorizationUrl: string;
  redirectUri: string;
  username: string;
  password: string;
  cookieJar?: CookieJar;
}): Promise<URL> {
  const jar = options.cookieJar ?? new CookieJar();
  // With a jar that holds a provider session, the provider redirects straight back without the form.
  const landing = await follow(jar, options.authorizationUrl, options.redirectUri);
  const callback =
    landing.kind === 'callback'
      ? landing
      : await submitSignInForm(jar, landing, options.username, options.password, options.redirectUri);
  return callback.url;
}

async function submitSignInForm(
  jar: CookieJar,
  signInPage: Extract<Landing, { kind: 'page' }>,
  username: string,
  password: string,
  redirectUri: string,
): Promise<Extract<Landing, { kind: 'callback' }>> {
  if (signInPage.status !== 200) {
    throw new SignInOverHttpError('the provider refused the authorization request', signInPage.status, signInPage.html);
  }
  const action = /<form method="post" action="([^"]+)"/.exec(signInPage.html)?.[1];
  if (!action) {
    throw new SignInOverHttpError('the sign-in page has no form', signInPage.status, signInPage.html);
  }
  const submitted = await jar.request(
    new URL(action, signInPage.url).href,
    new URLSearchParams({ username, password }),
  );
  if (submitted.status === 200) {
    throw new SignInRejectedError(await submitted.text());
  }
  const landing = await continueRedirects(jar, submitted, redirectUri);
  if (landing.kind !== 'callback') {
    throw new SignInOverHttpError('the sign-in did not return to the redirect URI', landing.status, landing.html);
  }
  return landing;
}

type Landing =
  | { kind: 'page'; url: string; status: number; html: string }
  | { kind: 'callback'; url: URL; status: number; html: '' };

async function follow(jar: CookieJar, url: string, redirectUri: string): Promise<Landing> {
  return continueRedirects(jar, await jar.request(url), redirectUri);
}

/** Follows redirects from `response` until a page, or until the redirect URI (not fetched). */
async function continueRedirects(jar: CookieJar, response: Response, redirectUri: string): Promise<Landing> {
  let current = response;
  for (let hops = 0; hops <= maxRedirects; hops += 1) {
    const location = current.headers.get('location');
    if (current.status < 300 || current.status >= 400 || !location) {
      return { kind: 'page', url: current.url, status: current.status, html: await current.text() };
    }
    await current.arrayBuffer();
    const next = new URL(location, current.url);
    if (next.href.startsWith(redirectUri)) {
      return { kind: 'callback', url: next, status: current.status, html: '' };
    }
    current = await jar.request(next.href);
  }
  throw new SignInOverHttpError(`more than ${maxRedirects} redirects`, current.status, '');
}
