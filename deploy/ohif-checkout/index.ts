export {
  addPluginConfigDirectories,
  pluginConfigBackupSuffix,
  type PluginConfigChange,
} from './addPluginConfigDirectories';
export { buildOhifCheckout } from './buildOhifCheckout';
export { cliLinkProblem, linkWithOhifCli, type CliLinkDependencies } from './linkWithOhifCli';
export { OhifCheckoutError } from './OhifCheckoutError';
export { pluginPackages, type PluginPackage } from './pluginPackages';
export { prepareOhifCheckout, type PrepareOhifCheckoutOptions, type PreparedOhifCheckout } from './prepareOhifCheckout';
export { recogniseOhifCheckout, type OhifCheckout } from './recogniseOhifCheckout';
export { supportedOhifGenerations, type OhifGeneration } from './supportedOhifVersions';
export {
  checkoutAppConfigFile,
  checkoutAppConfigSetting,
  formatViewerCommand,
  viewerCommands,
  type ViewerCommand,
} from './viewerCommands';
