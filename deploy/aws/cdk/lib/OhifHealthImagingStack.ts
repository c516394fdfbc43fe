import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import { defaultRetrieveQuota } from 'ohif-extension-aws-healthimaging/settings';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { datastorePath, dicomWebOrigin } from 'ohif-healthimaging-contract';
import { AuthorizerFunction } from './AuthorizerFunction';
import { acknowledgeControlExceptions, type AppliedException } from './compliance/acknowledgeControlExceptions';
import { CognitoViewerIdentity, cognitoOrigins } from './CognitoViewerIdentity';
import { securityHeaders } from '../../../viewer/securityHeaders';
import { DatastoreAccessRoles } from './DatastoreAccessRoles';
import type { DeploySettings } from './DeploySettings';
import { HealthImagingDatastore } from './HealthImagingDatastore';
import { ImportBucket } from './ImportBucket';
import { ImportJobRole } from './ImportJobRole';
import { viewerSignIn } from './viewerSignIn';
import { assertAuthorizerAcceptsSettings, viewerAuthorizerSettings } from './viewerAuthorizerSettings';
import { ViewerHosting } from './ViewerHosting';
import { ViewerWebAcl } from './ViewerWebAcl';

/** Names of the stack outputs; the viewer's app-config is built from them. */
export const stackOutputNames = [
  'Region',
  'DatastoreId',
  'DicomWebUrl',
  'Authority',
  'ClientId',
  'ViewerAuth',
  'DevelopmentClientId',
  'CognitoDomain',
  'ViewerUrl',
  'RetrieveRateLimit',
  'DistributionDomainName',
  'BucketName',
  'DistributionId',
  'AuthorizerFunctionName',
  'ReaderRoleArn',
  'ImporterRoleArn',
  'ImportBucketName',
  'ImportInputPrefix',
  'ImportOutputS3Uri',
  'ImportRoleArn',
  'ImportOperatorPolicyArn',
] as const;
export type StackOutputName = (typeof stackOutputNames)[number];

export interface OhifHealthImagingStackProps extends StackProps {
  settings: DeploySettings;
}

/**
 * OHIF in front of AWS HealthImaging with OpenID Connect: viewer hosting (S3 + CloudFront), identity (a Cognito user
 * pool or your provider), the Lambda authorizer, the reader and importer roles, and the datastore created with
 * the authorizer.
 *
 * Creation order (no cycles): hosting → identity (its redirect URLs name the distribution) → authorizer (its
 * settings name the roles by their fixed names, and the client) → datastore (created with the authorizer) → the
 * invoke permission and the roles (both scoped to the datastore's ARN).
 *
 * The exceptions to the Control Tower controls and cdk-nag rules (compliance/controlExceptions.ts) are
 * acknowledged last, on the resources they cover.
 */
export class OhifHealthImagingStack extends Stack {
  /** The control exceptions acknowledged on this stack's resources, with their reasons. */
  readonly acknowledgedExceptions: AppliedException[];

  constructor(scope: Construct, id: string, props: OhifHealthImagingStackProps) {
    super(scope, id, props);
    const { settings } = props;
    assertAuthorizerAcceptsSettings(settings);
    const { identity } = settings;

    const roles = new DatastoreAccessRoles(this, 'Roles');

    const signIn = identity.provider === 'cognito' ? undefined : viewerSignIn(identity);
    const identityOrigins =
      identity.provider === 'cognito'
        ? Object.values(cognitoOrigins(identity, settings.region))
        : (signIn?.connectOrigins ?? []);
    const { webAcl } = settings.hosting;
    const webAclArn =
      webAcl === undefined
        ? undefined
        : 'arn' in webAcl
          ? webAcl.arn
          : new ViewerWebAcl(this, 'WebAcl', webAcl).webAclArn;
    const hosting = new ViewerHosting(this, 'Hosting', {
      settings: settings.hosting,
      webAclArn,
      // The same policy the local viewer server sends.
      contentSecurityPolicy: securityHeaders({
        dicomWebOrigins: [dicomWebOrigin(settings.region)],
        identityOrigins,
        tls: true,
        scriptHashes: settings.hosting.inlineScriptHashes,
      })['Content-Security-Policy'] as string,
    });

    const cognito =
      identity.provider === 'cognito'
        ? new CognitoViewerIdentity(this, 'Identity', {
            settings: identity,
            viewerOrigin: hosting.viewerOrigin,
            callbackPath: settings.hosting.callbackPath,
            logoutPath: settings.hosting.logoutPath,
          })
        : undefined;

    const logsKey =
      settings.logsKmsKeyArn === undefined ? undefined : Key.fromKeyArn(this, 'LogsKey', settings.logsKmsKeyArn);
    const authorizer = new AuthorizerFunction(this, 'Authorizer', {
      settings: settings.authorizer,
      logsKey,
      authorizerSettingsJson: this.toJsonString(
        viewerAuthorizerSettings(settings, {
          cognitoIssuer: cognito?.issuer ?? '',
          cognitoClientIds:
            cognito === undefined
              ? []
              : [cognito.client, ...(cognito.developmentClient ? [cognito.developmentClient] : [])].map(
                  c => c.userPoolClientId,
                ),
          readerRoleArn: roles.roleArn('reader'),
          importerRoleArn: roles.roleArn('importer'),
        }),
      ),
    });

    const datastore = new HealthImagingDatastore(this, 'Datastore', {
      datastoreName: settings.datastoreName,
      lambdaAuthorizerArn: authorizer.invokeArn,
      retainOnDelete: settings.retainDatastoreOnDelete,
      kmsKeyArn: settings.datastoreKmsKeyArn,
      logsKey,
    });
    authorizer.allowInvocationBy(datastore.datastoreArn);
    const { reader, importer } = roles.createFor(datastore.datastoreArn);
    const importStorage = new ImportBucket(this, 'ImportStorage', settings.imports);
    const importJobs = new ImportJobRole(this, 'ImportJobs', {
      storage: importStorage,
      datastoreArn: datastore.datastoreArn,
    });

    const output = (name: StackOutputName, value: string, description: string) =>
      new CfnOutput(this, name, { value, description });
    output('Region', this.region, 'AWS region of the datastore and the DICOMweb endpoint');
    output('DatastoreId', datastore.datastoreId, 'HealthImaging datastore id');
    output(
      'DicomWebUrl',
      dicomWebOrigin(settings.region) + datastorePath(datastore.datastoreId),
      'DICOMweb root of the datastore (QIDO-RS, WADO-RS, STOW-RS)',
    );
    output(
      'Authority',
      cognito?.issuer ?? signIn?.viewer.authority ?? '',
      'OpenID Connect issuer (authority) the viewer signs in with',
    );
    output(
      'ClientId',
      cognito?.client.userPoolClientId ?? signIn?.viewer.clientId ?? '',
      "The viewer's public OAuth client id",
    );
    if (signIn?.viewer.scope !== undefined) {
      const { authority: _authority, clientId: _clientId, ...auth } = signIn.viewer;
      output(
        'ViewerAuth',
        JSON.stringify(auth),
        "More keys of the viewer's auth block (the scope to ask for, sign-in parameters), as JSON",
      );
    }
    if (cognito?.developmentClient !== undefined) {
      output(
        'DevelopmentClientId',
        cognito.developmentClient.userPoolClientId,
        'Client id for a viewer run locally (identity.developmentCallbackUrls)',
      );
    }
    if (cognito !== undefined)
      output('CognitoDomain', cognito.domainUrl, 'Cognito hosted sign-in domain (authorize, token, logout endpoints)');
    output('ViewerUrl', `${hosting.viewerOrigin}/`, 'Where users open the viewer');
    output(
      'RetrieveRateLimit',
      JSON.stringify(settings.hosting.retrieveRateLimit ?? defaultRetrieveQuota),
      "The viewer's pace for HealthImaging retrieve requests (the data source's retrieveRateLimit), as JSON",
    );
    output(
      'DistributionDomainName',
      hosting.distribution.distributionDomainName,
      "CloudFront domain name (the target of a custom domain's DNS record)",
    );
    output('BucketName', hosting.bucket.bucketName, 'S3 bucket the viewer build is published to');
    output(
      'DistributionId',
      hosting.distribution.distributionId,
      'CloudFront distribution to invalidate after publishing',
    );
    output(
      'AuthorizerFunctionName',
      authorizer.function.functionName,
      'Lambda authorizer (its log holds one decision line per DICOMweb request)',
    );
    output('ReaderRoleArn', reader.roleArn, 'Role returned for a read grant');
    output('ImporterRoleArn', importer.roleArn, 'Role returned for a write grant');
    output('ImportBucketName', importStorage.bucket.bucketName, 'S3 bucket npm run import -- --via s3 uploads to');
    output('ImportInputPrefix', importStorage.inputPrefix, 'Key prefix the import role reads DICOM files below');
    output(
      'ImportOutputS3Uri',
      `s3://${importStorage.bucket.bucketName}/${importStorage.outputPrefix}`,
      'Where import jobs write their results',
    );
    output(
      'ImportRoleArn',
      importJobs.role.roleArn,
      'Role HealthImaging assumes to run import jobs (dataAccessRoleArn)',
    );
    output(
      'ImportOperatorPolicyArn',
      importJobs.operatorPolicy.managedPolicyArn,
      'Attach to whoever runs npm run import -- --via s3',
    );

    this.acknowledgedExceptions = acknowledgeControlExceptions(this, settings);
  }
}
