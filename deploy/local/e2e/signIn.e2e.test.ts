// A radiologist's first visit, in Chromium against the whole local stack (`npm start`): sign in at the provider,
// the study list, a study opened in our mode, drawn, then a reload and a sign-out. The real provider, the real
// authorizer in front of the HealthImaging-compatible endpoint, the real prebuilt OHIF viewer with our plugins.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../browser/launchChromium';
import type { EndpointStats } from '../dicomweb';
import type { OidcProviderStats } from '../oidc';
import { startE2eStack, type E2eStack } from './testing/e2eStack';
import { readStoredTokens } from './testing/studies';
import { newViewerPage, signInAtProvider, waitForDrawnImage, type ViewerPage } from './testing/viewerPage';

jest.setTimeout(180_000);

/** The README's screenshot of the signed-in viewer is this test's. */
const screenshotPath = join(__dirname, '../../../docs/viewer.png');

let stack: E2eStack;
let browser: Browser;
let viewer: ViewerPage;
let studyUrl: string;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startE2eStack(), launchChromium()]);
  viewer = await newViewerPage(browser);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const reader = () => stack.summary.users.find(user => user.username === 'reader')!;

describe('signing in and reading a study', () => {
  it('asks to sign in, then shows the sample studies in the study list', async () => {
    const { page } = viewer;
    await page.goto(stack.summary.viewerUrl);
    await signInAtProvider(page, reader().username, reader().password);
    await page.getByText('BRAIN').waitFor({ timeout: 60_000 });
    expect(new URL(page.url()).origin).toBe(stack.summary.viewerUrl);
    await expect(page.getByText('1-9 of 9').count()).resolves.toBe(1);
    await expect(page.locator('#healthimaging-session').textContent()).resolves.toContain('reader');
  });

  it('opens a study in our mode and draws its image, every request to the endpoint carrying a bearer token', async () => {
    const { page } = viewer;
    await stack.endpointControl('stats/reset', {});
    await page.getByText('BRAIN').click();
    await page.click('button:has-text("AWS HealthImaging")');
    await page.waitForURL(/\/healthimaging\?StudyInstanceUIDs=/, { timeout: 30_000 });
    studyUrl = page.url();
    const pixels = await waitForDrawnImage(page);
    expect(pixels.litFraction).toBeGreaterThan(0.1);
    expect(await viewer.imageLoads()).toMatchObject({ failed: 0 });
    await mkdir(join(screenshotPath, '..'), { recursive: true });
    await writeFile(screenshotPath, await page.screenshot());

    const stats = await stack.endpointControl<EndpointStats>('stats');
    // QIDO (XHR through dicomweb-client), series metadata (XHR), frames (the image loader's streaming fetch,
    // thumbnails included): each path was used, and no request of any path went out without the token.
    expect(Object.keys(stats.byOperation)).toEqual(
      expect.arrayContaining([
        'SearchDICOMStudies',
        'SearchDICOMSeries',
        'GetDICOMSeriesMetadata',
        'GetDICOMInstanceFrames',
      ]),
    );
    for (const [operation, counts] of Object.entries(stats.byOperation)) {
      expect({ operation, withoutBearerToken: counts.withoutBearerToken }).toEqual({
        operation,
        withoutBearerToken: 0,
      });
    }
    expect(stats.byStatus['403'] ?? 0).toBe(0);
    // Frames were asked for as HTJ2K (what HealthImaging stores), not transcoded: no 406 fallback was needed.
    expect(stats.byStatus['406'] ?? 0).toBe(0);
  });

  it('keeps the tokens out of URLs and out of localStorage', async () => {
    const { page } = viewer;
    const tokens = await page.evaluate(readStoredTokens);
    expect(tokens.access_token).toEqual(expect.any(String));
    const secrets = [tokens.access_token!, tokens.refresh_token!];
    const localStorageText = await page.evaluate(() => Object.values(localStorage).join('\n'));
    for (const secret of secrets) {
      expect(localStorageText.includes(secret)).toBe(false);
      expect(viewer.navigations.filter(url => url.includes(secret))).toEqual([]);
    }
    // The sign-in callback's code and state do not stay in the address bar.
    expect(page.url()).not.toMatch(/[?&](code|state)=/);
  });

  it('keeps the session across a reload without going back to the provider', async () => {
    const { page } = viewer;
    await stack.providerControl('stats/reset', {});
    await page.reload();
    await waitForDrawnImage(page);
    expect(page.url()).toBe(studyUrl);
    const provider = await stack.providerControl<OidcProviderStats>('stats');
    expect(provider.authorizationRequests).toBe(0);
    expect(provider.tokenRequests).toEqual({});
  });

  it('signs out: the refresh token is revoked at the provider, and the next visit asks to sign in', async () => {
    const { page } = viewer;
    const refreshToken = (await page.evaluate(readStoredTokens)).refresh_token;
    expect(refreshToken).toEqual(expect.any(String));
    await stack.providerControl('stats/reset', {});
    await page.click('#healthimaging-sign-out');
    await page.waitForSelector('#username', { timeout: 30_000 });
    expect(new URL(page.url()).origin).toBe(stack.summary.issuer);
    const provider = await stack.providerControl<OidcProviderStats>('stats');
    expect(provider.revocations).toBeGreaterThanOrEqual(1);
    expect(provider.endSessions).toBe(1);

    // The revoked refresh token no longer works at the token endpoint.
    const refused = await fetch(`${stack.summary.issuer}/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: refreshToken!,
        client_id: 'ohif-viewer',
      }),
    });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: string }).error).toBe('invalid_grant');

    // A new visit to the study asks to sign in again.
    await page.goto(studyUrl);
    await page.waitForSelector('#username', { timeout: 30_000 });
  });
});
