import { OidcSession } from '../auth/OidcSession';
import { resolveOidcSessionSettings, type OidcSessionSettings } from '../auth/OidcSessionSettings';
import { completeAuthorizationOverHttp } from './completeAuthorizationOverHttp';
import type { FakeClock } from './FakeClock';

/** Settings for the local provider's viewer client, with `overrides` on top. */
export function localProviderSettings(
  issuer: string,
  viewerOrigin: string,
  overrides: Record<string, unknown> = {},
): OidcSessionSettings {
  return resolveOidcSessionSettings(
    { authority: issuer, clientId: 'ohif-viewer', scope: 'openid profile user/ImagingStudy.read', ...overrides },
    { viewerOrigin },
  );
}

/** A session as the viewer page creates it (on jsdom's window), with its navigations recorded instead of performed. */
export function pageSession(settings: OidcSessionSettings, clock: FakeClock, random = () => 0.5) {
  const navigations: string[] = [];
  const session = new OidcSession(settings, { clock, navigate: url => navigations.push(url), random });
  return { session, navigations };
}

/**
 * Signs in as a user would: start (redirect) → the provider's sign-in form → back at the callback → start again
 * on a new page. The first page's session is disposed; the caller disposes the returned one.
 */
export async function signedInSession(settings: OidcSessionSettings, clock: FakeClock) {
  const first = pageSession(settings, clock);
  if ((await first.session.start()) !== 'redirecting') {
    throw new Error('expected the first start to redirect to the provider');
  }
  await first.session.dispose();
  const callback = await completeAuthorizationOverHttp(first.navigations[0] ?? '', {
    redirectUri: settings.redirectUri,
  });
  window.history.replaceState(null, '', callback);
  const page = pageSession(settings, clock);
  if ((await page.session.start()) !== 'signed-in') {
    throw new Error('expected the callback to sign in');
  }
  return page;
}
