export type {
  AppConfigValues,
  AuthValues,
  DataSourceValues,
  DeployTarget,
  ExtraOhifSettings,
  MaxNumRequests,
} from './AppConfigValues';
export { AppConfigValuesError, type AppConfigProblem } from './AppConfigValuesError';
export { dataSourceNamespace, dataSourceSourceName, renderAppConfig } from './renderAppConfig';
export { extraSettingKinds, validateAppConfigValues } from './validateAppConfigValues';
export { localAppConfigValues, type LocalTargetInputs } from '../targets/local';
export { awsAppConfigValues, type AwsStackOutputs, type AwsTargetInputs } from '../targets/aws';
export { TargetInputsError } from '../targets/TargetInputsError';
export { compiledInPlugins } from '../targets/pluginBundleUrls';
