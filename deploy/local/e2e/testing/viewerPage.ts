import type { Browser, BrowserContext, Page } from 'playwright-core';
import { PNG } from 'pngjs';

/** What cornerstone reported about image loads in the page (counted by `imageLoadCounter`). */
export interface ImageLoads {
  loaded: number;
  failed: number;
  failures: string[];
}

/**
 * Counts cornerstone's IMAGE_LOADED and IMAGE_LOAD_FAILED events: OHIF exposes cornerstone as `window.cornerstone`
 * once it has started, so the script waits for it. Runs in every document the page opens (the provider's sign-in
 * page too, where it finds no cornerstone and does nothing).
 */
const imageLoadCounter = `(() => {
  const loads = (window.__imageLoads = { loaded: 0, failed: 0, failures: [] });
  const attach = () => {
    const cornerstone = window.cornerstone;
    if (!cornerstone || !cornerstone.eventTarget || !cornerstone.EVENTS) return void setTimeout(attach, 20);
    cornerstone.eventTarget.addEventListener(cornerstone.EVENTS.IMAGE_LOADED, () => loads.loaded++);
    cornerstone.eventTarget.addEventListener(cornerstone.EVENTS.IMAGE_LOAD_FAILED, event => {
      loads.failed++;
      const error = event.detail && event.detail.error;
      loads.failures.push(String((error && (error.message || error.status)) || error));
    });
  };
  attach();
})();`;

export interface ViewerPage {
  context: BrowserContext;
  page: Page;
  /** Every URL the page navigated to, in order (the top frame only): sign-in round trips show here. */
  navigations: string[];
  imageLoads(): Promise<ImageLoads>;
}

/** A fresh browser context (no cookies, no storage) with the image load counter installed. */
export async function newViewerPage(browser: Browser): Promise<ViewerPage> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(imageLoadCounter);
  const page = await context.newPage();
  const navigations: string[] = [];
  page.on('framenavigated', frame => {
    if (frame === page.mainFrame()) navigations.push(frame.url());
  });
  return {
    context,
    page,
    navigations,
    imageLoads: () => page.evaluate(() => (window as unknown as { __imageLoads: ImageLoads }).__imageLoads),
  };
}

/** Fills in the local provider's sign-in page (inputs #username and #password, button #sign-in). */
export async function signInAtProvider(page: Page, username: string, password: string): Promise<void> {
  await page.waitForSelector('#username', { timeout: 30_000 });
  await page.fill('#username', username);
  await page.fill('#password', password);
  await page.click('#sign-in');
}

/** The viewport where cornerstone draws (OHIF's one viewport in the basic layout). */
export function viewportCanvas(page: Page) {
  return page.locator('canvas.cornerstone-canvas').first();
}

/**
 * Waits until the viewport shows an image, judged from a screenshot's pixels (not the DOM): enough of the
 * viewport is lit, in enough grey levels, that it cannot be an empty, black or uniformly filled canvas.
 */
export async function waitForDrawnImage(page: Page, timeoutMs = 60_000): Promise<PixelSummary> {
  const deadline = Date.now() + timeoutMs;
  let last: PixelSummary | undefined;
  while (Date.now() < deadline) {
    const canvas = viewportCanvas(page);
    if ((await canvas.count()) > 0) {
      last = summarizePixels(await canvas.screenshot());
      if (last.litFraction > 0.1 && last.greyLevels > 32) return last;
    }
    await page.waitForTimeout(250);
  }
  throw new Error(`no image was drawn in the viewport within ${timeoutMs} ms (last look: ${JSON.stringify(last)})`);
}

export interface PixelSummary {
  /** Share of pixels brighter than a dark background (luminance > 40 of 255). */
  litFraction: number;
  /** Distinct luminance values seen: an image has many, a fill or a blank canvas few. */
  greyLevels: number;
}

export function summarizePixels(png: Buffer): PixelSummary {
  const { data, width, height } = PNG.sync.read(png);
  const levels = new Set<number>();
  let lit = 0;
  for (let offset = 0; offset < data.length; offset += 4) {
    const luminance = Math.round(
      0.299 * (data[offset] ?? 0) + 0.587 * (data[offset + 1] ?? 0) + 0.114 * (data[offset + 2] ?? 0),
    );
    levels.add(luminance);
    if (luminance > 40) lit++;
  }
  return { litFraction: lit / (width * height), greyLevels: levels.size };
}

/** Scrolls the viewport's stack by `slices` (positive: forward) with the mouse wheel, one slice at a time. */
export async function scrollStack(page: Page, slices: number): Promise<void> {
  const box = await viewportCanvas(page).boundingBox();
  if (!box) throw new Error('the viewport is not on the page');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let i = 0; i < Math.abs(slices); i++) {
    await page.mouse.wheel(0, slices > 0 ? 100 : -100);
    await page.waitForTimeout(60);
  }
}
