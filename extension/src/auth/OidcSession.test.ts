/**
 * @jest-environment ./extension/src/testing/browserEnvironment.js
 * @jest-environment-options {"url": "http://127.0.0.1:3999/viewer?StudyInstanceUIDs=1.2.3"}
 */
// The identity provider is the real local one (deploy/local/oidc) in a child process; the browser is jsdom with
// its real sessionStorage and history; only leaving the page is captured (jsdom cannot navigate).
import { refreshOverHttp } from 'ohif-healthimaging-deploy/local/oidc/testing';
import { SignInRequiredError, TokenRefreshError } from './errors';
import { OidcSession, type OidcSessionState } from './OidcSession';
import type { OidcSessionSettings } from './OidcSessionSettings';
import { completeAuthorizationOverHttp } from '../testing/completeAuthorizationOverHttp';
import { FakeClock, waitFor } from '../testing/FakeClock';
import { startLocalProvider, type LocalProvider } from '../testing/localProvider';
import { localProviderSettings, pageSession as createPageSession, signedInSession } from '../testing/signedInSession';

jest.setTimeout(60_000);

const viewerOrigin = 'http://127.0.0.1:3999';
const deepLink = `${viewerOrigin}/viewer?StudyInstanceUIDs=1.2.3`;
let provider: LocalProvider;
const sessions: OidcSession[] = [];

beforeAll(async () => {
  provider = await startLocalProvider(viewerOrigin);
});

afterAll(async () => {
  await provider.close();
});

beforeEach(() => {
  window.sessionStorage.clear();
  window.history.replaceState(null, '', deepLink);
});

afterEach(async () => {
  await Promise.all(sessions.splice(0).map(session => session.dispose()));
});

function settings(overrides: Record<string, unknown> = {}): OidcSessionSettings {
  return localProviderSettings(provider.issuer, viewerOrigin, overrides);
}

function pageSession(sessionSettings: OidcSessionSettings, clock: FakeClock) {
  const page = createPageSession(sessionSettings, clock);
  sessions.push(page.session);
  return page;
}

async function signedIn(sessionSettings: OidcSessionSettings, clock: FakeClock) {
  const page = await signedInSession(sessionSettings, clock);
  sessions.push(page.session);
  return page;
}

describe('OidcSession', () => {
  it('signs in with a redirect, completes the callback and puts the deep link back without code or state', async () => {
    const clock = new FakeClock();
    const first = pageSession(settings(), clock);
    await expect(first.session.start()).resolves.toBe('redirecting');
    expect(first.session.state).toBe('redirecting');
    const authorization = new URL(first.navigations[0] ?? '');
    expect(authorization.origin).toBe(provider.issuer);
    expect(authorization.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorization.searchParams.get('redirect_uri')).toBe(`${viewerOrigin}/callback`);

    const callback = await completeAuthorizationOverHttp(authorization.href, {
      redirectUri: `${viewerOrigin}/callback`,
    });
    window.history.replaceState(null, '', callback);
    const page = pageSession(settings(), clock);
    const users: unknown[] = [];
    page.session.on('user-changed', user => users.push(user));
    await expect(page.session.start()).resolves.toBe('signed-in');

    expect(window.location.href).toBe(deepLink);
    expect(page.session.getAccessToken()).toMatch(/^ey/);
    expect(users).toHaveLength(1);
    expect(page.session.user?.profile.sub).toBe('reader');
    // Tokens live in sessionStorage (default), never in the URL.
    expect(Object.keys(window.sessionStorage).some(key => key.includes('user:'))).toBe(true);
    expect(Object.keys(window.localStorage)).toHaveLength(0);
  });

  it('keeps the user across a reload and does not go back to the provider while the token is valid', async () => {
    const clock = new FakeClock();
    await signedIn(settings(), clock);
    const before = await provider.tokenRequests();
    const reloaded = pageSession(settings(), clock);
    await expect(reloaded.session.start()).resolves.toBe('signed-in');
    expect(reloaded.navigations).toEqual([]);
    expect(await provider.tokenRequests()).toEqual(before);
  });

  it('refreshes at the configured margin before expiry, with one token request, and schedules the next one', async () => {
    const clock = new FakeClock();
    const { session } = await signedIn(settings({ refreshMarginSeconds: 45 }), clock);
    const firstToken = session.getAccessToken();
    const expiresAt = (session.user?.expires_at ?? 0) * 1000;
    expect(clock.now() + (clock.nextDelay() ?? NaN)).toBe(expiresAt - 45_000);

    const before = (await provider.tokenRequests()).refresh_token ?? 0;
    await clock.advance((clock.nextDelay() ?? 0) - 1);
    expect((await provider.tokenRequests()).refresh_token ?? 0).toBe(before);
    await clock.advance(1);
    await waitFor(() => session.getAccessToken() !== firstToken, 'the refreshed token');
    expect((await provider.tokenRequests()).refresh_token).toBe(before + 1);
    expect(session.state).toBe('signed-in');
    // oidc-client-ts dates the new token by Date.now(), which the fake clock has run ahead of: the new token looks
    // shorter-lived to the session, so the clamp to half its lifetime may apply.
    const nextExpiresAt = (session.user?.expires_at ?? 0) * 1000;
    const remaining = nextExpiresAt - clock.now();
    expect(clock.nextDelay()).toBe(remaining - Math.min(45_000, remaining / 2));
  });

  it('clamps the margin to half the lifetime of short tokens', async () => {
    const clock = new FakeClock();
    const { session } = await signedIn(settings({ refreshMarginSeconds: 400 }), clock);
    const lifetime = (session.user?.expires_at ?? 0) * 1000 - clock.now();
    expect(clock.nextDelay()).toBe(lifetime / 2);
  });

  it('coalesces concurrent refreshes into one token request', async () => {
    const clock = new FakeClock();
    const { session } = await signedIn(settings(), clock);
    const before = (await provider.tokenRequests()).refresh_token ?? 0;
    const oldToken = session.getAccessToken();
    await Promise.all(Array.from({ length: 50 }, () => session.refresh()));
    expect((await provider.tokenRequests()).refresh_token).toBe(before + 1);
    expect(session.getAccessToken()).not.toBe(oldToken);
    // A caller whose request was refused with the old token after the refresh just uses the new one.
    await session.refreshAfterRejection(oldToken);
    expect((await provider.tokenRequests()).refresh_token).toBe(before + 1);
  });

  it('refreshes an expired stored token at start-up with the refresh token, never with an iframe', async () => {
    const clock = new FakeClock();
    const { session } = await signedIn(settings(), clock);
    const expiresAt = (session.user?.expires_at ?? 0) * 1000;
    const later = new FakeClock(expiresAt + 1000);
    const before = (await provider.tokenRequests()).refresh_token ?? 0;
    const reloaded = pageSession(settings(), later);
    await expect(reloaded.session.start()).resolves.toBe('signed-in');
    expect((await provider.tokenRequests()).refresh_token).toBe(before + 1);
    expect(reloaded.navigations).toEqual([]);
    expect(document.querySelectorAll('iframe')).toHaveLength(0);
  });

  it('backs off on transient refresh failures while the provider is down, then recovers in the background', async () => {
    const clock = new FakeClock();
    const { session } = await signedIn(
      settings({ refreshRetry: { maxAttempts: 4, baseDelayMs: 1000, maxDelayMs: 8000 } }),
      clock,
    );
    const token = session.getAccessToken();
    await provider.stop();
    try {
      const failure = session.refresh();
      const settled = failure.catch(error => error);
      // random() is 0.5: full-jitter waits are half of 1 s, 2 s, 4 s.
      for (const expected of [500, 1000, 2000]) {
        await waitFor(() => clock.pendingCount > 0 && clock.nextDelay() === expected, `a ${expected} ms backoff`);
        expect(session.getAccessToken()).toBe(token);
        await clock.advance(expected);
      }
      const error = await settled;
      expect(error).toBeInstanceOf(TokenRefreshError);
      expect((error as TokenRefreshError).attempts).toBe(4);
      expect(session.state).toBe('signed-in');
    } finally {
      await provider.restart();
    }
    // The scheduled refresh that fails keeps retrying every maxDelayMs until the provider answers again.
    const expiresAt = (session.user?.expires_at ?? 0) * 1000;
    await clock.advance(expiresAt - 60_000 - clock.now());
    await waitFor(() => session.getAccessToken() !== token, 'the refreshed token');
  });

  it('on a refused refresh token redirects once, and stops instead of looping when it is refused again', async () => {
    const clock = new FakeClock();
    const { session, navigations } = await signedIn(settings({ signInLoopWindowSeconds: 100 }), clock);
    // Long enough after this sign-in that a refusal is not a loop (and before the scheduled refresh).
    await clock.advance(101_000);
    const required: SignInRequiredError[] = [];
    const states: OidcSessionState[] = [];
    // Someone else uses (rotates) the refresh token: the session's copy is now refused with invalid_grant.
    await refreshOverHttp(provider.issuer, session.user?.refresh_token ?? '');
    session.on('state-changed', state => states.push(state));
    await expect(session.refresh()).rejects.toMatchObject({ name: 'SignInRequiredError', redirecting: true });
    expect(states).toEqual(['redirecting']);
    expect(navigations).toHaveLength(1);
    expect(session.getAccessToken()).toBeUndefined();
    expect(window.location.href).toBe(deepLink);

    // Back from the provider on a new page...
    const callback = await completeAuthorizationOverHttp(navigations[0] ?? '', {
      redirectUri: `${viewerOrigin}/callback`,
    });
    window.history.replaceState(null, '', callback);
    const again = pageSession(settings({ signInLoopWindowSeconds: 100 }), clock);
    again.session.on('sign-in-required', error => required.push(error));
    await expect(again.session.start()).resolves.toBe('signed-in');
    expect(window.location.href).toBe(deepLink);
    // ...and the refresh token is refused again right away: no second redirect, an error state instead.
    await refreshOverHttp(provider.issuer, again.session.user?.refresh_token ?? '');
    await expect(again.session.refresh()).rejects.toMatchObject({ name: 'SignInRequiredError', redirecting: false });
    expect(again.navigations).toEqual([]);
    expect(again.session.state).toBe('sign-in-required');
    expect(required).toHaveLength(1);
    // Later calls do not try again either; only the user's own sign-in does.
    await expect(again.session.refresh()).rejects.toBeInstanceOf(SignInRequiredError);
    await again.session.signIn();
    expect(again.navigations).toHaveLength(1);
  });

  it('stops instead of redirecting when the refresh token is refused right after the first sign-in', async () => {
    const clock = new FakeClock();
    const { session, navigations } = await signedIn(settings(), clock);
    await refreshOverHttp(provider.issuer, session.user?.refresh_token ?? '');
    await expect(session.refresh()).rejects.toMatchObject({ redirecting: false });
    expect(navigations).toEqual([]);
    expect(session.state).toBe('sign-in-required');
  });

  it('surfaces a failed callback as sign-in-required and cleans the URL, without redirecting', async () => {
    const clock = new FakeClock();
    window.history.replaceState(null, '', `${viewerOrigin}/callback?code=forged&state=unknown`);
    const page = pageSession(settings(), clock);
    await expect(page.session.start()).rejects.toBeInstanceOf(SignInRequiredError);
    expect(page.session.state).toBe('sign-in-required');
    expect(page.navigations).toEqual([]);
    expect(window.location.search).toBe('');
  });

  it('signs out: revokes the tokens, forgets the user and leaves for the end-session endpoint', async () => {
    const clock = new FakeClock();
    const { session, navigations } = await signedIn(settings(), clock);
    const refreshToken = session.user?.refresh_token ?? '';
    await session.signOut();
    expect(session.user).toBeUndefined();
    expect(Object.keys(window.sessionStorage).some(key => key.includes('user:'))).toBe(false);
    const logout = new URL(navigations[0] ?? '');
    expect(logout.pathname).toContain('session/end');
    expect(logout.searchParams.get('post_logout_redirect_uri')).toBe(`${viewerOrigin}/`);
    expect(logout.searchParams.get('id_token_hint')).toMatch(/^ey/);
    const refreshed = await refreshOverHttp(provider.issuer, refreshToken);
    expect(refreshed.body.error).toBe('invalid_grant');
  });

  it('revokes through the fetch of the window it was given, not the global one', async () => {
    const clock = new FakeClock();
    const { session } = await signedIn(settings(), clock);
    const refreshToken = session.user?.refresh_token ?? '';
    const { revocation_endpoint: revocationEndpoint } = (await (
      await fetch(`${provider.issuer}/.well-known/openid-configuration`)
    ).json()) as { revocation_endpoint: string };
    // The same page as a window of its own whose fetch records what goes through it (oidc-client-ts's discovery
    // and token requests use the global fetch; only the revocation is the session's own request).
    const sent: string[] = [];
    const pageWindow = new Proxy(window, {
      get: (target, key) =>
        key === 'fetch'
          ? (input: RequestInfo | URL, init?: RequestInit) => {
              sent.push(String(input));
              return target.fetch(input, init);
            }
          : Reflect.get(target, key),
    });
    const navigations: string[] = [];
    const reloaded = new OidcSession(settings(), {
      clock,
      window: pageWindow,
      navigate: url => navigations.push(url),
      random: () => 0.5,
    });
    sessions.push(reloaded);
    await expect(reloaded.start()).resolves.toBe('signed-in');
    await reloaded.signOut();
    expect(sent).toEqual([revocationEndpoint, revocationEndpoint]);
    expect(navigations).toHaveLength(1);
    const refreshed = await refreshOverHttp(provider.issuer, refreshToken);
    expect(refreshed.body.error).toBe('invalid_grant');
  });

  it('signs out of Cognito with its own /logout endpoint', async () => {
    const clock = new FakeClock();
    const cognito = settings({
      provider: 'cognito',
      cognitoDomain: 'https://viewer.auth.us-east-1.amazoncognito.com',
      revokeOnSignOut: false,
    });
    const { session, navigations } = await signedIn(cognito, clock);
    await session.signOut();
    expect(navigations).toEqual([
      `https://viewer.auth.us-east-1.amazoncognito.com/logout?client_id=ohif-viewer&logout_uri=${encodeURIComponent(`${viewerOrigin}/`)}`,
    ]);
  });

  it('with memory storage keeps no tokens in web storage, so a reload signs in again', async () => {
    const clock = new FakeClock();
    const memory = settings({ storage: 'memory' });
    const { session } = await signedIn(memory, clock);
    expect(session.getAccessToken()).toMatch(/^ey/);
    expect(Object.keys(window.sessionStorage).some(key => key.includes('user:'))).toBe(false);
    const reloaded = pageSession(memory, clock);
    await expect(reloaded.session.start()).resolves.toBe('redirecting');
  });
});
