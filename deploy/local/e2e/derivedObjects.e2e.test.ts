// A SEG overlay, an SR measurement and a PDF over 1 MB (the sample objects derived from the MR series) read in
// Chromium through our data source, with 10-second access tokens so that tokens are refreshed while they load:
// every request to the endpoint carries a bearer token, and none fails.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Request } from 'playwright-core';
import { launchChromium } from '../browser/launchChromium';
import type { EndpointStats } from '../dicomweb';
import type { OidcProviderStats } from '../oidc';
import { dominantColours } from './testing/dominantColours';
import { startE2eStack, type E2eStack } from './testing/e2eStack';
import { sampleStudyUids, studyUrl } from './testing/studies';
import {
  newViewerPage,
  signInAtProvider,
  viewportCanvas,
  waitForDrawnImage,
  type ViewerPage,
} from './testing/viewerPage';

jest.setTimeout(240_000);

const accessTokenSeconds = 10;
/**
 * The derived series' descriptions, as the study browser labels their thumbnails (deploy/local/storage/derivedSamples).
 */
const SEG_DESCRIPTION = 'Segmentation: Head, Bright tissue';
const SR_DESCRIPTION = 'Measurement report: head width';
const PDF_DESCRIPTION = 'Contact sheet: ';
/** The README's picture of the SEG overlay and the SR length is this test's. */
const screenshotPath = join(__dirname, '../../../docs/derived-objects.png');

let stack: E2eStack;
let browser: Browser;
let viewer: ViewerPage;
let brainStudy: string;

beforeAll(async () => {
  [stack, browser] = await Promise.all([
    startE2eStack(['--access-token-ttl', String(accessTokenSeconds)]),
    launchChromium(),
  ]);
  [brainStudy] = (await sampleStudyUids(stack.summary)) as [string];
  viewer = await newViewerPage(browser);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** Waits until the provider has answered at least `count` refresh-token requests since the last stats reset. */
async function refreshesReach(count: number): Promise<void> {
  const deadline = Date.now() + 4 * accessTokenSeconds * 1000;
  while (Date.now() < deadline) {
    const provider = await stack.providerControl<OidcProviderStats>('stats');
    if ((provider.tokenRequests.refresh_token ?? 0) >= count) return;
    await viewer.page.waitForTimeout(250);
  }
  throw new Error(`fewer than ${count} token refreshes within ${4 * accessTokenSeconds} s`);
}

/** Evaluates `read` in the page until it returns a truthy value (OHIF's state, read through `window.services`). */
async function pageState<T>(read: () => T | Promise<T>, what: string, timeoutMs = 60_000): Promise<NonNullable<T>> {
  const handle = await viewer.page
    .waitForFunction(read, undefined, { timeout: timeoutMs, polling: 250 })
    .catch(error => {
      throw new Error(`${what}: not seen within ${timeoutMs} ms (${(error as Error).message.split('\n')[0]})`);
    });
  return (await handle.jsonValue()) as NonNullable<T>;
}

describe(`SEG, SR and bulk data through our data source, with ${accessTokenSeconds}-second tokens`, () => {
  it('hydrates the SEG over its series, draws and lists the SR length, fetches the PDF by BulkDataURI; bearer on every request, refreshes between, no failure', async () => {
    const { page } = viewer;
    const endpointOrigin = new URL(stack.summary.dicomwebUrl).origin;
    const endpointRequests: Request[] = [];
    const failures: string[] = [];
    page.on('request', request => {
      if (request.url().startsWith(endpointOrigin)) endpointRequests.push(request);
    });
    page.on('requestfailed', request => {
      if (request.url().startsWith(endpointOrigin)) failures.push(`${request.failure()?.errorText} ${request.url()}`);
    });
    page.on('response', response => {
      if (response.url().startsWith(endpointOrigin) && response.status() >= 400)
        failures.push(`${response.status()} ${response.url()}`);
    });
    const reader = stack.summary.users.find(user => user.username === 'reader')!;
    const started = Date.now();
    await Promise.all([stack.endpointControl('stats/reset', {}), stack.providerControl('stats/reset', {})]);
    const deepLink = studyUrl(stack.summary, brainStudy);
    await page.goto(deepLink);
    await signInAtProvider(page, reader.username, reader.password);
    await page.waitForURL(deepLink, { timeout: 30_000 });
    await waitForDrawnImage(page);
    // What the viewer's Content-Security-Policy refuses, as the page sees it.
    await page.evaluate(() => {
      const violations: string[] = [];
      (window as unknown as { cspViolations: string[] }).cspViolations = violations;
      document.addEventListener('securitypolicyviolation', event =>
        violations.push(`${event.violatedDirective} ${event.blockedURI}`),
      );
    });
    // OHIF's "for investigational use only" banner covers the bottom of the viewport until confirmed.
    await page.getByRole('button', { name: 'Confirm and hide' }).click();
    expect(dominantColours(await viewportCanvas(page).screenshot())).toEqual({ red: 0, green: 0 });

    // The SEG, loaded after a refresh: its thumbnail double-clicked, "Yes" to hydrating it over the MR series.
    await refreshesReach(1);
    await page.getByText(SEG_DESCRIPTION).first().dblclick();
    await page.getByRole('button', { name: 'Yes' }).click({ timeout: 60_000 });
    const segments = await pageState(() => {
      const { segmentationService } = (
        window as unknown as {
          services: {
            segmentationService: {
              getSegmentations(): Array<{ segments: Record<string, { label: string } | undefined> }>;
            };
          };
        }
      ).services;
      const [segmentation] = segmentationService.getSegmentations();
      return segmentation && Object.values(segmentation.segments).flatMap(segment => (segment ? [segment.label] : []));
    }, 'the SEG hydrated');
    expect(segments).toEqual(['Head', 'Bright tissue']);
    let overlay = { red: 0, green: 0 };
    for (let attempt = 0; attempt < 40 && Math.min(overlay.red, overlay.green) < 1000; attempt++) {
      await page.waitForTimeout(250);
      overlay = dominantColours(await viewportCanvas(page).screenshot());
    }
    // Both segments over the grey image, in their colours: thousands of green and red pixels where there were none.
    expect(overlay.green).toBeGreaterThanOrEqual(1000);
    expect(overlay.red).toBeGreaterThanOrEqual(1000);

    // The SR, after another refresh: drawn in its viewport over the image it measures, then listed once hydrated.
    await refreshesReach(2);
    await page.getByText(SR_DESCRIPTION).first().dblclick();
    const measurement = await pageState(() => {
      const { displaySetService } = (
        window as unknown as {
          services: {
            displaySetService: {
              getActiveDisplaySets(): Array<{
                Modality: string;
                isLoaded?: boolean;
                measurements?: Array<{ loaded: boolean; labels: Array<{ label: string; value: string }> }>;
              }>;
            };
          };
        }
      ).services;
      const sr = displaySetService.getActiveDisplaySets().find(displaySet => displaySet.Modality === 'SR');
      const [first] = sr?.measurements ?? [];
      return sr?.isLoaded && first?.loaded ? first.labels : undefined;
    }, 'the SR measurement loaded onto its image');
    expect(measurement).toEqual([{ label: 'Length', value: expect.stringMatching(/^1\d\d\.\d\d mm$/) }]);
    // Hydrated as OHIF's UI does it: the measurement becomes OHIF's own (the measurement panel lists it) and
    // cornerstone's Length tool draws it, in the viewport's SVG layer, as a horizontal line hundreds of pixels long.
    await page.evaluate(() => {
      const { commandsManager, services } = window as unknown as {
        commandsManager: { runCommand(name: string, options: unknown): unknown };
        services: {
          displaySetService: { getActiveDisplaySets(): Array<{ Modality: string }> };
          viewportGridService: { getActiveViewportId(): string };
        };
      };
      const displaySet = services.displaySetService
        .getActiveDisplaySets()
        .find(candidate => candidate.Modality === 'SR');
      return commandsManager.runCommand('hydrateSecondaryDisplaySet', {
        displaySet,
        viewportId: services.viewportGridService.getActiveViewportId(),
      });
    });
    const listed = await pageState(() => {
      const { measurementService, displaySetService } = (
        window as unknown as {
          services: {
            measurementService: {
              getMeasurements(): Array<{
                toolName: string;
                referenceSeriesUID: string;
                displayText?: { primary?: string[]; secondary?: string[] };
              }>;
            };
            displaySetService: { getActiveDisplaySets(): Array<{ Modality: string; SeriesInstanceUID: string }> };
          };
        }
      ).services;
      const mrSeries = displaySetService
        .getActiveDisplaySets()
        .find(displaySet => displaySet.Modality === 'MR')?.SeriesInstanceUID;
      const measurements = measurementService.getMeasurements();
      return (
        measurements.length > 0 &&
        measurements.map(({ toolName, referenceSeriesUID, displayText }) => ({
          toolName,
          onMrSeries: referenceSeriesUID === mrSeries,
          displayText,
        }))
      );
    }, 'the SR measurement listed after hydration');
    // The panel's text: the length (rounded to mm) on series 2, image 11, the slice the report measured.
    expect(listed).toEqual([
      { toolName: 'Length', onMrSeries: true, displayText: { primary: ['152 mm'], secondary: ['S: 2 I: 11'] } },
    ]);
    const drawnLine = await pageState(() => {
      const lines = [...document.querySelectorAll('.svg-layer line')].map(line => ({
        width: Math.abs(Number(line.getAttribute('x2')) - Number(line.getAttribute('x1'))),
        height: Math.abs(Number(line.getAttribute('y2')) - Number(line.getAttribute('y1'))),
      }));
      return lines.find(line => line.width > 100);
    }, 'the SR length drawn in the viewport');
    expect(drawnLine.height).toBeLessThan(1);
    await writeFile(screenshotPath, await page.screenshot());

    // The PDF: fetched by its BulkDataURI when its display set was made; the viewer holds the whole document.
    const pdf = await pageState(async () => {
      const { displaySetService } = (
        window as unknown as {
          services: {
            displaySetService: {
              getActiveDisplaySets(): Array<{
                Modality: string;
                instance?: { EncapsulatedDocument?: { DirectRetrieveURL?: string } };
              }>;
            };
          };
        }
      ).services;
      const url = displaySetService.getActiveDisplaySets().find(displaySet => displaySet.Modality === 'DOC')?.instance
        ?.EncapsulatedDocument?.DirectRetrieveURL;
      if (!url) return undefined;
      const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
      return { bytes: bytes.length, head: String.fromCharCode(...bytes.subarray(0, 8)) };
    }, 'the PDF document in the viewer');
    expect(pdf.head).toBe('%PDF-1.4');
    expect(pdf.bytes).toBeGreaterThan(1024 * 1024);
    // Shown in its viewport: OHIF's PDF viewport puts the document's blob: URL in an <object>.
    await page.getByText(PDF_DESCRIPTION).first().dblclick();
    const shownPdf = await pageState(
      () => document.querySelector('object[type="application/pdf"]')?.getAttribute('data') ?? undefined,
      'the PDF viewport',
    );
    expect(shownPdf).toMatch(/^blob:/);
    // Chromium's PDF viewer then loads the document in a frame of its own; nothing of it may be refused (with
    // object-src 'none' and frame-src 'none' the viewport said "No online PDF viewer installed").
    await page.waitForTimeout(1500);
    expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);

    const seconds = (Date.now() - started) / 1000;
    const endpoint = await stack.endpointControl<EndpointStats>('stats');
    const provider = await stack.providerControl<OidcProviderStats>('stats');
    const requested = (operation: string) => endpoint.byOperation[operation]?.byStatus['200'] ?? 0;
    expect(requested('GetDICOMSeriesMetadata')).toBeGreaterThanOrEqual(4);
    expect(requested('GetDICOMInstanceFrames')).toBeGreaterThan(0);
    // OHIF loads a SEG as one Part 10 instance, and the PDF by its BulkDataURI.
    expect(requested('GetDICOMInstance')).toBeGreaterThanOrEqual(1);
    expect(
      endpointRequests.some(
        request => request.url().includes(`/instances/`) && !/\/(frames|metadata|bulkdata)\b/.test(request.url()),
      ),
    ).toBe(true);
    expect(endpointRequests.filter(request => request.url().endsWith('/bulkdata/00420011'))).not.toHaveLength(0);
    for (const [operation, counts] of Object.entries(endpoint.byOperation)) {
      expect({ operation, withoutBearerToken: counts.withoutBearerToken }).toEqual({
        operation,
        withoutBearerToken: 0,
      });
    }
    expect(
      endpointRequests
        .filter(request => !/^Bearer ./.test(request.headers().authorization ?? ''))
        .map(request => request.url()),
    ).toEqual([]);
    expect(failures).toEqual([]);
    expect(Object.keys(endpoint.byStatus)).toEqual(['200']);
    expect((await viewer.imageLoads()).failures).toEqual([]);
    expect(provider.tokenRequests.refresh_token).toBeGreaterThanOrEqual(2);
    expect(provider.refusedTokenRequests).toEqual({});

    const byKind = {
      qido: ['SearchDICOMStudies', 'SearchDICOMSeries', 'SearchDICOMInstances'].reduce(
        (sum, operation) => sum + requested(operation),
        0,
      ),
      metadata: requested('GetDICOMSeriesMetadata') + requested('GetDICOMInstanceMetadata'),
      frames: requested('GetDICOMInstanceFrames'),
      instance: requested('GetDICOMInstance'),
      bulkdata: requested('GetDICOMBulkdata'),
    };
    console.info(
      `derived objects: ${seconds.toFixed(1)} s, requests ${JSON.stringify(byKind)}, ${provider.tokenRequests.refresh_token} refreshes, ` +
        `overlay pixels ${JSON.stringify(overlay)}, PDF ${pdf.bytes} bytes`,
    );
  });
});
