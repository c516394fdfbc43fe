import { DatastorePropertiesError } from './errors';

/**
 * The custom resource's properties as CloudFormation sends them (every value a string). Written by
 * `HealthImagingDatastore`, read by the handler.
 */
export interface DatastoreResourceProperties {
  /** Datastore name. Changing it replaces the datastore. */
  DatastoreName: string;
  /** ARN (an alias ARN is fine) of the Lambda authorizer. Changing it replaces the datastore. */
  LambdaAuthorizerArn: string;
  /** Optional customer-managed KMS key. Changing it replaces the datastore. */
  KmsKeyArn?: string;
  /** `"true"` keeps the datastore when the resource is deleted or replaced; `"false"` deletes it. */
  RetainOnDelete: 'true' | 'false';
}

/** Properties whose change cannot be applied in place: HealthImaging has no update for them. */
export const replacingProperties = ['DatastoreName', 'LambdaAuthorizerArn', 'KmsKeyArn'] as const;

/** Validates what CloudFormation sent; a wrong value is a stack bug, reported by key. */
export function readDatastoreProperties(input: Record<string, unknown> | undefined): DatastoreResourceProperties {
  const properties = input ?? {};
  const text = (key: string, pattern: RegExp, expectation: string): string => {
    const value = properties[key];
    if (typeof value !== 'string' || !pattern.test(value)) {
      throw new DatastorePropertiesError(key, `must be ${expectation}, got ${JSON.stringify(value)}`);
    }
    return value;
  };
  const read: DatastoreResourceProperties = {
    DatastoreName: text('DatastoreName', /^[A-Za-z0-9._/#-]{1,256}$/, 'a datastore name'),
    LambdaAuthorizerArn: text(
      'LambdaAuthorizerArn',
      /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9_$-]+)?$/,
      'a Lambda function ARN',
    ),
    RetainOnDelete: text('RetainOnDelete', /^(true|false)$/, '"true" or "false"') as 'true' | 'false',
  };
  if (properties.KmsKeyArn !== undefined && properties.KmsKeyArn !== '') {
    read.KmsKeyArn = text('KmsKeyArn', /^arn:aws[a-z-]*:kms:/, 'a KMS key ARN');
  }
  return read;
}
