export {
  assembleViewer,
  manifestFileName,
  type AssembleViewerOptions,
  type ViewerFile,
  type ViewerManifest,
  type ViewerPlugin,
} from './assembleViewer';
export { cacheControlFor, cachingFor, type Caching } from './cachePolicy';
export { contentTypeFor } from './contentTypes';
export {
  AssembleViewerError,
  OhifAppFetchError,
  OhifAppIntegrityError,
  OhifAppVersionError,
  ViewerOptionError,
  ViewerPortInUseError,
} from './errors';
export { fetchOhifApp, ohifAppVersion, type FetchOhifAppOptions } from './fetchOhifApp';
export { inlineScriptHashes } from './inlineScriptHashes';
export { ohifAppVersionVariable, selectedOhifAppVersion } from './ohifAppVersion';
export { omittedAssets } from './omittedAssets';
export { securityHeaders, type SecurityHeadersOptions } from './securityHeaders';
export { serveViewer, type RunningViewer, type ServeViewerOptions } from './serveViewer';
