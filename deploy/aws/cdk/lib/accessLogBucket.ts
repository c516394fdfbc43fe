import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';

/**
 * A private, TLS-only bucket for access logs, kept 365 days. `cloudfront`: CloudFront standard logging writes with
 * ACLs, so the bucket must accept them. `s3`: S3 server access logs alone, granted by a bucket policy (CDK writes
 * it), so the bucket keeps ACLs off (Control Tower's CT.S3.PR.5).
 */
export function accessLogBucket(scope: Construct, id: string, writers: 'cloudfront' | 's3'): Bucket {
  return new Bucket(scope, id, {
    encryption: BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
    objectOwnership: writers === 'cloudfront' ? ObjectOwnership.OBJECT_WRITER : ObjectOwnership.BUCKET_OWNER_ENFORCED,
    removalPolicy: RemovalPolicy.RETAIN,
    lifecycleRules: [{ expiration: Duration.days(365) }],
  });
}
