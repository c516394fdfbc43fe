// The account's retrieve quota, set once for the local stack (`--throttle-rate`, `--throttle-burst`), reaches the
// running viewer: platform-config renders it as the data source's retrieveRateLimit, the extension accepts it at
// start-up, and the viewer paces its retrieve requests at it, so the endpoint's throttle has next to nothing to
// refuse. Chromium against the whole local stack.
import type { Browser } from 'playwright-core';
import { launchChromium } from '../browser/launchChromium';
import type { EndpointStats } from '../dicomweb';
import { startE2eStack, type E2eStack } from './testing/e2eStack';
import { newViewerPage, signInAtProvider, waitForDrawnImage, type ViewerPage } from './testing/viewerPage';

jest.setTimeout(180_000);

/** Far below HealthImaging's default 50/s, so that a viewer pacing at the default is refused again and again. */
const quota = { rate: 2, burst: 4 };

let stack: E2eStack;
let browser: Browser;
let viewer: ViewerPage;

beforeAll(async () => {
  [stack, browser] = await Promise.all([
    startE2eStack(['--throttle-rate', String(quota.rate), '--throttle-burst', String(quota.burst)]),
    launchChromium(),
  ]);
  viewer = await newViewerPage(browser);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

it("renders the stack's quota as the viewer's retrieveRateLimit, and the viewer reads a study within it", async () => {
  const { page } = viewer;
  const reader = stack.summary.users.find(user => user.username === 'reader')!;
  await page.goto(stack.summary.viewerUrl);
  await signInAtProvider(page, reader.username, reader.password);
  await page.getByText('BRAIN').waitFor({ timeout: 60_000 });
  const rendered = await page.evaluate(
    () =>
      (window as unknown as { config: { dataSources: Array<{ configuration: { retrieveRateLimit?: unknown } }> } })
        .config.dataSources[0]?.configuration.retrieveRateLimit,
  );
  expect(rendered).toEqual({ requestsPerSecond: quota.rate, burst: quota.burst });

  await stack.endpointControl('stats/reset', {});
  await page.getByText('BRAIN').click();
  await page.click('button:has-text("AWS HealthImaging")');
  await page.waitForURL(/\/healthimaging\?StudyInstanceUIDs=/, { timeout: 30_000 });
  await waitForDrawnImage(page);
  // Let the thumbnails and prefetch run for a few seconds at the quota.
  await page.waitForTimeout(5000);
  const stats = await stack.endpointControl<EndpointStats>('stats');
  const served = stats.byOperation.GetDICOMInstanceFrames?.byStatus['200'] ?? 0;
  const throttled = stats.byStatus['429'] ?? 0;
  console.info(`quota ${quota.rate}/s burst ${quota.burst}: ${served} frames served, ${throttled} answered 429`);
  expect(served).toBeGreaterThan(quota.burst);
  expect(await viewer.imageLoads()).toMatchObject({ failed: 0 });
  // Paced at the quota from the first request, the throttle refuses (almost) nothing: 1 here, where a viewer pacing
  // at HealthImaging's default 50/s (the stack before it rendered the quota) drew 39 before it had adapted.
  expect(throttled).toBeLessThanOrEqual(5);
});
