import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../local/browser/launchChromium';
import { assembleViewer } from './assembleViewer';
import { fetchOhifApp } from './fetchOhifApp';
import { securityHeaders } from './securityHeaders';
import { serveViewer, type RunningViewer } from './serveViewer';

/**
 * The real prebuilt OHIF viewer, assembled and served with our security headers, loads its study list without a
 * single Content-Security-Policy violation. The study list talks to a minimal DICOMweb server on another origin
 * (an empty QIDO answer with CORS), so connect-src is exercised too. No plugins: this checks OHIF itself.
 */
describe('the prebuilt viewer under our Content-Security-Policy', () => {
  let dir: string;
  let dicomweb: Server;
  let dicomwebOrigin: string;
  let viewer: RunningViewer;
  let browser: Browser;
  const qidoRequests: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'viewer-csp-'));
    dicomweb = createServer((request, response) => {
      response.setHeader('Access-Control-Allow-Origin', '*');
      response.setHeader('Access-Control-Allow-Headers', '*');
      if (request.method === 'OPTIONS') return void response.end();
      qidoRequests.push(request.url ?? '');
      response.setHeader('Content-Type', 'application/dicom+json');
      response.end('[]');
    });
    await new Promise<void>(resolve => dicomweb.listen(0, '127.0.0.1', resolve));
    const address = dicomweb.address();
    dicomwebOrigin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

    const manifest = await assembleViewer({
      ohifDist: await fetchOhifApp({ log: () => undefined }),
      outDir: join(dir, 'viewer'),
      plugins: [],
      appConfigJs: () => stockDicomwebConfig(`${dicomwebOrigin}/dicomweb`),
    });
    viewer = await serveViewer({
      root: join(dir, 'viewer'),
      port: 0,
      headers: securityHeaders({
        dicomWebOrigins: [dicomwebOrigin],
        identityOrigins: [],
        tls: false,
        scriptHashes: manifest.scriptHashes,
      }),
    });
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await viewer?.close();
    await new Promise(resolve => dicomweb?.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows the study list with no CSP violation', async () => {
    const page = await browser.newPage();
    const violations: string[] = [];
    const consoleErrors: string[] = [];
    page.on('console', message => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    await page.exposeFunction('reportCspViolation', (text: string) => violations.push(text));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', event => {
        (window as unknown as { reportCspViolation(text: string): void }).reportCspViolation(
          `${event.violatedDirective} blocked ${event.blockedURI} (${event.sourceFile}:${event.lineNumber})`,
        );
      });
    });

    await page.goto(viewer.url, { waitUntil: 'load' });
    await page.waitForFunction(() => document.body.innerText.includes('Study List'), undefined, { timeout: 60_000 });
    await page.waitForTimeout(1000);
    expect(qidoRequests.some(url => url.startsWith('/dicomweb/studies'))).toBe(true);
    expect(violations).toEqual([]);
    expect(consoleErrors.filter(text => /Content Security Policy|Refused to/i.test(text))).toEqual([]);
    await page.close();
  }, 120_000);
});

/** OHIF's stock DICOMweb data source, pointed at the test's server. */
function stockDicomwebConfig(root: string): string {
  const config = {
    routerBasename: '/',
    extensions: [],
    modes: [],
    showStudyList: true,
    defaultDataSourceName: 'dicomweb',
    dataSources: [
      {
        namespace: '@ohif/extension-default.dataSourcesModule.dicomweb',
        sourceName: 'dicomweb',
        configuration: {
          friendlyName: 'test',
          name: 'test',
          qidoRoot: root,
          wadoRoot: root,
          wadoUriRoot: root,
          qidoSupportsIncludeField: false,
          imageRendering: 'wadors',
          thumbnailRendering: 'wadors',
          enableStudyLazyLoad: true,
          supportsFuzzyMatching: false,
          supportsWildcard: true,
        },
      },
    ],
  };
  return `window.config = ${JSON.stringify(config)};\nwindow.config.httpErrorHandler = function (error) { console.warn(error); };\n`;
}
