import type { Browser, BrowserContext, Page } from 'playwright-core';
import { loadProbeScript } from './pageScripts';

/** How a viewer variant gets its requests authorized. */
export type ViewerAuth =
  /** Our extension: the real sign-in page in the browser, then its session adds the token. */
  | { kind: 'sign-in'; username: string; password: string }
  /** Stock OHIF: the browser adds this header to every request (as OHIF's own OIDC would add a token). */
  | { kind: 'header'; accessToken: string }
  | { kind: 'none' };

export interface ViewerTarget {
  /** The viewer's base URL, no trailing slash. */
  baseUrl: string;
  auth: ViewerAuth;
  /** The series whose frame loads the probe records. */
  seriesInstanceUid: string;
}

export interface OpenViewer {
  context: BrowserContext;
  page: Page;
  /** OHIF's own timings from the console (`studyToFirstImage: 812.3 ms` and the like), by name, last value wins. */
  ohifTimings: Map<string, number>;
  close(): Promise<void>;
}

const timingLine =
  /^(studyToFirstImage|displaySetsToFirstImage|studyToDisplaySetsLoaded|displaySetsToAllImages): ([\d.]+) ?ms$/;

/**
 * A fresh browser context (empty cache, cookies and storage) on the viewer's study list, signed in if the variant
 * signs in. Opening the study list first puts OHIF's scripts in the HTTP cache for every variant alike, so the
 * measured navigation that follows compares loading a study, not downloading the app (or signing in).
 */
export async function openViewer(browser: Browser, target: ViewerTarget): Promise<OpenViewer> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    ...(target.auth.kind === 'header'
      ? { extraHTTPHeaders: { Authorization: `Bearer ${target.auth.accessToken}` } }
      : {}),
  });
  try {
    await context.addInitScript(loadProbeScript(target.seriesInstanceUid));
    const page = await context.newPage();
    const ohifTimings = new Map<string, number>();
    page.on('console', message => {
      const match = timingLine.exec(message.text());
      if (match) ohifTimings.set(match[1] as string, Number(match[2]));
    });
    await page.goto(`${target.baseUrl}/`);
    if (target.auth.kind === 'sign-in') {
      await page.waitForSelector('#username', { timeout: 60_000 });
      await page.fill('#username', target.auth.username);
      await page.fill('#password', target.auth.password);
      await page.click('#sign-in');
    }
    await page.waitForFunction(`document.body && document.body.innerText.includes('Study List')`, undefined, {
      timeout: 90_000,
      polling: 200,
    });
    return { context, page, ohifTimings, close: () => context.close() };
  } catch (error) {
    await context.close();
    throw error;
  }
}
