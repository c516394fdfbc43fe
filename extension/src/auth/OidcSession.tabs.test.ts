/**
 * @jest-environment ./extension/src/testing/browserEnvironment.js
 * @jest-environment-options {"url": "http://127.0.0.1:3998/viewer?StudyInstanceUIDs=1.2.3"}
 */
// Tabs of one browser as sessions on one jsdom window: each with its own tab id and its tokens in memory (as a
// tab's own sessionStorage would keep them apart), Node's BroadcastChannel between them and the in-process Web
// Locks stand-in (Node 20 has none; the browser test readingRoom.e2e runs the real ones). The identity provider is
// the real local one, with rotating refresh tokens whose reuse it refuses.
import { BroadcastChannel as NodeBroadcastChannel } from 'node:worker_threads';
import type { TabEnvironment } from '../tabs/TabEnvironment';
import { InProcessLocks } from '../tabs/testing/InProcessLocks';
import { SignInRequiredError } from './errors';
import { OidcSession } from './OidcSession';
import type { OidcSessionSettings } from './OidcSessionSettings';
import { completeAuthorizationOverHttp } from '../testing/completeAuthorizationOverHttp';
import { FakeClock } from '../testing/FakeClock';
import { startLocalProvider, type LocalProvider } from '../testing/localProvider';
import { localProviderSettings } from '../testing/signedInSession';

jest.setTimeout(60_000);

const viewerOrigin = 'http://127.0.0.1:3998';
const deepLink = `${viewerOrigin}/viewer?StudyInstanceUIDs=1.2.3`;
let provider: LocalProvider;
let locks: InProcessLocks;
const sessions: OidcSession[] = [];

beforeAll(async () => {
  provider = await startLocalProvider(viewerOrigin);
});

afterAll(async () => {
  await provider.close();
});

beforeEach(() => {
  window.sessionStorage.clear();
  window.localStorage.clear();
  window.history.replaceState(null, '', deepLink);
  locks = new InProcessLocks();
  storage = 'memory';
});

afterEach(async () => {
  await Promise.all(sessions.splice(0).map(session => session.dispose()));
});

interface ProviderCounts {
  tokenRequests: Record<string, number>;
  refusedTokenRequests: Record<string, number>;
  authorizationRequests: number;
}

async function providerCounts(): Promise<ProviderCounts> {
  return (await (await fetch(`${provider.issuer}/__local/stats`)).json()) as ProviderCounts;
}

/** Where each tab keeps its tokens: its own memory, or the localStorage all tabs share (`storage: 'local'`). */
let storage: 'memory' | 'local' = 'memory';
const settings = (): OidcSessionSettings => localProviderSettings(provider.issuer, viewerOrigin, { storage });

function tab(tabId: string, clock: FakeClock) {
  const tabs: TabEnvironment = {
    locks: locks.forOwner(tabId),
    openChannel: name => new NodeBroadcastChannel(name) as unknown as BroadcastChannel,
    tabId,
  };
  const navigations: string[] = [];
  const session = new OidcSession(settings(), {
    clock,
    navigate: url => navigations.push(url),
    random: () => 0.5,
    tabs,
  });
  sessions.push(session);
  return { session, navigations };
}

/** The first tab signs in at the provider (redirect, sign-in form, callback), as a user would. */
async function firstTabSignedIn(clock: FakeClock) {
  const leaving = tab('first-before-sign-in', clock);
  await expect(leaving.session.start()).resolves.toBe('redirecting');
  const callback = await completeAuthorizationOverHttp(leaving.navigations[0] ?? '', {
    redirectUri: settings().redirectUri,
  });
  window.history.replaceState(null, '', callback);
  const first = tab('first', clock);
  await expect(first.session.start()).resolves.toBe('signed-in');
  return first;
}

describe('OidcSession across tabs', () => {
  it('a new tab starts signed in with the tokens of an open tab, without a request to the provider', async () => {
    const clock = new FakeClock();
    const first = await firstTabSignedIn(clock);
    const before = await providerCounts();
    window.history.replaceState(null, '', deepLink);
    const second = tab('second', clock);
    await expect(second.session.start()).resolves.toBe('signed-in');
    expect(second.navigations).toEqual([]);
    expect(second.session.getAccessToken()).toBe(first.session.getAccessToken());
    const after = await providerCounts();
    expect(after.authorizationRequests).toBe(before.authorizationRequests);
    expect(after.tokenRequests).toEqual(before.tokenRequests);
  });

  it.each(['memory', 'local'] as const)(
    'two tabs racing one rotation redeem the refresh token once, none refused, both hold the new tokens (storage %s)',
    async tokenStorage => {
      storage = tokenStorage;
      const clock = new FakeClock();
      const first = await firstTabSignedIn(clock);
      const second = tab('second', clock);
      await second.session.start();
      const signedInToken = first.session.getAccessToken();
      for (let round = 1; round <= 3; round++) {
        const before = await providerCounts();
        await Promise.all([first.session.refresh(), second.session.refresh()]);
        const after = await providerCounts();
        expect((after.tokenRequests.refresh_token ?? 0) - (before.tokenRequests.refresh_token ?? 0)).toBe(1);
        expect(after.refusedTokenRequests).toEqual({});
        expect(second.session.getAccessToken()).toBe(first.session.getAccessToken());
      }
      expect(first.session.getAccessToken()).not.toBe(signedInToken);
      // The chain of rotations is intact: the provider still takes the newest refresh token.
      expect(first.session.state).toBe('signed-in');
      expect(second.session.state).toBe('signed-in');
    },
  );

  it('a sign-out in one tab ends the session in every tab, and a tab opened afterwards must sign in', async () => {
    const clock = new FakeClock();
    const first = await firstTabSignedIn(clock);
    const second = tab('second', clock);
    await second.session.start();
    const ended = new Promise<SignInRequiredError>(resolve => second.session.on('sign-in-required', resolve));
    await first.session.signOut();
    await expect(ended).resolves.toMatchObject({ message: 'you signed out in another tab', redirecting: false });
    expect(second.session.state).toBe('sign-in-required');
    expect(second.session.getAccessToken()).toBeUndefined();
    await expect(second.session.refresh()).rejects.toBeInstanceOf(SignInRequiredError);

    window.history.replaceState(null, '', deepLink);
    const third = tab('third', clock);
    await expect(third.session.start()).resolves.toBe('redirecting');
    expect(third.navigations[0]).toMatch(new RegExp(`^${provider.issuer}/auth\\?`));
  });

  it('a tab left alone after the others closed refreshes by itself', async () => {
    const clock = new FakeClock();
    const first = await firstTabSignedIn(clock);
    const second = tab('second', clock);
    await second.session.start();
    await first.session.dispose();
    locks.crash('first');
    const before = await providerCounts();
    await second.session.refresh();
    const after = await providerCounts();
    expect((after.tokenRequests.refresh_token ?? 0) - (before.tokenRequests.refresh_token ?? 0)).toBe(1);
    expect(after.refusedTokenRequests).toEqual({});
    expect(second.session.state).toBe('signed-in');
  });
});
