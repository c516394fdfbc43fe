import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Key, type IKey } from 'aws-cdk-lib/aws-kms';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership, type IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { accessLogBucket } from './accessLogBucket';
import type { ImportJobSettings } from './DeploySettings';

/**
 * Where HealthImaging import jobs read DICOM files (`inputPrefix`) and write their results (`outputPrefix`): a
 * private, TLS-only, encrypted bucket the stack creates (kept on `cdk destroy`: it may hold patient data), or the
 * user's own bucket named in the settings.
 */
export class ImportBucket extends Construct {
  readonly bucket: IBucket;
  /** The key encrypting the bucket's objects, when it is a customer-managed KMS key. */
  readonly kmsKey?: IKey;
  readonly inputPrefix: string;
  readonly outputPrefix: string;

  constructor(scope: Construct, id: string, settings: ImportJobSettings) {
    super(scope, id);
    this.inputPrefix = settings.inputPrefix;
    this.outputPrefix = settings.outputPrefix;
    if (settings.kmsKeyArn !== undefined) this.kmsKey = Key.fromKeyArn(this, 'Key', settings.kmsKeyArn);
    if (settings.bucketName !== undefined) {
      this.bucket = Bucket.fromBucketName(this, 'Bucket', settings.bucketName);
      return;
    }
    const logBucket = settings.accessLogging ? accessLogBucket(this, 'AccessLogs', 's3') : undefined;
    const bucket = new Bucket(this, 'Bucket', {
      encryption: this.kmsKey === undefined ? BucketEncryption.S3_MANAGED : BucketEncryption.KMS,
      ...(this.kmsKey === undefined ? {} : { encryptionKey: this.kmsKey, bucketKeyEnabled: true }),
      enforceSSL: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: logBucket,
      serverAccessLogsPrefix: logBucket === undefined ? undefined : 'import-bucket/',
      // An interrupted upload leaves parts that cost money until aborted; a resumed import starts them afresh.
      lifecycleRules: [{ abortIncompleteMultipartUploadAfter: Duration.days(7) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.bucket = bucket;
  }
}
