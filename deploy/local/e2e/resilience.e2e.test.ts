// HealthImaging refusing requests the way it does in production, in Chromium against the whole local stack: a
// burst of 403 "Invalid or Expired Token" (the tokens in use expire by the service's clock while frames are in
// flight), and the retrieve throttle answering 429 to a viewer that asks faster than 50 requests a second.
import type { Browser } from 'playwright-core';
import { launchChromium } from '../browser/launchChromium';
import type { EndpointStats } from '../dicomweb';
import type { OidcProviderStats } from '../oidc';
import { startE2eStack, type E2eStack } from './testing/e2eStack';
import { sampleStudyUids, studyUrl } from './testing/studies';
import { newViewerPage, scrollStack, signInAtProvider, waitForDrawnImage, type ViewerPage } from './testing/viewerPage';

jest.setTimeout(180_000);

/** The 20-slice MR series: the sample study with the most instances. */
let brainStudy: string;
let stack: E2eStack;
let browser: Browser;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startE2eStack(), launchChromium()]);
  [brainStudy] = (await sampleStudyUids(stack.summary)) as [string];
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function signedInViewer(): Promise<ViewerPage> {
  const viewer = await newViewerPage(browser);
  const reader = stack.summary.users.find(user => user.username === 'reader')!;
  await viewer.page.goto(stack.summary.viewerUrl);
  await signInAtProvider(viewer.page, reader.username, reader.password);
  await viewer.page.getByText('BRAIN').waitFor({ timeout: 60_000 });
  return viewer;
}

/** Scrolls through the whole series until the endpoint has answered every one of its 20 frames. */
async function readWholeSeries(viewer: ViewerPage): Promise<EndpointStats> {
  for (let attempt = 0; attempt < 10; attempt++) {
    await scrollStack(viewer.page, attempt % 2 === 0 ? 19 : -19);
    const stats = await stack.endpointControl<EndpointStats>('stats');
    if ((stats.byOperation.GetDICOMInstanceFrames?.byStatus['200'] ?? 0) >= 20) return stats;
  }
  throw new Error(`the series did not load completely: ${JSON.stringify(await stack.endpointControl('stats'))}`);
}

async function noErrorShown(viewer: ViewerPage): Promise<void> {
  await expect(viewer.page.locator('#healthimaging-sign-in-required').count()).resolves.toBe(0);
  await expect(viewer.page.getByText('Something went wrong').count()).resolves.toBe(0);
}

describe('when HealthImaging refuses requests', () => {
  afterEach(() =>
    stack.endpointControl('knobs', {
      addedLatencyMs: 0,
      throttle: { ratePerSecond: 50, burst: 100 },
      expireTokensIssuedBefore: null,
    }),
  );

  it('a burst of 403 Invalid or Expired Token costs one refresh; every request is retried and every image completes', async () => {
    const viewer = await signedInViewer();
    // Slow answers keep several frame requests in flight at the moment the tokens expire.
    await stack.endpointControl('knobs', { addedLatencyMs: 1000 });
    await Promise.all([stack.endpointControl('stats/reset', {}), stack.providerControl('stats/reset', {})]);
    // The tokens expire once the frames start loading, whenever the OHIF version draws the first image: OHIF
    // 3.14.0-beta.6 draws it only just before it prefetches the rest, so waiting for the image could find every
    // frame loaded already.
    const firstFrameRequest = viewer.page.waitForRequest(request => request.url().includes('/frames/'), {
      timeout: 60_000,
    });
    await viewer.page.goto(studyUrl(stack.summary, brainStudy));
    await firstFrameRequest;
    // The viewer signed in over a second ago: every token it holds now counts as expired for the endpoint.
    await stack.endpointControl('knobs', { expireTokensIssuedBefore: Math.floor(Date.now() / 1000) });
    await waitForDrawnImage(viewer.page);
    const stats = await readWholeSeries(viewer);

    const refused = stats.byStatus['403'] ?? 0;
    expect(refused).toBeGreaterThan(1);
    const provider = await stack.providerControl<OidcProviderStats>('stats');
    expect(provider.tokenRequests).toEqual({ refresh_token: 1 });
    expect(provider.authorizationRequests).toBe(0);
    expect((await viewer.imageLoads()).failures).toEqual([]);
    await noErrorShown(viewer);
    await viewer.context.close();
  });

  it.each([
    // HealthImaging's quota: the mode's request limits keep the viewer within it.
    ['50 requests/s, burst 100', { ratePerSecond: 50, burst: 100 }],
    // A quota the viewer's pace exceeds (another viewer of the same account is busy): 429s are sure to come.
    ['10 requests/s, burst 2', { ratePerSecond: 10, burst: 2 }],
  ])(
    'throttled at %s with 40 ms added latency, the study loads completely, every 429 retried, no error shown',
    async (_case, throttle) => {
      const viewer = await signedInViewer();
      await stack.endpointControl('knobs', { addedLatencyMs: 40, throttle });
      await stack.endpointControl('stats/reset', {});
      await viewer.page.goto(studyUrl(stack.summary, brainStudy));
      await waitForDrawnImage(viewer.page);
      const stats = await readWholeSeries(viewer);

      expect(stats.byStatus['429'] ?? 0).toBe(stats.throttled);
      if (throttle.ratePerSecond < 50) expect(stats.throttled).toBeGreaterThan(0);
      expect((await viewer.imageLoads()).failures).toEqual([]);
      await noErrorShown(viewer);
      console.info(
        `throttle ${throttle.ratePerSecond}/s burst ${throttle.burst}: ${stats.requests} requests, ${stats.throttled} answered 429 and retried`,
      );
      await viewer.context.close();
    },
  );
});
