import type { RateLimit } from 'ohif-extension-aws-healthimaging/settings';
import type { GrantRule } from 'ohif-healthimaging-authorizer';
import type { PresetIdentitySettings } from './IdentityPresetSettings';

/**
 * Everything the AWS deployment can be told, as one JSON object: the `ohifHealthImaging` key of the CDK context
 * (`cdk.json`), or a file named by `-c settingsFile=<path>`. `parseDeploySettings` validates it and fills in the
 * defaults documented on each field.
 */
export interface DeploySettings {
  /** CloudFormation stack name. Default `OhifHealthImaging`. */
  stackName: string;
  /** AWS region of every resource, e.g. `eu-west-1`. Required: the DICOMweb host and Cognito issuer are regional. */
  region: string;
  /** 12-digit AWS account id. Default: the account of the credentials `cdk` runs with (`CDK_DEFAULT_ACCOUNT`). */
  account?: string;
  /** Name given to the HealthImaging datastore (1–256 of `A-Za-z0-9._/#-`). Default `ohif-viewer`. */
  datastoreName: string;
  /**
   * What deleting the stack (or replacing the datastore) does to the datastore: `true` leaves it and its images in
   * the account, `false` deletes it (HealthImaging refuses while it still holds image sets, and the stack deletion
   * then fails saying so). Default `true`: images are not lost by a `cdk destroy`.
   */
  retainDatastoreOnDelete: boolean;
  /** Customer-managed KMS key ARN encrypting the datastore. Default: an AWS-owned key. */
  datastoreKmsKeyArn?: string;
  /**
   * Customer-managed KMS key ARN (same region) encrypting every CloudWatch log group of the stack. Its key policy
   * must allow `logs.<region>.amazonaws.com` to use it. Default: CloudWatch Logs' own encryption.
   */
  logsKmsKeyArn?: string;
  /**
   * Who signs users in: a Cognito user pool created by the stack, a named provider (`entra-id`, `okta`, `keycloak`,
   * `auth0`: IdentityPresetSettings), or any other OpenID Connect provider (`oidc`).
   */
  identity: CognitoIdentitySettings | OidcIdentitySettings | PresetIdentitySettings;
  /** The Lambda authorizer HealthImaging calls on every DICOMweb request. */
  authorizer: AuthorizerFunctionSettings;
  /** The S3 bucket and CloudFront distribution serving the viewer. */
  hosting: HostingSettings;
  /** Where HealthImaging import jobs (`npm run import -- --via s3`) read and write, and the role they run as. */
  imports: ImportJobSettings;
}

/** The S3 side of HealthImaging import jobs. */
export interface ImportJobSettings {
  /** Your own bucket (in the stack's region) instead of one the stack creates. Default: the stack creates one. */
  bucketName?: string;
  /** Key prefix the DICOM files are uploaded below; the import role reads only there. Default `dicom/`. */
  inputPrefix: string;
  /** Key prefix import jobs write their results below; the import role writes only there. Default `import-output/`. */
  outputPrefix: string;
  /**
   * Customer-managed KMS key (key ARN) encrypting the bucket's objects; the import role may use it.
   * Default: S3-managed keys.
   */
  kmsKeyArn?: string;
  /** S3 server access logs of the created bucket in a log bucket (365 days). Default `true`: it holds patient data. */
  accessLogging: boolean;
}

/** A Cognito user pool with groups `readers` and `importers`; users are created by an administrator only. */
export interface CognitoIdentitySettings {
  provider: 'cognito';
  /**
   * Prefix of the hosted sign-in domain `https://<prefix>.auth.<region>.amazoncognito.com`; globally unique,
   * lowercase letters, digits and hyphens, must not contain `aws`, `amazon` or `cognito`. Required.
   */
  domainPrefix: string;
  /**
   * Multi-factor authentication: `required` (every user enrols an authenticator app (TOTP) at first sign-in),
   * `optional` (each user may) or `off`. Default `required`: the viewer shows patient images, and a password alone
   * is one phishing e-mail away from them.
   */
  mfa: 'off' | 'optional' | 'required';
  /**
   * Cognito feature plan: `plus` (threat protection: compromised credentials, adaptive sign-in) or `essentials`
   * (cheaper, no threat protection). Default `plus`.
   */
  featurePlan: 'essentials' | 'plus';
  /** Threat protection (`plus` plan): `audit` (log risks) or `enforced` (block risky sign-ins). Default `enforced`. */
  threatProtection: 'audit' | 'enforced';
  /** Access and ID token lifetime in minutes, 5–60 (HealthImaging refuses tokens issued over 12 h ago). Default 60. */
  accessTokenMinutes: number;
  /** Refresh token lifetime in days, 1–3650. Default 30 (a user signs in again after 30 days). */
  refreshTokenDays: number;
  /** More `https://` sign-in redirect URLs of the viewer client besides `<viewer>/callback` (another viewer host). Default `[]`. */
  extraCallbackUrls: string[];
  /** More `https://` sign-out redirect URLs of the viewer client besides `<viewer>/`. Default `[]`. */
  extraLogoutUrls: string[];
  /**
   * Sign-in redirect URLs of a separate `development` app client, e.g. `http://localhost:3000/callback` for a
   * viewer run on a workstation. The production client never redirects to a local address; setting this creates
   * the second client (output `DevelopmentClientId`), whose tokens the authorizer also accepts. Default `[]`: none.
   */
  developmentCallbackUrls: string[];
  /** Sign-out redirect URLs of the development client, e.g. `http://localhost:3000/`. Default `[]`. */
  developmentLogoutUrls: string[];
  /** Other app clients (e.g. an import tool) whose access tokens the authorizer accepts. Default `[]`. */
  additionalClientIds: string[];
}

/** An existing OpenID Connect provider (Keycloak, Okta, Entra ID, Auth0...) issuing JWT access tokens. */
export interface OidcIdentitySettings {
  provider: 'oidc';
  /** Issuer URL, exactly the tokens' `iss` claim (`https://`). Required. */
  issuer: string;
  /** The viewer's public client id at the provider (code flow with PKCE, no secret). Required. */
  clientId: string;
  /** `aud` values the provider puts in this viewer's access tokens, e.g. an API identifier. Required, at least one. */
  audiences: string[];
  /** The provider's signing keys URL: `jwks_uri` of `<issuer>/.well-known/openid-configuration` (`https://`). Required. */
  jwksUri: string;
  /** Scopes every access token must carry. Default `[]`. */
  requiredScopes: string[];
  /**
   * Claim and scope rules giving `read` or `write`.
   * Default: `groups` claim containing `readers` → read, `importers` → write.
   */
  grants: GrantRule[];
  /**
   * Origins the browser must reach besides the issuer's (e.g. a token endpoint on another host); added to the
   * Content-Security-Policy `connect-src`. Default `[]`.
   */
  extraConnectOrigins: string[];
}

/** The authorizer Lambda function. */
export interface AuthorizerFunctionSettings {
  /** Memory in MB, 256–1024 (CPU grows with memory: faster cold starts). Default 512. */
  memoryMb: number;
  /** Timeout in seconds, 1–10. HealthImaging waits 1 s; a longer timeout only bills a hung call. Default 3. */
  timeoutSeconds: number;
  /** Reserved concurrency (caps parallel authorizer runs). Default: none (the account's unreserved pool). */
  reservedConcurrency?: number;
  /**
   * Provisioned concurrency on the `live` alias: warm instances, no cold start over the 1 s budget. Costs money
   * while the stack exists. Default: none.
   */
  provisionedConcurrency?: number;
  /**
   * Days the authorizer's decision log (who read which datastore, when) is kept, a CloudWatch Logs retention
   * value. Default 365: a year of access history, the minimum Control Tower's CT.CLOUDWATCH.PR.2 accepts.
   */
  logRetentionDays: number;
  /** Deadline of one JWKS fetch in ms, 1–1000. Default 500. */
  jwksFetchTimeoutMs: number;
}

/** The viewer's hosting. */
export interface HostingSettings {
  /** Keep old object versions in the viewer bucket. Default `false` (the viewer is rebuilt from source anyway). */
  versioning: boolean;
  /** Write S3 server access logs and CloudFront standard logs to a separate log bucket. Default `false`. */
  accessLogging: boolean;
  /**
   * Customer-managed KMS key ARN (same region) encrypting the viewer bucket (SSE-KMS). Its key policy must let
   * CloudFront decrypt for this distribution (see the README). Default: S3-managed keys (SSE-S3).
   */
  kmsKeyArn?: string;
  /**
   * Serve the viewer on your own domain with your ACM certificate (in us-east-1, as CloudFront requires), with
   * TLSv1.2_2021 as the minimum protocol and SNI. Default: the distribution's `*.cloudfront.net` name, for which
   * CloudFront still accepts TLSv1 and the policy cannot be raised.
   */
  customDomain?: CustomDomainSettings;
  /** A WAF web ACL on the distribution. Default: none. */
  webAcl?: WebAclSettings;
  /**
   * CloudFront price class: `PriceClass_100` (North America, Europe), `PriceClass_200`, `PriceClass_All`.
   * Default `PriceClass_100`.
   */
  priceClass: 'PriceClass_100' | 'PriceClass_200' | 'PriceClass_All';
  /** Path of the sign-in redirect on the viewer's origin. Default `/callback`. */
  callbackPath: string;
  /** Path users return to after signing out. Default `/`. */
  logoutPath: string;
  /**
   * The viewer's pace for HealthImaging's retrieve requests, rendered as the data source's `retrieveRateLimit`:
   * your account's retrieve quota if AWS raised it, e.g. `{ "requestsPerSecond": 200, "burst": 400 }`, or `false`
   * for no pacing. Default: the extension's, HealthImaging's default quota `{ requestsPerSecond: 50, burst: 100 }`.
   */
  retrieveRateLimit?: RateLimit | false;
  /**
   * `'sha256-...'` sources for the inline `<script>` elements of the viewer's `index.html`.
   * Default: the two inline scripts of OHIF 3.13.2's `index.html` (`inlineScriptHashes(html)` in deploy/viewer
   * computes them).
   */
  inlineScriptHashes: string[];
}

/** The viewer's own domain on CloudFront. */
export interface CustomDomainSettings {
  /** e.g. `viewer.example-hospital.org`; point a CNAME (or Route 53 alias) at the `DistributionDomainName` output. */
  domainName: string;
  /** ACM certificate ARN in us-east-1 covering `domainName`. */
  certificateArn: string;
}

/**
 * A CloudFront web ACL: either an existing one (`arn`, scope CLOUDFRONT, so created in us-east-1), or one the stack
 * creates (AWS managed rule groups plus a rate limit per client IP), which CloudFront requires in us-east-1: only
 * possible when `region` is us-east-1.
 */
export type WebAclSettings = { arn: string } | { rateLimitPer5Minutes: number };
