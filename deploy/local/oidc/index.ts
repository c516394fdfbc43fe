export { startOidcProvider, stateFileName, type RunningOidcProvider } from './startOidcProvider';
export {
  demoUsers,
  importerClientId,
  importerClientScopes,
  resourceScopesByGroup,
  viewerClientId,
  type LocalUser,
  type OidcProviderOptions,
  type UserGroup,
} from './OidcProviderOptions';
export type { OidcProviderStats } from './ProviderStats';
export { OidcDataFolderError, OidcProviderOptionsError } from './errors';
