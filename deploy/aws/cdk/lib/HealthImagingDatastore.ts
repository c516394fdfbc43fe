import { CustomResource, Duration, Stack, Token, Validations } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Architecture, type CfnFunction, Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Provider } from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { join } from 'node:path';
import { functionRuntime } from './AuthorizerFunction';
import { bundledCode } from './bundledCode';
import type { DatastoreResourceProperties } from './datastoreResource/DatastoreResourceProperties';

export interface HealthImagingDatastoreProps {
  datastoreName: string;
  /** ARN of the Lambda authorizer (alias). Fixed for the datastore's life: changing it replaces the datastore. */
  lambdaAuthorizerArn: string;
  /** Keep the datastore when this resource is deleted or replaced. */
  retainOnDelete: boolean;
  /** Customer-managed KMS key (key ARN). */
  kmsKeyArn?: string;
  /** The key encrypting the custom resource's logs. Default: CloudWatch Logs' own encryption. */
  logsKey?: IKey;
}

/**
 * A HealthImaging datastore created with a Lambda authorizer. CloudFormation's AWS::HealthImaging::Datastore has no
 * authorizer property (and one cannot be added later), so a custom resource calls CreateDatastore itself with an
 * @aws-sdk/client-medical-imaging it bundles, then checks with GetDatastore that the authorizer is set (see
 * datastoreResource/datastoreLifecycle.ts for create, update and delete).
 */
export class HealthImagingDatastore extends Construct {
  readonly datastoreId: string;
  readonly datastoreArn: string;

  constructor(scope: Construct, id: string, props: HealthImagingDatastoreProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const handler = new LambdaFunction(this, 'Handler', {
      description:
        'Custom resource: creates the HealthImaging datastore with its Lambda authorizer, verifies it, deletes or retains it',
      runtime: functionRuntime,
      architecture: Architecture.ARM_64,
      handler: 'index.handler',
      code: bundledCode(join(__dirname, 'datastoreResource/handler.ts')),
      memorySize: 256,
      // The handler waits up to 12 minutes for ACTIVE or DELETED; the Provider framework allows 15.
      timeout: Duration.minutes(14),
      logGroup: new LogGroup(this, 'HandlerLogs', { retention: RetentionDays.ONE_YEAR, encryptionKey: props.logsKey }),
    });
    const anyDatastore = stack.formatArn({ service: 'medical-imaging', resource: 'datastore', resourceName: '*' });
    // CreateDatastore has no resource type (IAM needs "*"); the others act on datastores whose id is only known later.
    handler.addToRolePolicy(new PolicyStatement({ actions: ['medical-imaging:CreateDatastore'], resources: ['*'] }));
    handler.addToRolePolicy(
      new PolicyStatement({
        actions: ['medical-imaging:GetDatastore', 'medical-imaging:DeleteDatastore'],
        resources: [anyDatastore],
      }),
    );
    if (props.kmsKeyArn !== undefined) {
      handler.addToRolePolicy(
        new PolicyStatement({
          actions: ['kms:DescribeKey', 'kms:CreateGrant', 'kms:GenerateDataKey', 'kms:Decrypt'],
          resources: [props.kmsKeyArn],
        }),
      );
    }
    const provider = new Provider(this, 'Provider', {
      onEventHandler: handler,
      logGroup: new LogGroup(this, 'ProviderLogs', { retention: RetentionDays.ONE_YEAR, encryptionKey: props.logsKey }),
    });
    const properties: DatastoreResourceProperties = {
      DatastoreName: props.datastoreName,
      LambdaAuthorizerArn: props.lambdaAuthorizerArn,
      RetainOnDelete: props.retainOnDelete ? 'true' : 'false',
    };
    if (props.kmsKeyArn !== undefined) properties.KmsKeyArn = props.kmsKeyArn;
    const resource = new CustomResource(this, 'Resource', {
      serviceToken: provider.serviceToken,
      resourceType: 'Custom::HealthImagingDatastore',
      properties: { ...properties },
    });
    this.datastoreId = resource.getAttString('DatastoreId');
    this.datastoreArn = resource.getAttString('DatastoreArn');

    const handlerLogicalId = stack.getLogicalId(handler.node.defaultChild as CfnFunction);
    Validations.of(this).acknowledge(
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: 'AWSLambdaBasicExecutionRole only lets the custom resource functions write their own CloudWatch logs',
      },
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: 'CreateDatastore supports no resource-level permission: IAM requires "*" for it (and only it)',
      },
      {
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:medical-imaging:${nagName(stack.region, 'AWS::Region')}:${nagName(stack.account, 'AWS::AccountId')}:datastore/*]`,
        reason:
          'GetDatastore and DeleteDatastore act on the datastore this handler creates, whose id does not exist before it runs: limited to datastores of this account and region',
      },
      {
        id: `AwsSolutions-IAM5[Resource::<${handlerLogicalId}.Arn>:*]`,
        reason:
          "The CDK Provider framework may invoke every version of our onEvent handler (the ':*' suffix), nothing else",
      },
    );
  }
}

/** How cdk-nag writes a value in a finding id: the literal, or `<AWS::Region>` style for a pseudo-parameter token. */
function nagName(value: string, pseudoParameter: string): string {
  return Token.isUnresolved(value) ? `<${pseudoParameter}>` : value;
}
