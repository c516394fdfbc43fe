import type { CookieJar } from './CookieJar';
import { SignInOverHttpError } from './signInOverHttp';

/**
 * RP-initiated logout as the viewer does it: the browser (its `cookieJar`, holding the provider session) opens
 * the end-session endpoint with the ID token and a registered post-logout redirect URI, and the provider's
 * sign-out page submits itself. Returns where the provider finally sends the browser (the post-logout redirect
 * URI with `state`, not fetched).
 */
export async function signOutOverHttp(options: {
  issuer: string;
  cookieJar: CookieJar;
  idToken: string;
  postLogoutRedirectUri: string;
  state?: string;
}): Promise<URL> {
  const { issuer, cookieJar, idToken, postLogoutRedirectUri } = options;
  const endSession = new URL('/session/end', issuer);
  endSession.search = new URLSearchParams({
    id_token_hint: idToken,
    post_logout_redirect_uri: postLogoutRedirectUri,
    ...(options.state !== undefined && { state: options.state }),
  }).toString();

  const page = await cookieJar.request(endSession.href);
  const html = await page.text();
  const action = /<form id="op.logoutForm" method="post" action="([^"]+)"/.exec(html)?.[1];
  const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1];
  if (page.status !== 200 || !action || !xsrf) {
    throw new SignInOverHttpError('the end-session endpoint did not show the sign-out form', page.status, html);
  }
  // What the page's script does: submit with the sign-out button, whose value is logout=yes.
  const confirmed = await cookieJar.request(new URL(action, issuer).href, new URLSearchParams({ xsrf, logout: 'yes' }));
  await confirmed.arrayBuffer();
  const location = confirmed.headers.get('location');
  if (confirmed.status !== 303 || !location) {
    throw new SignInOverHttpError('the sign-out was not confirmed', confirmed.status, '');
  }
  return new URL(location, issuer);
}
