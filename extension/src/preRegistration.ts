import { dicomWebRoot, withImageSetId } from 'ohif-healthimaging-contract';
import { systemClock } from './auth/Clock';
import { SignInRequiredError } from './auth/errors';
import { OidcSession } from './auth/OidcSession';
import { resolveOidcSessionSettings } from './auth/OidcSessionSettings';
import { findHealthImagingDataSources } from './HealthImagingDataSource/findHealthImagingDataSources';
import { recordInterceptedRoots } from './HealthImagingDataSource/interceptedRoots';
import { createAuthorizedFetch } from './http/createAuthorizedFetch';
import type { RateLimit } from './http/createRequestPacer';
import { createRetrievePacing, type RetrievePacing } from './http/createRetrievePacing';
import { installScopedInterceptors } from './http/installScopedInterceptors';
import { isUnderPrefix } from './http/urlPrefix';
import { createViewerRetryPolicy } from './http/viewerRetryPolicy';
import { findImageLoadPool, watchImageLoadPool } from './http/watchImageLoadPool';
import { id } from './id';
import type { PreRegistrationArgs } from './ohifTypes';
import { connectUserAuthenticationService } from './session/connectUserAuthenticationService';
import { SessionControls } from './session/SessionControls';
import { showStartupError } from './showStartupError';
import { browserTabEnvironment, type TabEnvironment } from './tabs/TabEnvironment';
import { TabQuotaShare } from './tabs/TabQuotaShare';

/**
 * Paces the retrieve requests (the ones HealthImaging's quota counts) at `limit` and below, as the service answers;
 * shares the rate with the browser's other tabs, and learns from cornerstone's image load pool which requests the
 * reader is looking at. No pacing for `false`.
 */
function retrievePacing(limit: RateLimit | false, tabs: TabEnvironment | undefined): RetrievePacing | undefined {
  if (limit === false) {
    return undefined;
  }
  const share = tabs === undefined ? undefined : new TabQuotaShare(tabs, systemClock);
  const pacing = createRetrievePacing({ limit, clock: systemClock, share });
  share?.onThrottledElsewhere(retryAfterMs => pacing.throttledElsewhere(retryAfterMs));
  const pool = findImageLoadPool(window as Window & Parameters<typeof findImageLoadPool>[0]);
  if (pool === undefined) {
    console.warn(`${id}: cornerstone's image load pool was not found; retrieve requests are paced in arrival order`);
  } else {
    watchImageLoadPool(pool, (url, priority) => pacing.noteRequest(url, priority));
  }
  return pacing;
}

/**
 * Runs once when OHIF registers the extension, before its routes render: checks our data sources' configuration,
 * routes their DICOMweb requests (and only those) through the authorized fetch, and starts the OpenID Connect
 * session, which completes a sign-in callback and puts the URL the user asked for back in the address bar. When the
 * session has to leave for the identity provider, this never resolves: OHIF must not start loading a study while
 * the page navigates away.
 */
export async function preRegistration({
  servicesManager,
  extensionManager,
  appConfig,
}: PreRegistrationArgs): Promise<void> {
  let session: OidcSession;
  let controls: SessionControls;
  try {
    const dataSources = findHealthImagingDataSources(appConfig);
    const [first] = dataSources;
    if (first === undefined) {
      console.warn(`${id}: no app-config dataSources entry uses this extension's data source; nothing to do`);
      return;
    }
    const tabs = browserTabEnvironment(window);
    session = new OidcSession(
      resolveOidcSessionSettings(first.configuration.auth, {
        viewerOrigin: window.location.origin,
        path: `${first.path}.auth`,
      }),
      { tabs: tabs ?? null },
    );
    const roots = dataSources.map(({ configuration }) => ({
      root: dicomWebRoot(configuration.region, configuration.datastoreId, configuration.endpoint),
      imageSetId: configuration.imageSetId,
    }));
    const authorizedFetch = createAuthorizedFetch({
      session,
      clock: systemClock,
      // The original, captured before the interceptors replace window.fetch.
      fetch: window.fetch.bind(window),
      policy: createViewerRetryPolicy(),
      rewriteUrl: url => withImageSetId(url, roots.find(({ root }) => isUnderPrefix(url, root))?.imageSetId),
      pacing: retrievePacing(first.configuration.retrieveRateLimit, tabs),
    });
    installScopedInterceptors({ urlPrefixes: roots.map(({ root }) => root), authorizedFetch, window });
    recordInterceptedRoots(
      extensionManager,
      roots.map(({ root }) => root),
    );
    controls = new SessionControls(document, session);
    connectUserAuthenticationService(servicesManager, session, controls);
  } catch (error) {
    showStartupError(document, error);
    throw error;
  }
  try {
    if ((await session.start()) === 'redirecting') {
      await new Promise(() => undefined);
    }
  } catch (error) {
    if (error instanceof SignInRequiredError && error.redirecting) {
      await new Promise(() => undefined);
    }
    // The viewer still starts: the banner lets the user sign in again; nothing redirects without their click.
    controls.showSignInRequired(
      error instanceof SignInRequiredError
        ? `Signing in did not complete (${error.message}).`
        : `The identity provider could not be reached (${error instanceof Error ? error.message : String(error)}).`,
    );
  }
}
