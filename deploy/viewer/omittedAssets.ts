/**
 * Parts of the prebuilt OHIF viewer that our viewer never loads, and why. `assembleViewer` leaves them out
 * (about 160 MB of the 204 MB). Each reason was checked against the OHIF 3.13.2 bundle.
 */
export const omittedAssets: ReadonlyArray<{ path: string; reason: string }> = [
  {
    path: 'ort/',
    reason:
      'onnxruntime-web (136 MB): only @cornerstonejs/ai\'s ONNXSegmentationController loads it (wasmPaths "ort/"), for AI segmentation tools our mode does not offer',
  },
  {
    path: 'dicom-microscopy-viewer/',
    reason:
      'whole-slide microscopy viewer (20 MB): imported only by the microscopy extension for SM series; our mode does not use it',
  },
  { path: 'google.js', reason: 'alternative app-config for Google Cloud Healthcare; never loaded' },
  { path: 'app-config.js', reason: 'the stock configuration; replaced by ours' },
  {
    path: 'sw.js',
    reason:
      'service worker that init-service-worker.js never registers in a page (it only unregisters old ones); it would import Workbox from storage.googleapis.com and precache the omitted files',
  },
  {
    path: 'silent-refresh.html',
    reason:
      "OHIF's built-in OIDC silent renew page (legacy oidc-client, loads a script from cdnjs); our extension owns the session and never sets window.config.oidc",
  },
  { path: 'oidc-client.min.js', reason: 'loaded only by silent-refresh.html (the app bundles its own copy)' },
  { path: 'es6-shim.min.js', reason: 'loaded only by silent-refresh.html' },
  { path: 'polyfill.min.js', reason: 'loaded only by silent-refresh.html' },
  { path: '_redirects', reason: 'Netlify hosting rule; our servers do the SPA fallback themselves' },
  { path: '_headers', reason: 'Netlify hosting rule (empty); our servers set the headers themselves' },
  { path: 'serve.json', reason: 'configuration of the `serve` CLI; not used' },
  { path: '*.map', reason: 'source maps: only fetched by open developer tools, and they would publish the sources' },
];

/** Whether a path relative to the dist root (`/` separators) is left out, and the rule that matched. */
export function omissionRuleFor(relativePath: string): { path: string; reason: string } | undefined {
  return omittedAssets.find(rule =>
    rule.path === '*.map'
      ? relativePath.endsWith('.map')
      : rule.path.endsWith('/')
        ? relativePath.startsWith(rule.path)
        : relativePath === rule.path,
  );
}
