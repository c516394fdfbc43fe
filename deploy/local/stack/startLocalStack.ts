import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createAuthorizer, type DecisionLogEntry } from 'ohif-healthimaging-authorizer';
import { datastorePath } from 'ohif-healthimaging-contract';
import { localAppConfigValues, renderAppConfig } from 'ohif-healthimaging-platform-config';
import {
  assembleViewer,
  fetchOhifApp,
  ohifAppVersion,
  securityHeaders,
  selectedOhifAppVersion,
  serveViewer,
} from '../../viewer';
import { startDicomwebEndpoint, type RequestLogEntry, type RunningEndpoint } from '../dicomweb';
import { demoUsers, startOidcProvider, type LocalUser, type RunningOidcProvider } from '../oidc';
import { idpProfile } from '../oidc/idpProfiles';
import { loopbackRedirectUri } from '../../import/userSignIn';
import { startLocalImportJobs } from '../importJobs/startLocalImportJobs';
import { DicomStore, importSampleData } from '../storage';
import { assertPortsFree } from './assertPortsFree';
import { localRoles } from './localAuthorizerSettings';
import { localIdentity } from './localIdentity';
import { localRegion, loopbackHost, type LocalStackSettings } from './LocalStackSettings';
import { LocalStackSettingsError } from './LocalStackSettingsError';
import { pickFreePorts } from './pickFreePorts';
import { runtimeBundles } from './runtimeBundles';
import { StartedParts } from './StartedParts';
import { viewerRetrieveRateLimit } from './viewerRetrieveRateLimit';

/** The local stack, listening. Every URL has the port actually listened on. */
export interface RunningLocalStack {
  /** The viewer, `http://127.0.0.1:<port>` (it also works as `http://localhost:<port>`). */
  viewerUrl: string;
  /** The OpenID Connect provider's issuer, `http://127.0.0.1:<port>`. */
  issuer: string;
  /** The HealthImaging-compatible endpoint, `http://127.0.0.1:<port>` (the app-config's `endpoint`). */
  dicomwebUrl: string;
  /** The DICOMweb root, `<dicomwebUrl>/datastore/<datastoreId>`; also the audience of the access tokens. */
  datastoreUrl: string;
  datastoreId: string;
  /** Where studies (`dicom/`), the provider's keys and sessions (`oidc/`) and the assembled viewer (`viewer/`) live. */
  dataDir: string;
  /** HealthImaging import jobs from S3 without AWS: where `npm run import -- --via s3` uploads and starts jobs. */
  importJobs: { s3Endpoint: string; controlPlaneEndpoint: string; bucket: string; roleArn: string };
  /** Who can sign in, with their passwords (local demo accounts). */
  users: LocalUser[];
  /** The endpoint's stats and knobs (also served at `/__local/*` with `testControl`). */
  endpoint: Omit<RunningEndpoint, 'close'>;
  /** The provider's stats. */
  provider: Omit<RunningOidcProvider, 'close'>;
  /** Stops the viewer, the endpoint and the provider (which then saves its sessions); later calls await the first. */
  stop(): Promise<void>;
}

export interface LocalStackOptions {
  /** Progress lines (sample import, viewer assembly) and the authorizer's denials. Default `console.info`. */
  log?: (line: string) => void;
  /**
   * Origins (`http://127.0.0.1:<port>`) of further viewers served beside the stack's own, e.g. the benchmark's stock
   * OHIF, added to `settings.extraViewerOrigins` (known only once their ports are picked): the endpoint allows them
   * (CORS) and the provider accepts their `/callback` and `/` redirects. Default none.
   */
  extraViewerOrigins?: string[];
  /**
   * Called after each DICOMweb request is answered (the endpoint's `onRequest`: no token, no query string), e.g. for
   * the benchmark to count each reader's requests by the study in the path. Default none.
   */
  onDicomwebRequest?: (entry: RequestLogEntry) => void;
}

const repositoryRoot = resolve(__dirname, '../../..');

/**
 * Starts the local stack on 127.0.0.1: the OpenID Connect provider, the HealthImaging-compatible DICOMweb endpoint
 * (guarded by the shared authorizer, configured for that provider) and the prebuilt viewer with our plugins and an
 * app-config pointing at both. The sample objects the store lacks are imported. Ports of 0 get free ones. If a
 * part fails to start, the parts already started are stopped before the error is thrown.
 * The runtime bundles must be built (`npm run build`); `start.ts` builds them when they are missing.
 */
export async function startLocalStack(
  settings: LocalStackSettings,
  options: LocalStackOptions = {},
): Promise<RunningLocalStack> {
  const log = options.log ?? (line => console.info(line));
  const { dataDir, datastoreId } = settings;
  const claims = [
    { name: 'viewer', port: settings.viewerPort, flag: '--viewer-port' },
    { name: 'OpenID Connect provider', port: settings.oidcPort, flag: '--oidc-port' },
    { name: 'DICOMweb endpoint', port: settings.dicomwebPort, flag: '--dicomweb-port' },
  ];
  await assertPortsFree(loopbackHost, [
    ...claims,
    { name: 'S3-compatible server', port: settings.s3Port ?? 0, flag: '--s3-port' },
    { name: 'import-job emulation', port: settings.importJobsPort ?? 0, flag: '--import-jobs-port' },
  ]);
  if (settings.importDir !== undefined && !(await stat(settings.importDir).catch(() => undefined))?.isDirectory()) {
    throw new LocalStackSettingsError(
      '--import',
      `must be a folder of DICOM files; ${settings.importDir} is not a folder`,
    );
  }

  const store = await DicomStore.open(join(dataDir, 'dicom'));
  // Every start: what is stored already costs a parse, and a data folder older than a sample object gets it.
  await importSampleData(store, { log });
  if (settings.importDir !== undefined) {
    const report = await store.importFolder(settings.importDir);
    log(
      `import ${settings.importDir}: ${report.accepted.length} instance(s) imported, ${report.duplicates.length} already stored, ` +
        `${report.rejected.length} rejected${report.rejected.map(file => `; ${file.sourceName}: ${file.reason}`).join('')}`,
    );
  }
  const ohifVersion = selectedOhifAppVersion();
  if (ohifVersion !== ohifAppVersion())
    log(`viewer: @ohif/app ${ohifVersion} (OHIF_APP_VERSION), not the pinned ${ohifAppVersion()}`);
  const ohifDist = await fetchOhifApp({ log, version: ohifVersion });

  // Picked last, just before listening, to keep short the moment in which another program could take them.
  const [viewerPort, oidcPort, dicomwebPort] = (await pickFreePorts(loopbackHost, claims)) as [number, number, number];
  const extraViewerOrigins = [...settings.extraViewerOrigins, ...(options.extraViewerOrigins ?? [])];
  const viewerOrigins = [
    `http://${loopbackHost}:${viewerPort}`,
    `http://localhost:${viewerPort}`,
    ...extraViewerOrigins,
  ];
  if (extraViewerOrigins.length > 0) log(`viewers also allowed to sign in and read: ${extraViewerOrigins.join(', ')}`);
  // The provider names it as its tokens' audience before the endpoint listens.
  const datastoreUrl = `http://${loopbackHost}:${dicomwebPort}${datastorePath(datastoreId)}`;
  // Known before the provider listens, so that the viewer's app-config and the authorizer can name it.
  const issuer = `http://${loopbackHost}:${oidcPort}${idpProfile(settings.idpProfile).issuerPath}`;
  const identity = localIdentity(settings.idpProfile, issuer, datastoreUrl, datastoreId);
  if (settings.idpProfile !== 'oidc')
    log(`identity provider: the local one standing in for ${settings.idpProfile}, issuer ${issuer}`);
  const viewerDir = join(dataDir, 'viewer');
  const manifest = await assembleViewer({
    ohifDist,
    outDir: viewerDir,
    plugins: runtimeBundles(repositoryRoot),
    appConfigJs: pluginUrls =>
      renderAppConfig(
        localAppConfigValues({
          oidcPort,
          dicomwebPort,
          datastoreId,
          pluginUrls,
          region: localRegion,
          authority: identity.viewer.authority,
          ...((settings.viewerScope ?? identity.viewer.scope)
            ? { scope: settings.viewerScope ?? identity.viewer.scope }
            : {}),
          ...(identity.viewer.extraQueryParams ? { extraQueryParams: identity.viewer.extraQueryParams } : {}),
          retrieveRateLimit: viewerRetrieveRateLimit(settings.throttle),
        }),
      ),
  });
  log(
    `viewer: assembled ${manifest.files.length} files (${Math.round(manifest.totalBytes / 2 ** 20)} MB) in ${viewerDir}`,
  );

  const parts = new StartedParts();
  try {
    const provider = await startOidcProvider({
      dataDir: join(dataDir, 'oidc'),
      port: oidcPort,
      resource: datastoreUrl,
      accessTokenTtlSeconds: settings.accessTokenTtlSeconds,
      // Whichever loopback name the viewer is opened with, sign-in and sign-out return to it (the extension's default).
      viewer: {
        // ... and `npm run import -- --sign-in` signs the importer in through the same client (loopback redirect).
        redirectUris: [...viewerOrigins.map(origin => `${origin}/callback`), loopbackRedirectUri()],
        postLogoutRedirectUris: viewerOrigins.map(origin => `${origin}/`),
      },
      users: demoUsers,
      testControl: settings.testControl,
      idpProfile: settings.idpProfile,
    });
    parts.add('OpenID Connect provider', provider.close);

    const authorizer = createAuthorizer(identity.authorizer, {
      // An allow is a line per frame; a denial says why a request got 403 (expired, wrong audience, no grant...).
      logger: line => {
        if ((JSON.parse(line) as DecisionLogEntry).decision === 'deny') log(`authorizer: ${line}`);
      },
    });
    await authorizer.warmUp();
    const endpoint = await startDicomwebEndpoint({
      port: dicomwebPort,
      datastoreId,
      store,
      authorize: authorizer.authorize,
      roles: localRoles,
      throttle: settings.throttle,
      allowedOrigins: viewerOrigins,
      testControl: settings.testControl,
      limits: { requestTimeoutMs: settings.requestTimeoutSeconds * 1000 },
      ...(options.onDicomwebRequest ? { onRequest: options.onDicomwebRequest } : {}),
    });
    parts.add('DICOMweb endpoint', endpoint.close);

    const importJobs = await startLocalImportJobs({
      datastoreId,
      store,
      s3Dir: join(dataDir, 's3'),
      s3Port: settings.s3Port ?? 0,
      controlPlanePort: settings.importJobsPort ?? 0,
      log,
    });
    parts.add('import-job emulation', importJobs.close);

    const viewer = await serveViewer({
      root: viewerDir,
      port: viewerPort,
      headers: securityHeaders({
        dicomWebOrigins: [endpoint.url],
        identityOrigins: [new URL(provider.issuer).origin],
        tls: false,
        scriptHashes: manifest.scriptHashes,
      }),
    });
    parts.add('viewer', viewer.close);

    const { close: _closeEndpoint, ...endpointControls } = endpoint;
    const { close: _closeProvider, ...providerControls } = provider;
    let stopping: Promise<void> | undefined;
    return {
      viewerUrl: viewer.url,
      issuer: provider.issuer,
      dicomwebUrl: endpoint.url,
      datastoreUrl: endpoint.datastoreUrl,
      datastoreId,
      dataDir,
      importJobs: {
        s3Endpoint: importJobs.s3Endpoint,
        controlPlaneEndpoint: importJobs.controlPlaneEndpoint,
        bucket: importJobs.bucket,
        roleArn: importJobs.roleArn,
      },
      users: demoUsers,
      endpoint: endpointControls,
      provider: providerControls,
      stop: () => (stopping ??= parts.closeAll()),
    };
  } catch (error) {
    await parts.closeAll().catch((stopError: Error) => log(stopError.message));
    throw error;
  }
}
