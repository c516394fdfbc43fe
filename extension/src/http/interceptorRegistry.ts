import type { AuthorizedFetch } from './createAuthorizedFetch';

/** What is installed on one window, and how to take it off again. */
export interface Installation {
  prefixes: string[];
  authorizedFetch: AuthorizedFetch;
  uninstall: () => void;
}

// On the window itself, under a registered symbol: two copies of the extension on one page (two bundles, or a
// bundle and a build-time copy) see each other's installation and cannot wrap fetch twice.
const installationKey = Symbol.for('ohif-extension-aws-healthimaging.scopedInterceptors');
type WindowWithInstallation = { [installationKey]?: Installation };

/** The interceptors installed on `window`, if any. */
export function installationOn(window: object): Installation | undefined {
  return (window as WindowWithInstallation)[installationKey];
}

export function recordInstallation(window: object, installation: Installation): void {
  (window as WindowWithInstallation)[installationKey] = installation;
}

/** Forgets `installation` if it is still the one on `window`; false when another replaced it, or none is there. */
export function forgetInstallation(window: object, installation: Installation): boolean {
  const host = window as WindowWithInstallation;
  if (host[installationKey] !== installation) {
    return false;
  }
  delete host[installationKey];
  return true;
}

/** True when `installation` was made with these prefixes (in any order) and this fetch: installing again is a no-op. */
export function isSameInstallation(
  installation: Installation,
  prefixes: string[],
  authorizedFetch: AuthorizedFetch,
): boolean {
  return (
    installation.authorizedFetch === authorizedFetch &&
    installation.prefixes.length === prefixes.length &&
    installation.prefixes.every(prefix => prefixes.includes(prefix))
  );
}
