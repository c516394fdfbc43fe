import { assertRetrieveRateLimit } from 'ohif-extension-aws-healthimaging/settings';
import {
  assertArrayOf,
  assertBoolean,
  assertInteger,
  assertKnownKeys,
  assertMatch,
  assertObject,
  assertOneOf,
  assertUrl,
  isLoopbackHost,
  optional,
  SettingsPath,
  type SettingsObject,
} from 'ohif-healthimaging-validation';
import type { GrantRule } from 'ohif-healthimaging-authorizer';
import type {
  AuthorizerFunctionSettings,
  CognitoIdentitySettings,
  CustomDomainSettings,
  DeploySettings,
  HostingSettings,
  ImportJobSettings,
  OidcIdentitySettings,
  WebAclSettings,
} from './DeploySettings';
import { DeploySettingsError } from './DeploySettingsError';
import type { PresetIdentitySettings } from './IdentityPresetSettings';
import { isIdentityPreset, parseIdentityPreset } from './parseIdentitySettings';

/** Where a deploy setting sits (its dotted key), reporting as `DeploySettingsError` in its style (`, got nothing`). */
function settingsPath(key: string): SettingsPath {
  return new SettingsPath(key, (path, problem) => new DeploySettingsError(path, problem), {
    style: 'comma',
    childPrefix: key === 'settings' ? '' : key,
  });
}

/** The inline scripts of OHIF 3.13.2's `dist/index.html`, hashed for the Content-Security-Policy. */
export const ohif3132InlineScriptHashes = [
  "'sha256-VggY0rSMrfuUfyGbMQUTdohoMO4fFh+5LLFfr7rG50g='",
  "'sha256-12PW7jQ7q6uBo6f025aNINHBa58dqEw1kjWTLzM/lTg='",
];

/** Days the authorizer's decision log is kept unless set: a year, the minimum of Control Tower's CT.CLOUDWATCH.PR.2. */
export const defaultLogRetentionDays = 365;
/**
 * Requests per 5 minutes from one IP address before the created web ACL blocks it: a first visit loads ~100–200 files,
 * and a hospital's users may share one NAT address.
 */
export const defaultWebAclRateLimit = 3000;

/** CloudWatch Logs accepts only these retention periods (days). */
const logRetentionDays = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

type Json = SettingsObject;

/**
 * Validates deploy settings (see `DeploySettings` for every key and its default) and fills in the defaults.
 * Throws `DeploySettingsError` naming the first wrong key and what it should be. Unknown keys are refused, so a
 * typo does not silently fall back to a default.
 */
export function parseDeploySettings(input: unknown): DeploySettings {
  const root = object(input, 'settings');
  allowOnly(root, '', [
    'stackName',
    'region',
    'account',
    'datastoreName',
    'retainDatastoreOnDelete',
    'datastoreKmsKeyArn',
    'logsKmsKeyArn',
    'identity',
    'authorizer',
    'hosting',
    'imports',
  ]);
  const region = text(root.region, 'region', /^[a-z]{2}(-[a-z]+)+-\d$/, 'an AWS region such as eu-west-1');
  const settings: DeploySettings = {
    stackName: optional(root.stackName, 'OhifHealthImaging', v =>
      text(
        v,
        'stackName',
        /^[A-Za-z][A-Za-z0-9-]{0,127}$/,
        'a CloudFormation stack name (letters, digits, hyphens; starts with a letter)',
      ),
    ),
    region,
    datastoreName: optional(root.datastoreName, 'ohif-viewer', v =>
      text(v, 'datastoreName', /^[A-Za-z0-9._/#-]{1,256}$/, '1 to 256 characters of A-Z a-z 0-9 . _ / # -'),
    ),
    retainDatastoreOnDelete: optional(root.retainDatastoreOnDelete, true, v => boolean(v, 'retainDatastoreOnDelete')),
    identity: parseIdentity(root.identity, region),
    authorizer: parseAuthorizer(root.authorizer === undefined ? {} : root.authorizer),
    hosting: parseHosting(root.hosting === undefined ? {} : root.hosting, region),
    imports: parseImports(root.imports === undefined ? {} : root.imports, region),
  };
  if (root.account !== undefined) {
    settings.account = text(root.account, 'account', /^\d{12}$/, 'a 12-digit AWS account id');
  }
  if (root.datastoreKmsKeyArn !== undefined)
    settings.datastoreKmsKeyArn = kmsKeyArn(root.datastoreKmsKeyArn, 'datastoreKmsKeyArn', region);
  if (root.logsKmsKeyArn !== undefined) settings.logsKmsKeyArn = kmsKeyArn(root.logsKmsKeyArn, 'logsKmsKeyArn', region);
  return settings;
}

function kmsKeyArn(value: unknown, key: string, region: string): string {
  return text(
    value,
    key,
    new RegExp(`^arn:aws[a-z-]*:kms:${region}:\\d{12}:key/.+$`),
    `a KMS key ARN in ${region}, like arn:aws:kms:${region}:123456789012:key/<id>`,
  );
}

function parseIdentity(
  input: unknown,
  region: string,
): CognitoIdentitySettings | OidcIdentitySettings | PresetIdentitySettings {
  const identity = object(input, 'identity');
  if (isIdentityPreset(identity.provider)) return parseIdentityPreset(identity);
  if (identity.provider === 'cognito') {
    allowOnly(identity, 'identity.', [
      'provider',
      'domainPrefix',
      'mfa',
      'featurePlan',
      'threatProtection',
      'accessTokenMinutes',
      'refreshTokenDays',
      'extraCallbackUrls',
      'extraLogoutUrls',
      'developmentCallbackUrls',
      'developmentLogoutUrls',
      'additionalClientIds',
    ]);
    const domainPrefix = text(
      identity.domainPrefix,
      'identity.domainPrefix',
      /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/,
      'lowercase letters, digits and hyphens (1-63, not starting or ending with a hyphen)',
    );
    if (/aws|amazon|cognito/.test(domainPrefix)) {
      throw new DeploySettingsError(
        'identity.domainPrefix',
        `must not contain "aws", "amazon" or "cognito" (Cognito refuses it), got "${domainPrefix}"`,
      );
    }
    return {
      provider: 'cognito',
      domainPrefix,
      mfa: optional(identity.mfa, 'required', v => oneOf(v, 'identity.mfa', ['off', 'optional', 'required'] as const)),
      featurePlan: optional(identity.featurePlan, 'plus', v =>
        oneOf(v, 'identity.featurePlan', ['essentials', 'plus'] as const),
      ),
      threatProtection: optional(identity.threatProtection, 'enforced', v =>
        oneOf(v, 'identity.threatProtection', ['audit', 'enforced'] as const),
      ),
      accessTokenMinutes: optional(identity.accessTokenMinutes, 60, v =>
        integer(v, 'identity.accessTokenMinutes', 5, 60),
      ),
      refreshTokenDays: optional(identity.refreshTokenDays, 30, v => integer(v, 'identity.refreshTokenDays', 1, 3650)),
      extraCallbackUrls: optional(identity.extraCallbackUrls, [], v =>
        productionUrls(v, 'identity.extraCallbackUrls', 'identity.developmentCallbackUrls'),
      ),
      extraLogoutUrls: optional(identity.extraLogoutUrls, [], v =>
        productionUrls(v, 'identity.extraLogoutUrls', 'identity.developmentLogoutUrls'),
      ),
      developmentCallbackUrls: optional(identity.developmentCallbackUrls, [], v =>
        urls(v, 'identity.developmentCallbackUrls'),
      ),
      developmentLogoutUrls: optional(identity.developmentLogoutUrls, [], v =>
        urls(v, 'identity.developmentLogoutUrls'),
      ),
      additionalClientIds: optional(identity.additionalClientIds, [], v =>
        list(v, 'identity.additionalClientIds', (item, key) =>
          text(item, key, /^[a-z0-9]{1,128}$/, 'a Cognito app client id'),
        ),
      ),
    };
  }
  if (identity.provider === 'oidc') {
    allowOnly(identity, 'identity.', [
      'provider',
      'issuer',
      'clientId',
      'audiences',
      'jwksUri',
      'requiredScopes',
      'grants',
      'extraConnectOrigins',
    ]);
    const nonEmpty = (v: unknown, key: string) => text(v, key, /^\S+$/, 'a non-empty string without spaces');
    const audiences = list(identity.audiences, 'identity.audiences', nonEmpty);
    if (audiences.length === 0) throw new DeploySettingsError('identity.audiences', 'must list at least one audience');
    return {
      provider: 'oidc',
      issuer: httpsUrl(identity.issuer, 'identity.issuer'),
      clientId: nonEmpty(identity.clientId, 'identity.clientId'),
      audiences,
      jwksUri: httpsUrl(identity.jwksUri, 'identity.jwksUri'),
      requiredScopes: optional(identity.requiredScopes, [], v => list(v, 'identity.requiredScopes', nonEmpty)),
      grants: optional(identity.grants, defaultOidcGrants(), v => grants(v, 'identity.grants')),
      extraConnectOrigins: optional(identity.extraConnectOrigins, [], v =>
        list(v, 'identity.extraConnectOrigins', (item, key) => new URL(httpsUrl(item, key)).origin),
      ),
    };
  }
  throw new DeploySettingsError(
    'identity.provider',
    `must be "cognito" (a user pool created in ${region}), "entra-id", "okta", "keycloak", "auth0", or "oidc" (any other OpenID Connect provider), got ${JSON.stringify(identity.provider)}`,
  );
}

/** Groups claim rules matching the local stack's provider and most Keycloak/Okta group mappers. */
function defaultOidcGrants(): GrantRule[] {
  return [
    { claim: 'groups', includes: 'readers', grant: 'read' },
    { claim: 'groups', includes: 'importers', grant: 'write' },
  ];
}

function parseAuthorizer(input: unknown): AuthorizerFunctionSettings {
  const authorizer = object(input, 'authorizer');
  allowOnly(authorizer, 'authorizer.', [
    'memoryMb',
    'timeoutSeconds',
    'reservedConcurrency',
    'provisionedConcurrency',
    'logRetentionDays',
    'jwksFetchTimeoutMs',
  ]);
  const settings: AuthorizerFunctionSettings = {
    memoryMb: optional(authorizer.memoryMb, 512, v => integer(v, 'authorizer.memoryMb', 256, 1024)),
    timeoutSeconds: optional(authorizer.timeoutSeconds, 3, v => integer(v, 'authorizer.timeoutSeconds', 1, 10)),
    logRetentionDays: optional(authorizer.logRetentionDays, defaultLogRetentionDays, v => {
      const days = integer(v, 'authorizer.logRetentionDays', 1, 3653);
      if (!logRetentionDays.includes(days)) {
        throw new DeploySettingsError(
          'authorizer.logRetentionDays',
          `must be one of ${logRetentionDays.join(', ')}, got ${days}`,
        );
      }
      return days;
    }),
    jwksFetchTimeoutMs: optional(authorizer.jwksFetchTimeoutMs, 500, v =>
      integer(v, 'authorizer.jwksFetchTimeoutMs', 1, 1000),
    ),
  };
  if (authorizer.reservedConcurrency !== undefined) {
    settings.reservedConcurrency = integer(authorizer.reservedConcurrency, 'authorizer.reservedConcurrency', 1, 10000);
  }
  if (authorizer.provisionedConcurrency !== undefined) {
    settings.provisionedConcurrency = integer(
      authorizer.provisionedConcurrency,
      'authorizer.provisionedConcurrency',
      1,
      10000,
    );
    if (settings.reservedConcurrency !== undefined && settings.provisionedConcurrency > settings.reservedConcurrency) {
      throw new DeploySettingsError(
        'authorizer.provisionedConcurrency',
        `must not exceed authorizer.reservedConcurrency (${settings.reservedConcurrency})`,
      );
    }
  }
  return settings;
}

function parseHosting(input: unknown, region: string): HostingSettings {
  const hosting = object(input, 'hosting');
  allowOnly(hosting, 'hosting.', [
    'versioning',
    'accessLogging',
    'kmsKeyArn',
    'customDomain',
    'webAcl',
    'priceClass',
    'callbackPath',
    'logoutPath',
    'inlineScriptHashes',
    'retrieveRateLimit',
  ]);
  const path = (v: unknown, key: string) => text(v, key, /^\/[A-Za-z0-9._~\-/]*$/, 'a URL path starting with "/"');
  const settings: HostingSettings = {
    versioning: optional(hosting.versioning, false, v => boolean(v, 'hosting.versioning')),
    accessLogging: optional(hosting.accessLogging, false, v => boolean(v, 'hosting.accessLogging')),
    priceClass: optional(hosting.priceClass, 'PriceClass_100', v =>
      oneOf(v, 'hosting.priceClass', ['PriceClass_100', 'PriceClass_200', 'PriceClass_All'] as const),
    ),
    callbackPath: optional(hosting.callbackPath, '/callback', v => path(v, 'hosting.callbackPath')),
    logoutPath: optional(hosting.logoutPath, '/', v => path(v, 'hosting.logoutPath')),
    inlineScriptHashes: optional(hosting.inlineScriptHashes, ohif3132InlineScriptHashes, v =>
      list(v, 'hosting.inlineScriptHashes', (item, key) =>
        text(
          item,
          key,
          /^'sha(256|384|512)-[A-Za-z0-9+/]+={0,2}'$/,
          `a quoted CSP hash source like "'sha256-<base64>'"`,
        ),
      ),
    ),
  };
  if (hosting.kmsKeyArn !== undefined) settings.kmsKeyArn = kmsKeyArn(hosting.kmsKeyArn, 'hosting.kmsKeyArn', region);
  if (hosting.customDomain !== undefined) settings.customDomain = customDomain(hosting.customDomain);
  if (hosting.webAcl !== undefined) settings.webAcl = webAcl(hosting.webAcl, region);
  if (hosting.retrieveRateLimit !== undefined) {
    // The extension's own check, so that whatever passes here is what the viewer accepts.
    settings.retrieveRateLimit = assertRetrieveRateLimit(
      hosting.retrieveRateLimit,
      settingsPath('hosting.retrieveRateLimit'),
    );
  }
  return settings;
}

function customDomain(input: unknown): CustomDomainSettings {
  const domain = object(input, 'hosting.customDomain');
  allowOnly(domain, 'hosting.customDomain.', ['domainName', 'certificateArn']);
  return {
    domainName: text(
      domain.domainName,
      'hosting.customDomain.domainName',
      /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
      'a lowercase DNS name such as viewer.example-hospital.org',
    ),
    certificateArn: text(
      domain.certificateArn,
      'hosting.customDomain.certificateArn',
      /^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[A-Za-z0-9-]+$/,
      'an ACM certificate ARN in us-east-1 (CloudFront only uses certificates from us-east-1), like arn:aws:acm:us-east-1:123456789012:certificate/<id>',
    ),
  };
}

function webAcl(input: unknown, region: string): WebAclSettings {
  const acl = object(input, 'hosting.webAcl');
  if (acl.arn !== undefined) {
    allowOnly(acl, 'hosting.webAcl.', ['arn']);
    return {
      arn: text(
        acl.arn,
        'hosting.webAcl.arn',
        /^arn:aws[a-z-]*:wafv2:us-east-1:\d{12}:global\/webacl\/[\w-]+\/[\w-]+$/,
        'the ARN of a CloudFront-scope WAF web ACL (us-east-1, global/webacl/<name>/<id>)',
      ),
    };
  }
  allowOnly(acl, 'hosting.webAcl.', ['arn', 'rateLimitPer5Minutes']);
  if (region !== 'us-east-1') {
    throw new DeploySettingsError(
      'hosting.webAcl',
      `cannot be created by a stack in ${region}: a web ACL for CloudFront must be created in us-east-1. Create one there (scope CLOUDFRONT) and give its ARN as hosting.webAcl.arn, or deploy the stack in us-east-1`,
    );
  }
  return {
    rateLimitPer5Minutes: optional(acl.rateLimitPer5Minutes, defaultWebAclRateLimit, v =>
      integer(v, 'hosting.webAcl.rateLimitPer5Minutes', 10, 2_000_000_000),
    ),
  };
}

function parseImports(input: unknown, region: string): ImportJobSettings {
  const imports = object(input, 'imports');
  allowOnly(imports, 'imports.', ['bucketName', 'inputPrefix', 'outputPrefix', 'kmsKeyArn', 'accessLogging']);
  const prefix = (v: unknown, key: string) =>
    text(v, key, /^([A-Za-z0-9!_.*'()-]+\/)+$/, 'a key prefix of safe characters ending in "/", such as "dicom/"');
  const settings: ImportJobSettings = {
    inputPrefix: optional(imports.inputPrefix, 'dicom/', v => prefix(v, 'imports.inputPrefix')),
    outputPrefix: optional(imports.outputPrefix, 'import-output/', v => prefix(v, 'imports.outputPrefix')),
    accessLogging: optional(imports.accessLogging, true, v => boolean(v, 'imports.accessLogging')),
  };
  if (
    settings.inputPrefix.startsWith(settings.outputPrefix) ||
    settings.outputPrefix.startsWith(settings.inputPrefix)
  ) {
    throw new DeploySettingsError(
      'imports.outputPrefix',
      `must not overlap imports.inputPrefix ("${settings.inputPrefix}"): a job would import its own results`,
    );
  }
  if (imports.bucketName !== undefined) {
    settings.bucketName = text(
      imports.bucketName,
      'imports.bucketName',
      /^[a-z0-9][.\-a-z0-9]{1,61}[a-z0-9]$/,
      'an S3 bucket name (3-63 lowercase letters, digits, dots, hyphens)',
    );
  }
  if (imports.kmsKeyArn !== undefined) {
    settings.kmsKeyArn = text(
      imports.kmsKeyArn,
      'imports.kmsKeyArn',
      new RegExp(`^arn:aws[a-z-]*:kms:${region}:\\d{12}:key/.+$`),
      `a KMS key ARN in ${region}`,
    );
  }
  return settings;
}

function grants(value: unknown, key: string): GrantRule[] {
  const rules = list(value, key, (item, itemKey): GrantRule => {
    const rule = object(item, itemKey);
    const grant = oneOf(rule.grant, `${itemKey}.grant`, ['read', 'write'] as const);
    if (rule.scope !== undefined) {
      allowOnly(rule, `${itemKey}.`, ['scope', 'grant']);
      return { scope: text(rule.scope, `${itemKey}.scope`, /^\S+$/, 'a scope without spaces'), grant };
    }
    allowOnly(rule, `${itemKey}.`, ['claim', 'includes', 'grant']);
    return {
      claim: text(rule.claim, `${itemKey}.claim`, /^\S+$/, 'a claim name (or give "scope" instead)'),
      includes: text(rule.includes, `${itemKey}.includes`, /^.+$/, 'the value the claim must be or contain'),
      grant,
    };
  });
  if (rules.length === 0)
    throw new DeploySettingsError(key, 'must hold at least one rule, or be left out for the default');
  return rules;
}

// The parsers above name keys by their dotted path; these bind the toolkit's assertions to that and to
// DeploySettingsError, in the words the deploy settings have always used.

function object(value: unknown, key: string): Json {
  return assertObject(value, settingsPath(key));
}

function allowOnly(value: Json, prefix: string, keys: string[]): void {
  const wording = { unknown: 'is not a known setting', known: 'known here:' };
  assertKnownKeys(value, keys, settingsPath(prefix === '' ? 'settings' : prefix.slice(0, -1)), { wording });
}

function text(value: unknown, key: string, pattern: RegExp, expectation: string): string {
  return assertMatch(value, pattern, settingsPath(key), expectation);
}

function boolean(value: unknown, key: string): boolean {
  return assertBoolean(value, settingsPath(key));
}

function integer(value: unknown, key: string, min: number, max: number): number {
  return assertInteger(value, settingsPath(key), { min, max, expected: `a whole number from ${min} to ${max}` });
}

function oneOf<T extends string>(value: unknown, key: string, choices: readonly T[]): T {
  return assertOneOf(value, choices, settingsPath(key));
}

function list<T>(value: unknown, key: string, read: (item: unknown, key: string) => T): T[] {
  return assertArrayOf(value, settingsPath(key), (item, at) => read(item, at.key));
}

function httpsUrl(value: unknown, key: string): string {
  return assertUrl(value, settingsPath(key), {
    schemes: 'https',
    expected: 'an https:// URL',
    insecure: 'must be an https:// URL',
  });
}

/** Redirect URLs of the production client: https only, so no local program can receive a user's sign-in. */
function productionUrls(value: unknown, key: string, developmentKey: string): string[] {
  return list(value, key, (item, itemKey) => {
    const url = typeof item === 'string' ? URL.parse(item) : null;
    if (url !== null && isLoopbackHost(url.hostname)) {
      throw new DeploySettingsError(
        itemKey,
        `must not be a local address: ${JSON.stringify(item)} belongs in ${developmentKey} (a separate client)`,
      );
    }
    return httpsUrl(item, itemKey);
  });
}

/** Redirect URLs: https anywhere, http only on a loopback host (development). */
function urls(value: unknown, key: string): string[] {
  const rule = {
    expected: 'an https:// URL (http:// only on localhost)',
    insecure: 'must be an https:// URL (http:// only on localhost)',
  };
  return list(value, key, (item, itemKey) => assertUrl(item, settingsPath(itemKey), rule));
}
