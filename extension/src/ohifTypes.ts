/**
 * The parts of OHIF's managers and services this extension uses. A runtime extension gets no @ohif/core to import
 * (a second copy would be a second, broken singleton), so it works through what OHIF hands it; these types name
 * exactly that much (OHIF 3.13: platform/core/src/extensions/ExtensionManager.ts, services/UserAuthenticationService).
 */
export interface AppConfigLike {
  dataSources?: unknown;
  [key: string]: unknown;
}

export interface DataSourceDefinition {
  namespace?: unknown;
  sourceName?: unknown;
  configuration?: unknown;
}

/** An OHIF data source instance (`createDataSource`'s result): only what we pass through is named. */
export interface DataSourceInstance {
  getConfig?: () => unknown;
  [key: string]: unknown;
}

export interface DataSourceModuleEntry {
  name: string;
  type: 'webApi';
  createDataSource(
    configuration: unknown,
    servicesManager: ServicesManagerLike,
    extensionManager: ExtensionManagerLike,
  ): DataSourceInstance;
}

export interface ExtensionManagerLike {
  getModuleEntry(namespace: string): unknown;
}

export interface UserAuthenticationImplementation {
  getState?: () => unknown;
  getUser: () => unknown;
  setUser?: (user: unknown) => void;
  reset?: () => void;
  /** Called by OHIF for every request, synchronously. */
  getAuthorizationHeader: () => Record<string, string> | undefined;
  handleUnauthenticated: () => void;
}

export interface ServicesManagerLike {
  services: {
    userAuthenticationService?: { setServiceImplementation(implementation: UserAuthenticationImplementation): void };
    [name: string]: unknown;
  };
}

export interface PreRegistrationArgs {
  servicesManager: ServicesManagerLike;
  extensionManager: ExtensionManagerLike;
  appConfig: AppConfigLike;
}
