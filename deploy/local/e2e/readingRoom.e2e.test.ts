// The reading room: one reader with several tabs of one browser on one sign-in and one HealthImaging quota, in
// Chromium against the whole local stack. Tabs are pages of one browser context (shared storage, Web Locks and
// BroadcastChannel, as tabs of one browser profile); 10-second access tokens put several expiries in every test.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { importDerivedSeries, type DerivedSeries } from '../../bench/derivedSeries';
import { launchChromium } from '../browser/launchChromium';
import type { EndpointStats } from '../dicomweb';
import type { OidcProviderStats } from '../oidc';
import { DicomStore } from '../storage';
import { e2eDataDir, startE2eStack, type E2eStack } from './testing/e2eStack';
import { readStoredTokens, studyUrl } from './testing/studies';
import {
  newViewerPage,
  signInAtProvider,
  waitForDrawnImage,
  type ImageLoads,
  type ViewerPage,
} from './testing/viewerPage';

jest.setTimeout(240_000);

const accessTokenSeconds = 10;
/** Enough frames to outlast the quota's burst several times over in two tabs. */
const slices = 120;
/** Its own data folder: only the derived series, so the sample import is skipped and the study list is short. */
const dataDir = join(e2eDataDir, '..', 'e2e-reading-room');

let stack: E2eStack;
let browser: Browser;
let series: DerivedSeries;
let first: ViewerPage;
let context: BrowserContext;

beforeAll(async () => {
  await mkdir(join(dataDir, 'dicom'), { recursive: true });
  series = await importDerivedSeries(await DicomStore.open(join(dataDir, 'dicom')), slices);
  [stack, browser] = await Promise.all([
    startE2eStack(['--data-dir', dataDir, '--access-token-ttl', String(accessTokenSeconds)]),
    launchChromium(),
  ]);
  first = await newViewerPage(browser);
  context = first.context;
  const reader = stack.summary.users.find(user => user.username === 'reader')!;
  await first.page.goto(studyUrl(stack.summary, series.studyInstanceUid));
  await signInAtProvider(first.page, reader.username, reader.password);
  await waitForDrawnImage(first.page);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** Another tab of the same browser on a study, counting image loads like the first. */
async function openTab(url: string): Promise<{ page: Page; navigations: string[]; imageLoads(): Promise<ImageLoads> }> {
  const page = await context.newPage();
  const navigations: string[] = [];
  page.on('framenavigated', frame => {
    if (frame === page.mainFrame()) navigations.push(frame.url());
  });
  await page.goto(url);
  return {
    page,
    navigations,
    imageLoads: () => page.evaluate(() => (window as unknown as { __imageLoads: ImageLoads }).__imageLoads),
  };
}

const framesServed = (stats: EndpointStats) => stats.byOperation.GetDICOMInstanceFrames?.byStatus['200'] ?? 0;

describe('several tabs of one reader', () => {
  let second: Awaited<ReturnType<typeof openTab>>;

  it('a second tab opened on a study starts signed in, taking the session from the first: no sign-in, no authorization request', async () => {
    await stack.providerControl('stats/reset', {});
    second = await openTab(studyUrl(stack.summary, series.studyInstanceUid));
    await waitForDrawnImage(second.page);
    const provider = await stack.providerControl<OidcProviderStats>('stats');
    expect(provider.authorizationRequests).toBe(0);
    expect(provider.tokenRequests.authorization_code ?? 0).toBe(0);
    const issuerOrigin = new URL(stack.summary.issuer).origin;
    expect(second.navigations.filter(url => url.startsWith(issuerOrigin))).toEqual([]);
    // The tokens were handed over in memory: none of them is in localStorage.
    const localStorageText = await second.page.evaluate(() => Object.values(localStorage).join('\n'));
    expect(localStorageText).not.toMatch(/eyJ[\w-]+\.[\w-]+\./);
  });

  it('under a 10 requests/s quota both tabs load the whole series without the reader scrolling, no frame dropped, few 429s', async () => {
    await stack.endpointControl('knobs', { addedLatencyMs: 40, throttle: { ratePerSecond: 10, burst: 20 } });
    await stack.endpointControl('stats/reset', {});
    const started = Date.now();
    // Both tabs open the series afresh at once: each has its own image cache, so each needs every frame.
    await Promise.all([first.page.reload(), second.page.reload()]);
    let stats = await stack.endpointControl<EndpointStats>('stats');
    while (framesServed(stats) < 2 * slices && Date.now() - started < 150_000) {
      await first.page.waitForTimeout(1000);
      stats = await stack.endpointControl<EndpointStats>('stats');
    }
    const seconds = (Date.now() - started) / 1000;
    const served = framesServed(stats);
    const throttled = stats.byStatus['429'] ?? 0;
    console.info(
      `two tabs, ${slices} frames each, quota 10/s burst 20: ${served} frames served in ${seconds.toFixed(1)} s, ${throttled} answered 429`,
    );
    expect(served).toBeGreaterThanOrEqual(2 * slices);
    for (const tab of [first, second]) {
      const loads = await tab.imageLoads();
      expect(loads.failures).toEqual([]);
    }
    // The tabs shared one pace, adapted to the quota: before, each tab paced at 50/s and drew 1.5 answers 429 per
    // frame served (920 for 600). The endpoint counts them, including those the browser's tools show as cancelled.
    expect(throttled).toBeLessThan(served / 4);
    await stack.endpointControl('knobs', { addedLatencyMs: 0, throttle: { ratePerSecond: 50, burst: 100 } });
  });

  it('refreshes once per expiry for both tabs together: one token request serves every tab, none refused', async () => {
    await Promise.all([stack.providerControl('stats/reset', {}), stack.endpointControl('stats/reset', {})]);
    const windowSeconds = 30;
    await first.page.waitForTimeout(windowSeconds * 1000);
    const provider = await stack.providerControl<OidcProviderStats>('stats');
    const refreshes = provider.tokenRequests.refresh_token ?? 0;
    console.info(
      `two tabs, ${windowSeconds} s of ${accessTokenSeconds}-second tokens: ${refreshes} refresh token requests`,
    );
    // A token is refreshed half-way through its life: one tab alone makes windowSeconds / (ttl / 2) = 6 requests,
    // two uncoordinated tabs twice as many (12); one more for the window's edges.
    const perTab = windowSeconds / (accessTokenSeconds / 2);
    expect(refreshes).toBeGreaterThanOrEqual(perTab - 2);
    expect(refreshes).toBeLessThanOrEqual(perTab + 1);
    expect(provider.refusedTokenRequests).toEqual({});
    expect(provider.authorizationRequests).toBe(0);
    for (const page of [first.page, second.page]) {
      await expect(page.locator('#healthimaging-sign-in-required').count()).resolves.toBe(0);
    }
    // Both tabs hold the same tokens: the newest set, handed from the tab that refreshed to the other.
    // Read a few times: a refresh may land between the two reads, and reaches the other tab a moment later.
    let [firstTokens, secondTokens] = [{}, {}] as Array<ReturnType<typeof readStoredTokens>>;
    for (let look = 0; look < 10; look++) {
      [firstTokens, secondTokens] = await Promise.all([
        first.page.evaluate(readStoredTokens),
        second.page.evaluate(readStoredTokens),
      ]);
      if (firstTokens?.refresh_token === secondTokens?.refresh_token) break;
      await first.page.waitForTimeout(300);
    }
    expect(firstTokens?.refresh_token).toEqual(expect.any(String));
    expect(secondTokens).toEqual(firstTokens);
  });

  it('signing out in one tab signs out the other at once: it stops sending requests and shows the sign-in banner', async () => {
    await first.page.click('#healthimaging-sign-out');
    await second.page.waitForSelector('#healthimaging-sign-in-required', { timeout: 10_000 });
    await expect(second.page.locator('#healthimaging-sign-in-required').textContent()).resolves.toContain(
      'signed out in another tab',
    );
    await stack.endpointControl('stats/reset', {});
    // Scrolling and reloading in the signed-out tab: nothing reaches the endpoint with a token that still works.
    await second.page.reload();
    await second.page.waitForTimeout(3000);
    const stats = await stack.endpointControl<EndpointStats>('stats');
    expect(stats.byStatus['200'] ?? 0).toBe(0);
  });
});
