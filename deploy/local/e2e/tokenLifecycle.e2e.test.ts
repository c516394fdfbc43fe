// The token lifecycle as a radiologist lives it, with 10-second access tokens so that a minute of reading spans
// several expiries: in Chromium against the whole local stack.
import type { Browser } from 'playwright-core';
import { launchChromium } from '../browser/launchChromium';
import type { EndpointStats } from '../dicomweb';
import type { OidcProviderStats } from '../oidc';
import { startE2eStack, type E2eStack } from './testing/e2eStack';
import { readStoredTokens, revokeRefreshToken, sampleStudyUids, studyUrl } from './testing/studies';
import { newViewerPage, scrollStack, signInAtProvider, waitForDrawnImage, type ViewerPage } from './testing/viewerPage';

jest.setTimeout(240_000);

const accessTokenSeconds = 10;
let stack: E2eStack;
let browser: Browser;
let viewer: ViewerPage;
let studies: string[];

beforeAll(async () => {
  [stack, browser] = await Promise.all([
    startE2eStack(['--access-token-ttl', String(accessTokenSeconds)]),
    launchChromium(),
  ]);
  studies = await sampleStudyUids(stack.summary);
  viewer = await newViewerPage(browser);
  const reader = stack.summary.users.find(user => user.username === 'reader')!;
  // A deep link to a study: after signing in, the viewer lands on that study, not on the study list.
  const deepLink = studyUrl(stack.summary, studies[0]!);
  await viewer.page.goto(deepLink);
  await signInAtProvider(viewer.page, reader.username, reader.password);
  await viewer.page.waitForURL(deepLink, { timeout: 30_000 });
  await waitForDrawnImage(viewer.page);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe(`with ${accessTokenSeconds}-second access tokens`, () => {
  it('reads for a minute across studies with no failed image, refreshing ahead of every expiry, never asking to sign in', async () => {
    const { page } = viewer;
    await Promise.all([stack.endpointControl('stats/reset', {}), stack.providerControl('stats/reset', {})]);
    const navigationsBefore = viewer.navigations.length;
    const failures: string[] = [];
    const started = Date.now();
    let opened = 0;
    while (Date.now() - started < 60_000) {
      // Opening another study loads its series, metadata and frames: requests keep going out all minute long.
      await page.goto(studyUrl(stack.summary, studies[opened % studies.length]!));
      opened++;
      await waitForDrawnImage(page);
      for (let pass = 0; pass < 3; pass++) await scrollStack(page, pass % 2 === 0 ? 19 : -19);
      failures.push(...(await viewer.imageLoads()).failures);
    }
    expect(failures).toEqual([]);
    const endpoint = await stack.endpointControl<EndpointStats>('stats');
    const provider = await stack.providerControl<OidcProviderStats>('stats');
    // Refreshed before expiry: no request ever reached the endpoint with an expired token.
    expect(endpoint.byStatus['403'] ?? 0).toBe(0);
    expect(endpoint.byOperation.GetDICOMInstanceFrames?.byStatus['200']).toBeGreaterThan(opened);
    // A minute of 10-second tokens: at least one refresh per token lifetime, none refused.
    expect(provider.tokenRequests.refresh_token).toBeGreaterThanOrEqual(60 / accessTokenSeconds);
    expect(provider.refusedTokenRequests).toEqual({});
    expect(provider.authorizationRequests).toBe(0);
    const issuerOrigin = new URL(stack.summary.issuer).origin;
    expect(viewer.navigations.slice(navigationsBefore).filter(url => url.startsWith(issuerOrigin))).toEqual([]);
  });

  it('when the refresh token is revoked and the provider session ended, asks to sign in exactly once and comes back to the same study', async () => {
    const { page } = viewer;
    const readingUrl = studyUrl(stack.summary, studies[1]!);
    await page.goto(readingUrl);
    await waitForDrawnImage(page);
    const refreshToken = (await page.evaluate(readStoredTokens)).refresh_token;
    await revokeRefreshToken(stack.summary.issuer, refreshToken!);
    // An administrator ending the user's sessions: without the provider's session cookie the provider cannot sign
    // the user in silently, so the round trip shows its sign-in page. (The viewer keeps no cookies.)
    await viewer.context.clearCookies();
    await stack.providerControl('stats/reset', {});

    // The next refresh (due within half a token lifetime) is refused: the session sends the user to sign in.
    await page.waitForSelector('#username', { timeout: 30_000 });
    const reader = stack.summary.users.find(user => user.username === 'reader')!;
    await signInAtProvider(page, reader.username, reader.password);
    await page.waitForURL(readingUrl, { timeout: 30_000 });
    await waitForDrawnImage(page);

    // Reading goes on: two more token lifetimes without another sign-in (no loop), refreshes working again.
    await page.waitForTimeout(2 * accessTokenSeconds * 1000);
    const provider = await stack.providerControl<OidcProviderStats>('stats');
    expect(provider.authorizationRequests).toBe(1);
    expect(provider.tokenRequests.authorization_code).toBe(1);
    expect(provider.tokenRequests.refresh_token).toBeGreaterThanOrEqual(2);
    expect(page.url()).toBe(readingUrl);
  });
});
