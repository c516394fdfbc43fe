import { CookieJar } from 'ohif-healthimaging-deploy/local/oidc/testing';

/**
 * Plays the browser's part of a sign-in at the local provider: opens the authorization URL the session navigated
 * to, fills in the sign-in form (unless the jar already holds a provider session), follows the redirects and
 * returns the callback URL (`<redirectUri>?code=...&state=...`) without opening it.
 */
export async function completeAuthorizationOverHttp(
  authorizationUrl: string,
  {
    redirectUri,
    username = 'reader',
    password = 'reader-password',
    jar = new CookieJar(),
  }: {
    redirectUri: string;
    username?: string;
    password?: string;
    jar?: CookieJar;
  },
): Promise<string> {
  let landing = await follow(jar, await jar.request(authorizationUrl), redirectUri);
  if (landing.callback === undefined) {
    const action = /<form method="post" action="([^"]+)"/.exec(landing.html)?.[1];
    if (action === undefined) {
      throw new Error(`expected the sign-in form, got status ${landing.status}: ${landing.html.slice(0, 300)}`);
    }
    const submitted = await jar.request(new URL(action, landing.url).href, new URLSearchParams({ username, password }));
    landing = await follow(jar, submitted, redirectUri);
  }
  if (landing.callback === undefined) {
    throw new Error(`the sign-in did not come back to ${redirectUri}: status ${landing.status}`);
  }
  return landing.callback;
}

interface Landing {
  url: string;
  status: number;
  html: string;
  callback?: string;
}

async function follow(jar: CookieJar, first: Response, redirectUri: string): Promise<Landing> {
  let response = first;
  for (let hops = 0; hops < 10; hops++) {
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || location === null) {
      return { url: response.url, status: response.status, html: await response.text() };
    }
    await response.arrayBuffer();
    const next = new URL(location, response.url).href;
    if (next.startsWith(redirectUri)) {
      return { url: response.url, status: response.status, html: '', callback: next };
    }
    response = await jar.request(next);
  }
  throw new Error('more than 10 redirects');
}
