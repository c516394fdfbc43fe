import { join, resolve } from 'node:path';
import { localAppConfigValues, renderAppConfig } from 'ohif-healthimaging-platform-config';
import { assembleViewer, fetchOhifApp, securityHeaders, serveViewer, type RunningViewer } from '../viewer';
import { loopbackHost } from '../local/stack/LocalStackSettings';
import { parseLocalStackSettings } from '../local/stack/parseLocalStackSettings';
import { pickFreePorts } from '../local/stack/pickFreePorts';
import { ensureRuntimeBundles, runtimeBundles } from '../local/stack/runtimeBundles';
import { startLocalStack, type RunningLocalStack } from '../local/stack/startLocalStack';
import { DicomStore } from '../local/storage';
import { importCtStudies } from './ctStudies';
import { importDerivedSeries, type DerivedSeries } from './derivedSeries';
import type { TimedRequest } from './readingRoomFigures';
import { stockAppConfig, withModeRequestLimits, withoutAuthAppConfig, withoutClientPacing } from './viewerConfigs';

export const repositoryRoot = resolve(__dirname, '../..');

/** The local stack with the bench's series, and the two viewers served beside our own. */
export interface BenchStack {
  stack: RunningLocalStack;
  series: DerivedSeries;
  /** The reading room's CT studies (none unless `ctStudies` was asked for), one per reader. */
  ctStudies: DerivedSeries[];
  /** Base URLs (no trailing slash) of the viewers: all the same prebuilt OHIF, different app-configs. */
  viewers: { ours: string; stock: string; withoutAuth: string; oursTuned: string; oursUnpaced: string };
  /** Every DICOMweb request the endpoint answered since the last `clearRequestLog`, with the bench's clock. */
  requestLog(): readonly TimedRequest[];
  clearRequestLog(): void;
  /** The demo user of group `readers`, who signs in everywhere. */
  reader: { username: string; password: string };
  stop(): Promise<void>;
}

export interface BenchStackOptions {
  /** The bench's own data folder (studies, provider keys, assembled viewers), apart from `npm start`'s. */
  dataDir: string;
  slices: number;
  /** The prefetch limit of the diagnostic viewer: ours with only `requestLimits.prefetch` changed in app-config. */
  tunedPrefetch: number;
  /** The reading room's CT studies to import (`importCtStudies`), or none. */
  ctStudies?: { slices: number; count: number };
  log: (line: string) => void;
}

/**
 * Starts the local stack on free ports with test control on and hour-long access tokens (no refresh falls inside a
 * measured load), after importing the derived series (and the reading room's CT studies) into the bench's data
 * folder. Four more viewers are assembled from the same prebuilt OHIF and served on their own origins, which the
 * stack is told to allow: stock OHIF with OHIF's DICOMweb data source, our mode with our data source's configuration
 * but no extension (no auth), our viewer with another prefetch limit (the evidence for or against changing the
 * mode's default), and our viewer without client pacing (auth overhead against the unpaced no-auth viewer).
 */
export async function startBenchStack({
  dataDir,
  slices,
  tunedPrefetch,
  ctStudies,
  log,
}: BenchStackOptions): Promise<BenchStack> {
  await ensureRuntimeBundles(repositoryRoot, log);
  const store = await DicomStore.open(join(dataDir, 'dicom'));
  const series = await importDerivedSeries(store, slices);
  const readingRoomStudies = ctStudies ? await importCtStudies(store, ctStudies.slices, ctStudies.count) : [];
  const claims = [
    'viewer',
    'provider',
    'endpoint',
    'stock viewer',
    'no-auth viewer',
    'tuned viewer',
    'unpaced viewer',
  ].map(name => ({
    name,
    port: 0,
    flag: name,
  }));
  const [viewerPort, oidcPort, dicomwebPort, stockPort, withoutAuthPort, tunedPort, unpacedPort] = (await pickFreePorts(
    loopbackHost,
    claims,
  )) as number[];
  const origin = (port: number | undefined) => `http://${loopbackHost}:${port}`;
  const settings = parseLocalStackSettings(
    [
      ...[
        '--viewer-port',
        String(viewerPort),
        '--oidc-port',
        String(oidcPort),
        '--dicomweb-port',
        String(dicomwebPort),
      ],
      ...['--data-dir', dataDir, '--access-token-ttl', '3600', '--test-control'],
    ],
    {},
    repositoryRoot,
  );
  let requests: TimedRequest[] = [];
  const stack = await startLocalStack(settings, {
    log,
    extraViewerOrigins: [origin(stockPort), origin(withoutAuthPort), origin(tunedPort), origin(unpacedPort)],
    onDicomwebRequest: ({ path, operation, status }) =>
      void requests.push({ atMs: performance.now(), path, operation, status }),
  });
  const served: RunningViewer[] = [];
  try {
    const ohifDist = await fetchOhifApp({ log });
    const bundles = runtimeBundles(repositoryRoot);
    const modeBundle = bundles.filter(bundle => bundle.name === 'mode');
    const ourAppConfig = (pluginUrls: Record<string, string>) =>
      renderAppConfig(
        localAppConfigValues({
          oidcPort: oidcPort as number,
          dicomwebPort: dicomwebPort as number,
          datastoreId: stack.datastoreId,
          pluginUrls,
        }),
      );
    const variants = [
      { folder: 'viewer-stock', port: stockPort, plugins: [], appConfig: () => stockAppConfig(stack.datastoreUrl) },
      {
        folder: 'viewer-no-auth',
        port: withoutAuthPort,
        plugins: modeBundle,
        appConfig: (urls: Record<string, string>) => withoutAuthAppConfig(stack.datastoreUrl, urls.mode as string),
      },
      {
        folder: 'viewer-tuned',
        port: tunedPort,
        plugins: bundles,
        appConfig: (pluginUrls: Record<string, string>) =>
          withModeRequestLimits(ourAppConfig(pluginUrls), { prefetch: tunedPrefetch }),
      },
      {
        folder: 'viewer-unpaced',
        port: unpacedPort,
        plugins: bundles,
        appConfig: (pluginUrls: Record<string, string>) => withoutClientPacing(ourAppConfig(pluginUrls)),
      },
    ];
    for (const variant of variants) {
      const root = join(dataDir, variant.folder);
      const manifest = await assembleViewer({
        ohifDist,
        outDir: root,
        plugins: variant.plugins,
        appConfigJs: variant.appConfig,
      });
      served.push(
        await serveViewer({
          root,
          port: variant.port as number,
          headers: securityHeaders({
            dicomWebOrigins: [stack.dicomwebUrl],
            identityOrigins: [stack.issuer],
            tls: false,
            scriptHashes: manifest.scriptHashes,
          }),
        }),
      );
    }
  } catch (error) {
    await Promise.all(served.map(viewer => viewer.close()));
    await stack.stop();
    throw error;
  }
  const reader = stack.users.find(user => user.groups.includes('readers'));
  if (!reader) throw new Error('the local stack has no user in group readers');
  return {
    stack,
    series,
    ctStudies: readingRoomStudies,
    reader: { username: reader.username, password: reader.password },
    viewers: {
      ours: stack.viewerUrl,
      stock: served[0]!.url,
      withoutAuth: served[1]!.url,
      oursTuned: served[2]!.url,
      oursUnpaced: served[3]!.url,
    },
    requestLog: () => requests,
    clearRequestLog: () => {
      requests = [];
    },
    stop: async () => {
      await Promise.all(served.map(viewer => viewer.close()));
      await stack.stop();
    },
  };
}
