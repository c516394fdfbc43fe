import type { AuthorizedFetch } from './createAuthorizedFetch';
import {
  forgetInstallation,
  installationOn,
  isSameInstallation,
  recordInstallation,
  type Installation,
} from './interceptorRegistry';
import { createScopedXMLHttpRequest } from './ScopedXMLHttpRequest';
import { isUnderPrefix, normalisePrefix } from './urlPrefix';

export interface ScopedInterceptorOptions {
  /**
   * Absolute URL prefixes (the DICOMweb roots, e.g. `https://dicom-medical-imaging.us-east-1.amazonaws.com/datastore/<id>`).
   * A request is ours when its absolute URL equals a prefix or continues it with `/`, `?` or `#`.
   */
  urlPrefixes: string[];
  /** Sends our requests; must be built on the original `window.fetch` (see `createAuthorizedFetch`). */
  authorizedFetch: AuthorizedFetch;
  /** The window whose `fetch` and `XMLHttpRequest` are wrapped (normally the page's `window`). */
  window: InterceptedWindow;
}

/** What the interceptors use of a window. */
export type InterceptedWindow = Pick<
  typeof globalThis,
  'fetch' | 'XMLHttpRequest' | 'Event' | 'ProgressEvent' | 'Blob' | 'location'
>;

/** Removes the interceptors; see `installScopedInterceptors`. */
export type UninstallInterceptors = () => void;

/** `installScopedInterceptors` was called again on the same window with other prefixes or another fetch. */
export class InterceptorsAlreadyInstalledError extends Error {
  constructor() {
    super(
      'scoped interceptors are already installed on this window with other settings; call the uninstall function it returned first',
    );
    this.name = 'InterceptorsAlreadyInstalledError';
  }
}

/**
 * Wraps `window.fetch` and `window.XMLHttpRequest` so that requests to the given URL prefixes (and only those) go
 * through `authorizedFetch`: bearer token, refresh and retries, invisible to the caller, which sees the final
 * outcome only. Every other request goes to the original functions with the same arguments.
 *
 * Why at this level: OHIF's DICOMweb client (dicomweb-client, XMLHttpRequest) and the image loader (XMLHttpRequest
 * or fetch) are not reachable from a runtime extension, and a failed metadata load is cached by OHIF for good, so
 * retries must happen below them. Scoped by URL because wrapping every request of the page is not acceptable.
 *
 * Installing again with the same settings returns the same uninstall function. Uninstalling restores the original
 * `fetch`/`XMLHttpRequest` if nothing wrapped them since; otherwise our wrapper stays in the chain but passes
 * everything through.
 */
export function installScopedInterceptors({
  urlPrefixes,
  authorizedFetch,
  window,
}: ScopedInterceptorOptions): UninstallInterceptors {
  const prefixes = urlPrefixes.map(normalisePrefix);
  const existing = installationOn(window);
  if (existing !== undefined) {
    if (isSameInstallation(existing, prefixes, authorizedFetch)) {
      return existing.uninstall;
    }
    throw new InterceptorsAlreadyInstalledError();
  }

  let active = true;
  const isOurs = (url: string | URL): boolean => {
    if (!active) {
      return false;
    }
    const absolute = new URL(url, window.location.href).href;
    return prefixes.some(prefix => isUnderPrefix(absolute, prefix));
  };

  const originalFetch = window.fetch;
  const scopedFetch = function fetch(this: unknown, ...args: Parameters<typeof globalThis.fetch>): Promise<Response> {
    const [input, init] = args;
    const url = input instanceof Request ? input.url : input;
    return isOurs(url) ? authorizedFetch(input, init) : originalFetch.apply(this ?? window, args);
  };
  const OriginalXMLHttpRequest = window.XMLHttpRequest;
  const ScopedXMLHttpRequest = createScopedXMLHttpRequest(OriginalXMLHttpRequest, window, isOurs, authorizedFetch);

  window.fetch = scopedFetch;
  window.XMLHttpRequest = ScopedXMLHttpRequest;

  const installation: Installation = {
    prefixes,
    authorizedFetch,
    uninstall: () => {
      if (!forgetInstallation(window, installation)) {
        return;
      }
      active = false;
      if (window.fetch === scopedFetch) {
        window.fetch = originalFetch;
      }
      if (window.XMLHttpRequest === ScopedXMLHttpRequest) {
        window.XMLHttpRequest = OriginalXMLHttpRequest;
      }
    },
  };
  recordInstallation(window, installation);
  return installation.uninstall;
}
