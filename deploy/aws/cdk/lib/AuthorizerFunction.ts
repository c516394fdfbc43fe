import { Duration, Stack, Validations } from 'aws-cdk-lib';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Alias, Architecture, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { join } from 'node:path';
import { bundledCode } from './bundledCode';
import type { AuthorizerFunctionSettings } from './DeploySettings';

/** Newest Node.js runtime aws-cdk-lib offers; the bundle targets it. */
export const functionRuntime = Runtime.NODEJS_24_X;

export interface AuthorizerFunctionProps {
  settings: AuthorizerFunctionSettings;
  /** The authorizer's settings as a JSON string (may contain CloudFormation tokens), for `AUTHORIZER_SETTINGS`. */
  authorizerSettingsJson: string;
}

/**
 * The Lambda authorizer (deploy/authorizer/src/lambda.ts) behind a `live` alias. The datastore is given the alias
 * ARN, which never changes: HealthImaging cannot switch a datastore to another authorizer after creation, and
 * turning provisioned concurrency on or off (an alias setting) must not require a new datastore.
 */
export class AuthorizerFunction extends Construct {
  readonly function: LambdaFunction;
  readonly alias: Alias;

  constructor(scope: Construct, id: string, props: AuthorizerFunctionProps) {
    super(scope, id);
    const { settings } = props;
    const stack = Stack.of(this);
    const logGroup = new LogGroup(this, 'Logs', { retention: settings.logRetentionDays });
    this.function = new LambdaFunction(this, 'Function', {
      description: 'HealthImaging Lambda authorizer: verifies OIDC access tokens and returns the reader or importer role',
      runtime: functionRuntime,
      architecture: Architecture.ARM_64,
      handler: 'index.handler',
      code: bundledCode(join(__dirname, '../../../authorizer/src/lambda.ts')),
      memorySize: settings.memoryMb,
      timeout: Duration.seconds(settings.timeoutSeconds),
      reservedConcurrentExecutions: settings.reservedConcurrency,
      environment: { AUTHORIZER_SETTINGS: props.authorizerSettingsJson },
      logGroup,
    });
    this.alias = new Alias(this, 'Live', {
      aliasName: 'live',
      version: this.function.currentVersion,
      provisionedConcurrentExecutions: settings.provisionedConcurrency,
    });
    // Only HealthImaging, acting for a datastore of this account and region, may invoke the authorizer. The source
    // ARN is a wildcard over this account's datastores because the datastore does not exist yet: it is created with
    // this function's ARN, so its id cannot be known when this permission is made (and HealthImaging may check the
    // permission while creating it). The reader and importer roles only act on the one datastore of this stack, so
    // another datastore of the account calling this authorizer would get roles that are useless to it.
    this.alias.addPermission('HealthImagingInvoke', {
      principal: new ServicePrincipal('medical-imaging.amazonaws.com'),
      sourceAccount: stack.account,
      sourceArn: stack.formatArn({ service: 'medical-imaging', resource: 'datastore', resourceName: '*' }),
    });
    Validations.of(this.function).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason: "AWSLambdaBasicExecutionRole only lets the authorizer write its own CloudWatch logs; it needs no other AWS permission",
    });
  }

  /** The ARN HealthImaging invokes: the `live` alias. */
  get invokeArn(): string {
    return this.alias.functionArn;
  }
}
