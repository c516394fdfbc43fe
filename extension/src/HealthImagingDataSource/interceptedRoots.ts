import type { ExtensionManagerLike } from '../ohifTypes';

/**
 * The DICOMweb roots whose requests the extension's start-up routed through the authorized fetch, per OHIF
 * extension manager. A data source whose root is not among them would send requests without a token, so
 * `createHealthImagingDataSource` refuses to create it.
 */
const rootsByManager = new WeakMap<ExtensionManagerLike, Set<string>>();

export function recordInterceptedRoots(extensionManager: ExtensionManagerLike, roots: string[]): void {
  rootsByManager.set(extensionManager, new Set(roots));
}

export function isInterceptedRoot(extensionManager: ExtensionManagerLike, root: string): boolean {
  return rootsByManager.get(extensionManager)?.has(root) ?? false;
}
