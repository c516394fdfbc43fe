import { inlineScriptHashes } from '../../../viewer/inlineScriptHashes';
import { DeploySettingsError } from './DeploySettingsError';
import { ohif3132InlineScriptHashes, parseDeploySettings } from './parseDeploySettings';

const cognito = { region: 'eu-west-1', identity: { provider: 'cognito', domainPrefix: 'clinic-viewer' } };
const oidc = {
  region: 'eu-west-1',
  identity: {
    provider: 'oidc',
    issuer: 'https://idp.example.com/realms/x',
    jwksUri: 'https://idp.example.com/realms/x/certs',
    clientId: 'ohif-viewer',
    audiences: ['imaging-api'],
  },
};

describe('parseDeploySettings', () => {
  it('fills in every default for a minimal Cognito deployment', () => {
    expect(parseDeploySettings(cognito)).toEqual({
      stackName: 'OhifHealthImaging',
      region: 'eu-west-1',
      datastoreName: 'ohif-viewer',
      retainDatastoreOnDelete: true,
      identity: {
        provider: 'cognito',
        domainPrefix: 'clinic-viewer',
        mfa: 'required',
        featurePlan: 'plus',
        threatProtection: 'enforced',
        accessTokenMinutes: 60,
        refreshTokenDays: 30,
        extraCallbackUrls: [],
        extraLogoutUrls: [],
        developmentCallbackUrls: [],
        developmentLogoutUrls: [],
        additionalClientIds: [],
      },
      authorizer: { memoryMb: 512, timeoutSeconds: 3, logRetentionDays: 365, jwksFetchTimeoutMs: 500 },
      hosting: {
        versioning: false,
        accessLogging: false,
        priceClass: 'PriceClass_100',
        callbackPath: '/callback',
        logoutPath: '/',
        inlineScriptHashes: ohif3132InlineScriptHashes,
      },
      imports: { inputPrefix: 'dicom/', outputPrefix: 'import-output/', accessLogging: true },
    });
  });

  it('fills in the group grants for an OIDC provider and keeps what is given', () => {
    const settings = parseDeploySettings({ ...oidc, account: '123456789012', retainDatastoreOnDelete: false });
    expect(settings.identity).toEqual({
      ...oidc.identity,
      requiredScopes: [],
      grants: [
        { claim: 'groups', includes: 'readers', grant: 'read' },
        { claim: 'groups', includes: 'importers', grant: 'write' },
      ],
      extraConnectOrigins: [],
    });
    expect(settings.account).toBe('123456789012');
    expect(settings.retainDatastoreOnDelete).toBe(false);
  });

  it('reduces extra connect URLs to their origins', () => {
    const settings = parseDeploySettings({
      ...oidc,
      identity: { ...oidc.identity, extraConnectOrigins: ['https://tokens.example.com/oauth2/token'] },
    });
    expect(settings.identity.provider === 'oidc' && settings.identity.extraConnectOrigins).toEqual([
      'https://tokens.example.com',
    ]);
  });

  it("keeps the viewer's retrieve pace, checked as the extension checks it", () => {
    const raised = { requestsPerSecond: 200, burst: 400 };
    expect(
      parseDeploySettings({ ...cognito, hosting: { retrieveRateLimit: raised } }).hosting.retrieveRateLimit,
    ).toEqual(raised);
    expect(parseDeploySettings({ ...cognito, hosting: { retrieveRateLimit: false } }).hosting.retrieveRateLimit).toBe(
      false,
    );
  });

  it('creates a web ACL with the default rate limit only in us-east-1, and keeps a custom domain', () => {
    const customDomain = {
      domainName: 'viewer.example-hospital.org',
      certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c',
    };
    const settings = parseDeploySettings({ ...cognito, region: 'us-east-1', hosting: { webAcl: {}, customDomain } });
    expect(settings.hosting).toMatchObject({ webAcl: { rateLimitPer5Minutes: 3000 }, customDomain });
    const arn = 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/viewer/0a1b2c3d';
    expect(parseDeploySettings({ ...cognito, hosting: { webAcl: { arn } } }).hosting.webAcl).toEqual({ arn });
  });

  it.each([
    [{ ...cognito, region: 'Ireland' }, 'region', /an AWS region such as eu-west-1, got "Ireland"/],
    [{ identity: cognito.identity }, 'region', /got nothing/],
    [{ ...cognito, regoin: 'eu-west-1' }, 'regoin', /is not a known setting/],
    [
      { ...cognito, identity: { provider: 'azure' } },
      'identity.provider',
      /"cognito" .*"entra-id", "okta", "keycloak", "auth0", or "oidc"/,
    ],
    [
      { ...cognito, identity: { provider: 'cognito', domainPrefix: 'my-cognito-app' } },
      'identity.domainPrefix',
      /must not contain/,
    ],
    [{ ...cognito, identity: { provider: 'cognito', domainPrefix: 'Viewer' } }, 'identity.domainPrefix', /lowercase/],
    [
      { ...cognito, identity: { ...cognito.identity, accessTokenMinutes: 120 } },
      'identity.accessTokenMinutes',
      /from 5 to 60, got 120/,
    ],
    [
      { ...cognito, identity: { ...cognito.identity, mfa: true } },
      'identity.mfa',
      /one of "off", "optional", "required"/,
    ],
    [
      { ...cognito, identity: { ...cognito.identity, extraCallbackUrls: ['http://viewer.example.com/callback'] } },
      'identity.extraCallbackUrls[0]',
      /must be an https:\/\/ URL/,
    ],
    [
      { ...cognito, identity: { ...cognito.identity, extraCallbackUrls: ['http://localhost:3000/callback'] } },
      'identity.extraCallbackUrls[0]',
      /belongs in identity\.developmentCallbackUrls/,
    ],
    [
      { ...cognito, identity: { ...cognito.identity, extraLogoutUrls: ['https://127.0.0.1:3000/'] } },
      'identity.extraLogoutUrls[0]',
      /belongs in identity\.developmentLogoutUrls/,
    ],
    [
      { ...cognito, identity: { ...cognito.identity, developmentCallbackUrls: ['http://dev.example.com/callback'] } },
      'identity.developmentCallbackUrls[0]',
      /http:\/\/ only on localhost/,
    ],
    [
      { ...oidc, identity: { ...oidc.identity, issuer: 'http://idp.example.com' } },
      'identity.issuer',
      /https:\/\/ URL/,
    ],
    [{ ...oidc, identity: { ...oidc.identity, audiences: [] } }, 'identity.audiences', /at least one/],
    [{ ...oidc, identity: { ...oidc.identity, jwksUri: undefined } }, 'identity.jwksUri', /got nothing/],
    [
      { ...oidc, identity: { ...oidc.identity, grants: [{ claim: 'groups', includes: 'x', grant: 'admin' }] } },
      'identity.grants[0].grant',
      /"read", "write"/,
    ],
    [{ ...oidc, identity: { ...oidc.identity, grants: [] } }, 'identity.grants', /at least one rule/],
    [{ ...cognito, datastoreName: 'has space' }, 'datastoreName', /A-Z a-z 0-9/],
    [{ ...cognito, retainDatastoreOnDelete: 'no' }, 'retainDatastoreOnDelete', /true or false/],
    [
      { ...cognito, datastoreKmsKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/abc' },
      'datastoreKmsKeyArn',
      /KMS key ARN in eu-west-1/,
    ],
    [{ ...cognito, account: '1234' }, 'account', /12-digit/],
    [{ ...cognito, authorizer: { timeoutSeconds: 30 } }, 'authorizer.timeoutSeconds', /from 1 to 10/],
    [{ ...cognito, authorizer: { logRetentionDays: 10 } }, 'authorizer.logRetentionDays', /must be one of 1, 3, 5/],
    [
      { ...cognito, authorizer: { reservedConcurrency: 2, provisionedConcurrency: 5 } },
      'authorizer.provisionedConcurrency',
      /must not exceed/,
    ],
    [
      { ...cognito, hosting: { inlineScriptHashes: ['sha256-abc'] } },
      'hosting.inlineScriptHashes[0]',
      /quoted CSP hash/,
    ],
    [{ ...cognito, hosting: { callbackPath: 'callback' } }, 'hosting.callbackPath', /starting with "\/"/],
    [{ ...cognito, hosting: { priceClass: 'cheap' } }, 'hosting.priceClass', /PriceClass_100/],
    [
      { ...cognito, logsKmsKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/abc' },
      'logsKmsKeyArn',
      /KMS key ARN in eu-west-1/,
    ],
    [{ ...cognito, hosting: { kmsKeyArn: 'key/abc' } }, 'hosting.kmsKeyArn', /KMS key ARN in eu-west-1/],
    [
      { ...cognito, hosting: { customDomain: { domainName: 'viewer.example.org' } } },
      'hosting.customDomain.certificateArn',
      /ACM certificate ARN in us-east-1/,
    ],
    [
      {
        ...cognito,
        hosting: {
          customDomain: {
            domainName: 'viewer.example.org',
            certificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/abc',
          },
        },
      },
      'hosting.customDomain.certificateArn',
      /only uses certificates from us-east-1/,
    ],
    [
      { ...cognito, hosting: { customDomain: { domainName: 'https://viewer.example.org', certificateArn: 'x' } } },
      'hosting.customDomain.domainName',
      /DNS name/,
    ],
    [{ ...cognito, hosting: { webAcl: {} } }, 'hosting.webAcl', /must be created in us-east-1.*hosting\.webAcl\.arn/],
    [
      { ...cognito, hosting: { webAcl: { arn: 'arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/a/b' } } },
      'hosting.webAcl.arn',
      /CloudFront-scope/,
    ],
    [
      { ...cognito, region: 'us-east-1', hosting: { webAcl: { rateLimitPer5Minutes: 5 } } },
      'hosting.webAcl.rateLimitPer5Minutes',
      /from 10 to/,
    ],
    [
      { ...cognito, hosting: { retrieveRateLimit: { requestsPerSecond: 50, burst: 0 } } },
      'hosting.retrieveRateLimit',
      /"burst": <whole number ≥ 1> .*got \{"requestsPerSecond":50,"burst":0\}/,
    ],
    ['{}', 'settings', /must be an object/],
  ])('refuses %j naming %s', (input, key, message) => {
    let caught: unknown;
    try {
      parseDeploySettings(input);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DeploySettingsError);
    expect((caught as DeploySettingsError).key).toBe(key);
    expect((caught as Error).message).toMatch(new RegExp(`^Deploy setting ${key.replace(/[[\].]/g, '\\$&')} `));
    expect((caught as Error).message).toMatch(message);
  });
});

describe('ohif3132InlineScriptHashes', () => {
  it('are the hashes of the inline scripts of OHIF 3.13.2 index.html', () => {
    // The <head> of @ohif/app@3.13.2 dist/index.html, shortened to its script elements.
    const ohifHead =
      '<script>console.time("scriptToView"),window.PUBLIC_URL="/"</script>' +
      '<script rel="preload" as="script" src="/app-config.js"></script>' +
      '<script rel="preload" as="script" type="module" src="/init-service-worker.js"></script>' +
      '<script>function browserImportFunction(n){return import(n)}window.PUBLIC_URL="/"</script>' +
      '<script defer src="/app.bundle.0f6159c501addfe9.js"></script>';
    expect(inlineScriptHashes(ohifHead)).toEqual(ohif3132InlineScriptHashes);
  });
});
