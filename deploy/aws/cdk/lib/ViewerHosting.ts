import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  Function as CloudFrontFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  SSLMethod,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { Key } from 'aws-cdk-lib/aws-kms';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { accessLogBucket } from './accessLogBucket';
import type { HostingSettings } from './DeploySettings';
import { spaRewriteFunctionCode } from './spaRewrite';

export interface ViewerHostingProps {
  settings: HostingSettings;
  /** The Content-Security-Policy sent with every response. */
  contentSecurityPolicy: string;
  /** ARN of the WAF web ACL to attach (hosting.webAcl). Default: none. */
  webAclArn?: string;
}

/**
 * The viewer's static files: a private, encrypted S3 bucket read only by CloudFront (Origin Access Control), served
 * over HTTPS with security headers and single-page-app routing.
 */
export class ViewerHosting extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  readonly responseHeadersPolicy: ResponseHeadersPolicy;
  /** `https://<custom domain>`, or `https://<distribution domain>` without one. */
  readonly viewerOrigin: string;

  constructor(scope: Construct, id: string, props: ViewerHostingProps) {
    super(scope, id);
    const { settings } = props;
    const logBucket = settings.accessLogging ? accessLogBucket(this, 'AccessLogs', 'cloudfront') : undefined;
    const kmsKey = settings.kmsKeyArn === undefined ? undefined : Key.fromKeyArn(this, 'FilesKey', settings.kmsKeyArn);
    this.bucket = new Bucket(this, 'Files', {
      ...(kmsKey === undefined
        ? { encryption: BucketEncryption.S3_MANAGED }
        : { encryption: BucketEncryption.KMS, encryptionKey: kmsKey, bucketKeyEnabled: true }),
      enforceSSL: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: settings.versioning,
      serverAccessLogsBucket: logBucket,
      serverAccessLogsPrefix: logBucket === undefined ? undefined : 's3/',
      // Interrupted publishes leave no parts behind, and replaced files do not pile up when versioning is on.
      lifecycleRules: [
        {
          abortIncompleteMultipartUploadAfter: Duration.days(7),
          ...(settings.versioning && { noncurrentVersionExpiration: Duration.days(90) }),
        },
      ],
      // Emptying a bucket needs another Lambda-backed resource; the viewer files are rebuilt from source, and the
      // README shows how to remove the bucket after `cdk destroy`.
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.responseHeadersPolicy = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'OHIF viewer: CSP, HSTS, no framing, no sniffing',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: props.contentSecurityPolicy, override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(730), includeSubdomains: true, override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        contentTypeOptions: { override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
      },
      customHeadersBehavior: {
        customHeaders: [
          {
            header: 'Permissions-Policy',
            value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
            override: true,
          },
        ],
      },
    });

    const spaRewrite = new CloudFrontFunction(this, 'SpaRewrite', {
      comment: 'Serve /index.html for extension-less paths (viewer routes); assets keep their real 404',
      runtime: FunctionRuntime.JS_2_0,
      code: FunctionCode.fromInline(spaRewriteFunctionCode),
    });

    const { customDomain } = settings;
    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'OHIF viewer for AWS HealthImaging',
      ...(customDomain !== undefined && {
        domainNames: [customDomain.domainName],
        certificate: Certificate.fromCertificateArn(this, 'Certificate', customDomain.certificateArn),
        minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
        sslSupportMethod: SSLMethod.SNI,
      }),
      webAclId: props.webAclArn,
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        compress: true,
        responseHeadersPolicy: this.responseHeadersPolicy,
        functionAssociations: [{ function: spaRewrite, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass:
        PriceClass[
          (
            {
              PriceClass_100: 'PRICE_CLASS_100',
              PriceClass_200: 'PRICE_CLASS_200',
              PriceClass_All: 'PRICE_CLASS_ALL',
            } as const
          )[settings.priceClass]
        ],
      enableLogging: logBucket !== undefined,
      logBucket,
      logFilePrefix: logBucket === undefined ? undefined : 'cloudfront/',
    });
    this.viewerOrigin = `https://${customDomain?.domainName ?? this.distribution.distributionDomainName}`;
  }
}
