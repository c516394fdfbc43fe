import { dicomWebOrigin, isHealthImagingId, parseDatastorePath } from 'ohif-healthimaging-contract';
import type { AppConfigValues, DataSourceValues } from '../src/AppConfigValues';
import { compiledInPlugins, pluginBundleUrls } from './pluginBundleUrls';
import { TargetInputsError } from './TargetInputsError';
import { parseViewerAuthOutput } from './viewerAuthOutput';

/**
 * The CloudFormation outputs of the AWS stack that the viewer's app-config is built from
 * (`aws cloudformation describe-stacks --query 'Stacks[0].Outputs'`, as a key → value map).
 */
export interface AwsStackOutputs {
  /** AWS region of the stack and datastore, e.g. `eu-west-1`. */
  Region: string;
  /** HealthImaging datastore id (32 lowercase letters and digits). */
  DatastoreId: string;
  /**
   * The datastore's DICOMweb base URL, `https://dicom-medical-imaging.<region>.amazonaws.com/datastore/<id>`.
   * A host other than AWS's becomes the data source `endpoint`.
   */
  DicomWebUrl: string;
  /** The issuer: `https://cognito-idp.<region>.amazonaws.com/<userPoolId>`, or your OpenID Connect provider's. */
  Authority: string;
  /** The viewer's public client id. */
  ClientId: string;
  /**
   * JSON of more `auth` keys for a named provider: the scope to ask for, sign-in parameters (`viewerAuthOutput.ts`).
   */
  ViewerAuth?: string;
  /** The Cognito hosted UI origin; present only when the stack created a Cognito user pool. */
  CognitoDomain?: string;
  /** The viewer's https URL (CloudFront or your domain), without trailing slash. */
  ViewerUrl: string;
  /**
   * The data source's `retrieveRateLimit` as JSON (`{"requestsPerSecond":50,"burst":100}` or `false`), from the
   * deploy setting `hosting.retrieveRateLimit`. Absent from stacks deployed before it existed: the extension's default.
   */
  RetrieveRateLimit?: string;
}

export interface AwsTargetInputs {
  /** The stack outputs (other keys are ignored). */
  outputs: Record<string, string | undefined>;
  /**
   * URLs of our runtime bundles by name: `ViewerManifest.pluginUrls`; must have `extension` and `mode`. Or
   * `compiledInPlugins` for a viewer built from an OHIF checkout with both compiled in.
   */
  pluginUrls: Record<string, string | undefined> | typeof compiledInPlugins;
  /** Scopes the viewer asks for. Default: the `ViewerAuth` output's, else the extension's (`openid profile`). */
  scope?: string;
  /** Path of the sign-in redirect on the viewer (the registered callback URL). Default `/callback`. */
  callbackPath?: string;
  /** Path users return to after sign-out (the registered sign-out URL). Default `/`. */
  logoutPath?: string;
}

const requiredOutputs = ['Region', 'DatastoreId', 'DicomWebUrl', 'Authority', 'ClientId', 'ViewerUrl'] as const;

/**
 * AppConfigValues for the AWS deployment, from the stack's outputs. The provider is `cognito` when the stack
 * has a `CognitoDomain` output, otherwise `oidc`. Sign-in returns to `<ViewerUrl><callbackPath>`.
 */
export function awsAppConfigValues(inputs: AwsTargetInputs): AppConfigValues {
  const outputs = inputs.outputs ?? {};
  for (const key of requiredOutputs) {
    if (typeof outputs[key] !== 'string' || outputs[key] === '') {
      throw new TargetInputsError(
        `outputs.${key}`,
        'is missing: it is an output of the deployed stack (npm run deploy prints them); check the stack name and region',
      );
    }
  }
  const stack = outputs as unknown as AwsStackOutputs;
  const pluginUrls = pluginBundleUrls(inputs.pluginUrls);
  const viewerUrl = stack.ViewerUrl.replace(/\/+$/, '');
  const endpoint = endpointFor(stack);
  const viewerAuth = parseViewerAuthOutput(stack.ViewerAuth);
  const retrieveRateLimit = retrieveRateLimitOf(stack);
  return {
    target: 'aws',
    ...pluginUrls,
    routerBasename: '/',
    dataSource: {
      friendlyName: 'AWS HealthImaging',
      region: stack.Region,
      datastoreId: stack.DatastoreId,
      ...(endpoint === undefined ? {} : { endpoint }),
      ...(retrieveRateLimit === undefined ? {} : { retrieveRateLimit }),
      auth: {
        provider: stack.CognitoDomain ? 'cognito' : 'oidc',
        authority: stack.Authority,
        clientId: stack.ClientId,
        ...viewerAuth,
        ...(inputs.scope === undefined ? {} : { scope: inputs.scope }),
        redirectUri: `${viewerUrl}${inputs.callbackPath ?? '/callback'}`,
        postLogoutRedirectUri: `${viewerUrl}${inputs.logoutPath ?? '/'}`,
        ...(stack.CognitoDomain ? { cognitoDomain: stack.CognitoDomain.replace(/\/+$/, '') } : {}),
      },
    },
  };
}

/** The output's JSON; its shape is the extension's to check (renderAppConfig runs its validator). */
function retrieveRateLimitOf(stack: AwsStackOutputs): DataSourceValues['retrieveRateLimit'] {
  if (stack.RetrieveRateLimit === undefined) return undefined;
  try {
    return JSON.parse(stack.RetrieveRateLimit) as DataSourceValues['retrieveRateLimit'];
  } catch {
    throw new TargetInputsError(
      'outputs.RetrieveRateLimit',
      `must be JSON such as {"requestsPerSecond":50,"burst":100}, got ${JSON.stringify(stack.RetrieveRateLimit)}`,
    );
  }
}

/** Undefined for AWS's own regional host (the data source's default); the base URL for any other host. */
function endpointFor(stack: AwsStackOutputs): string | undefined {
  const url = URL.canParse(stack.DicomWebUrl) ? new URL(stack.DicomWebUrl) : undefined;
  const path = url?.protocol === 'https:' && !url.search && !url.hash ? parseDatastorePath(url.pathname) : undefined;
  if (!url || !path || path.resourcePath !== '' || !isHealthImagingId(path.datastoreId)) {
    throw new TargetInputsError(
      'outputs.DicomWebUrl',
      `must be https://<host>/datastore/<datastoreId>, got ${JSON.stringify(stack.DicomWebUrl)}`,
    );
  }
  if (path.datastoreId !== stack.DatastoreId) {
    throw new TargetInputsError(
      'outputs.DicomWebUrl',
      `names datastore ${path.datastoreId} but DatastoreId is ${stack.DatastoreId}; the outputs come from different stacks`,
    );
  }
  const base = url.origin + path.basePath;
  return base === dicomWebOrigin(stack.Region) ? undefined : base;
}
