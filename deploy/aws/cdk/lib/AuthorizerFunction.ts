import { Duration, Stack, Validations } from 'aws-cdk-lib';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Alias, Architecture, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { bundledCode } from './bundledCode';
import type { AuthorizerFunctionSettings } from './DeploySettings';

/** Newest Node.js runtime aws-cdk-lib offers; the bundle targets it. */
export const functionRuntime = Runtime.NODEJS_24_X;

export interface AuthorizerFunctionProps {
  settings: AuthorizerFunctionSettings;
  /** The authorizer's settings as a JSON string (may contain CloudFormation tokens), for `AUTHORIZER_SETTINGS`. */
  authorizerSettingsJson: string;
  /** The key encrypting the decision log. Default: CloudWatch Logs' own encryption. */
  logsKey?: IKey;
}

/**
 * The Lambda authorizer (the `ohif-healthimaging-authorizer` package's `lambda` entry) behind a `live` alias. The
 * datastore is given the alias ARN, which never changes: HealthImaging cannot switch a datastore to another authorizer
 * after creation, and turning provisioned concurrency on or off (an alias setting) must not require a new datastore.
 */
export class AuthorizerFunction extends Construct {
  readonly function: LambdaFunction;
  readonly alias: Alias;

  constructor(scope: Construct, id: string, props: AuthorizerFunctionProps) {
    super(scope, id);
    const { settings } = props;
    const logGroup = new LogGroup(this, 'Logs', { retention: settings.logRetentionDays, encryptionKey: props.logsKey });
    this.function = new LambdaFunction(this, 'Function', {
      description:
        'HealthImaging Lambda authorizer: verifies OIDC access tokens and returns the reader or importer role',
      runtime: functionRuntime,
      architecture: Architecture.ARM_64,
      handler: 'index.handler',
      code: bundledCode(require.resolve('ohif-healthimaging-authorizer/lambda')),
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
    Validations.of(this.function).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason:
        'AWSLambdaBasicExecutionRole only lets the authorizer write its own CloudWatch logs; it needs no other AWS permission',
    });
  }

  /**
   * Lets HealthImaging invoke the `live` alias for this one datastore of this account, and nothing else. Made after
   * the datastore exists (it is created with this function's ARN, so its ARN is only known then); no request can
   * reach the datastore before the stack's deployment completes, so the order costs nothing.
   */
  allowInvocationBy(datastoreArn: string): void {
    this.alias.addPermission('HealthImagingInvoke', {
      principal: new ServicePrincipal('medical-imaging.amazonaws.com'),
      sourceAccount: Stack.of(this).account,
      sourceArn: datastoreArn,
    });
  }

  /** The ARN HealthImaging invokes: the `live` alias. */
  get invokeArn(): string {
    return this.alias.functionArn;
  }
}
