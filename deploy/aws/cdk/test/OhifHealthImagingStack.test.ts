import { Match, type Template } from 'aws-cdk-lib/assertions';
import { parseAuthorizerSettings } from 'ohif-healthimaging-authorizer';
import { readActions, writeActions } from '../lib/DatastoreAccessRoles';
import { stackOutputNames } from '../lib/OhifHealthImagingStack';
import { ohif3132InlineScriptHashes } from '../lib/parseDeploySettings';
import { buildStack, cognitoSettings, flatten, oidcSettings, testAccount } from './buildStack';

type Resources = Record<string, { Type: string; Properties: Record<string, unknown>; DependsOn?: string[] }>;

function onlyResource(template: Template, type: string, properties: Record<string, unknown> = {}) {
  const found = Object.entries(template.findResources(type, { Properties: Match.objectLike(properties) })) as [
    string,
    Resources[string],
  ][];
  expect(found).toHaveLength(1);
  return found[0] as [string, Resources[string]];
}

describe.each([
  ['cognito', cognitoSettings],
  ['oidc', oidcSettings],
] as const)('stack with %s identity', (mode, input) => {
  const { template } = buildStack(input);
  const region = input.region;
  const [authorizerId, authorizer] = onlyResource(template, 'AWS::Lambda::Function', {
    Environment: { Variables: { AUTHORIZER_SETTINGS: Match.anyValue() } },
  });
  const [aliasId] = onlyResource(template, 'AWS::Lambda::Alias', { Name: 'live' });
  const [datastoreId, datastore] = onlyResource(template, 'Custom::HealthImagingDatastore');
  const [readerId] = onlyResource(template, 'AWS::IAM::Role', { Description: Match.stringLikeRegexp('read access') });
  const [importerId] = onlyResource(template, 'AWS::IAM::Role', {
    Description: Match.stringLikeRegexp('read and store'),
  });

  describe('authorizer Lambda', () => {
    it('runs on arm64 with the newest Node.js runtime, a short timeout and bounded memory', () => {
      expect(authorizer.Properties).toMatchObject({
        Architectures: ['arm64'],
        Runtime: 'nodejs24.x',
        Handler: 'index.handler',
        Timeout: 3,
        MemorySize: 512,
      });
    });

    it('keeps its decision log for a year by default', () => {
      template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 365 });
      expect(authorizer.Properties.LoggingConfig).toEqual({
        LogGroup: { Ref: expect.stringMatching(/^AuthorizerLogs/) },
      });
    });

    it('gets settings the real authorizer parser accepts, naming both roles', () => {
      const json = flatten(
        (authorizer.Properties.Environment as { Variables: Record<string, unknown> }).Variables.AUTHORIZER_SETTINGS,
      );
      const placeholders = json
        .replaceAll('{AWS::Partition}', 'aws')
        .replace(/\{IdentityUsers[A-F0-9]+\}/, `${region}_AbCdEf123`)
        .replace(/\{IdentityUsersViewer[A-F0-9]+\}/, 'viewerclientid')
        .replace(/\{IdentityUsersDevelopment[A-F0-9]+\}/, 'developmentclientid');
      const settings = parseAuthorizerSettings(JSON.parse(placeholders));
      // The ARNs are made from the roles' fixed names (the roles themselves are created after the datastore).
      const roleName = (id: string) => template.toJSON().Resources[id].Properties.RoleName as string;
      expect(roleName(readerId)).toMatch(new RegExp(`-reader-${region}$`));
      expect(settings.roles).toEqual({
        reader: `arn:aws:iam::${testAccount}:role/${roleName(readerId)}`,
        importer: `arn:aws:iam::${testAccount}:role/${roleName(importerId)}`,
      });
      expect(settings.jwksFetchTimeoutMs).toBe(500);
      if (mode === 'cognito') {
        expect(settings).toMatchObject({
          provider: 'cognito',
          issuer: `https://cognito-idp.${region}.amazonaws.com/${region}_AbCdEf123`,
          clientIds: ['viewerclientid', 'developmentclientid'],
          grants: [
            { claim: 'cognito:groups', includes: 'readers', grant: 'read' },
            { claim: 'cognito:groups', includes: 'importers', grant: 'write' },
          ],
        });
      } else {
        expect(settings).toMatchObject({
          provider: 'oidc',
          issuer: oidcSettings.identity.issuer,
          jwksUri: oidcSettings.identity.jwksUri,
          audiences: oidcSettings.identity.audiences,
          viewerClientIds: [oidcSettings.identity.clientId],
          grants: [
            { claim: 'groups', includes: 'readers', grant: 'read' },
            { claim: 'groups', includes: 'importers', grant: 'write' },
          ],
        });
      }
    });
  });

  describe('invoke permission', () => {
    it('lets only HealthImaging invoke the live alias, for this account and this datastore', () => {
      const permissions = template.findResources('AWS::Lambda::Permission');
      const healthImaging = Object.values(permissions).filter(
        p => p.Properties.Principal === 'medical-imaging.amazonaws.com',
      );
      expect(healthImaging).toHaveLength(1);
      expect(healthImaging[0]?.Properties).toEqual({
        Action: 'lambda:InvokeFunction',
        FunctionName: { Ref: aliasId },
        Principal: 'medical-imaging.amazonaws.com',
        SourceAccount: testAccount,
        SourceArn: { 'Fn::GetAtt': [datastoreId, 'DatastoreArn'] },
      });
      // Nothing else may invoke the authorizer.
      const others = Object.values(permissions).filter(p =>
        JSON.stringify(p.Properties.FunctionName).includes(authorizerId),
      );
      expect(others).toEqual([]);
    });
  });

  describe('reader and importer roles', () => {
    it.each([
      ['reader', () => readerId],
      ['importer', () => importerId],
    ])('the %s role trusts only HealthImaging acting for this account and this datastore', (_name, roleId) => {
      expect(template.toJSON().Resources[roleId()].Properties.AssumeRolePolicyDocument).toEqual({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: 'sts:AssumeRole',
            Principal: { Service: 'medical-imaging.amazonaws.com' },
            Condition: {
              StringEquals: { 'aws:SourceAccount': testAccount },
              ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': [datastoreId, 'DatastoreArn'] } },
            },
          },
        ],
      });
    });

    const datastoreArn = { 'Fn::GetAtt': [datastoreId, 'DatastoreArn'] };
    it('the reader may run exactly the read operations, on this datastore only', () => {
      template.hasResourceProperties('AWS::IAM::Policy', {
        Roles: [{ Ref: readerId }],
        // cdk.json's @aws-cdk/aws-iam:minimizePolicies sorts the actions.
        PolicyDocument: { Statement: [{ Effect: 'Allow', Action: [...readActions].sort(), Resource: datastoreArn }] },
      });
      expect(readActions).toEqual([
        'medical-imaging:SearchDICOMStudies',
        'medical-imaging:SearchDICOMSeries',
        'medical-imaging:SearchDICOMInstances',
        'medical-imaging:GetDICOMSeriesMetadata',
        'medical-imaging:GetDICOMInstanceMetadata',
        'medical-imaging:GetDICOMInstance',
        'medical-imaging:GetDICOMInstanceFrames',
        'medical-imaging:GetDICOMBulkdata',
      ]);
    });

    it('the importer may also store, on this datastore only', () => {
      template.hasResourceProperties('AWS::IAM::Policy', {
        Roles: [{ Ref: importerId }],
        PolicyDocument: {
          Statement: [{ Effect: 'Allow', Action: [...readActions, ...writeActions].sort(), Resource: datastoreArn }],
        },
      });
      expect(writeActions).toEqual(['medical-imaging:StoreDICOM', 'medical-imaging:StoreDICOMStudy']);
    });

    it('no policy of the roles names another resource', () => {
      const rolePolicies = Object.values(template.findResources('AWS::IAM::Policy')).filter(p =>
        JSON.stringify(p.Properties.Roles).match(new RegExp(`${readerId}|${importerId}`)),
      );
      expect(rolePolicies).toHaveLength(2);
      for (const policy of rolePolicies) {
        for (const statement of policy.Properties.PolicyDocument.Statement)
          expect(statement.Resource).toEqual(datastoreArn);
      }
    });
  });

  describe('datastore custom resource', () => {
    it('is created with the authorizer alias ARN, the name and the retain flag (default: retain)', () => {
      expect(datastore.Properties).toMatchObject({
        DatastoreName: 'ohif-viewer',
        LambdaAuthorizerArn: { Ref: aliasId },
        RetainOnDelete: 'true',
      });
      expect(datastore.Properties.KmsKeyArn).toBeUndefined();
    });

    it('has a handler allowed to create, read and delete datastores, nothing else', () => {
      template.hasResourceProperties('AWS::IAM::Policy', {
        PolicyDocument: {
          Statement: Match.arrayWith([
            { Effect: 'Allow', Action: 'medical-imaging:CreateDatastore', Resource: '*' },
            {
              Effect: 'Allow',
              Action: ['medical-imaging:DeleteDatastore', 'medical-imaging:GetDatastore'],
              Resource: {
                'Fn::Join': [
                  '',
                  ['arn:', { Ref: 'AWS::Partition' }, `:medical-imaging:${region}:${testAccount}:datastore/*`],
                ],
              },
            },
          ]),
        },
      });
    });
  });

  describe('viewer hosting', () => {
    it('keeps files in a private, encrypted, SSL-only bucket', () => {
      // The viewer bucket by its construct's logical id (the import bucket and its log bucket: ImportResources.test).
      const viewerBuckets = Object.entries(template.findResources('AWS::S3::Bucket')).filter(([logicalId]) =>
        logicalId.startsWith('HostingFiles'),
      );
      expect(viewerBuckets).toHaveLength(1);
      const [bucketId, bucket] = viewerBuckets[0] as [string, Resources[string]];
      expect(bucket.Properties).toMatchObject({
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
        },
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
      });
      template.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: { Ref: bucketId },
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: 'Deny',
              Action: 's3:*',
              Principal: { AWS: '*' },
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            }),
          ]),
        },
      });
    });

    it('serves it through CloudFront with Origin Access Control, HTTPS and index.html as root', () => {
      const [oacId] = onlyResource(template, 'AWS::CloudFront::OriginAccessControl', {
        OriginAccessControlConfig: {
          OriginAccessControlOriginType: 's3',
          SigningBehavior: 'always',
          SigningProtocol: 'sigv4',
        },
      });
      template.hasResourceProperties('AWS::CloudFront::Distribution', {
        DistributionConfig: {
          DefaultRootObject: 'index.html',
          Origins: [Match.objectLike({ OriginAccessControlId: { 'Fn::GetAtt': [oacId, 'Id'] } })],
          DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'redirect-to-https' }),
        },
      });
    });

    it('routes extension-less paths to /index.html with a viewer-request CloudFront Function (no error-page rewriting)', () => {
      const [functionId, fn] = onlyResource(template, 'AWS::CloudFront::Function');
      expect(fn.Properties.FunctionCode).toContain("request.uri = '/index.html'");
      template.hasResourceProperties('AWS::CloudFront::Distribution', {
        DistributionConfig: {
          DefaultCacheBehavior: Match.objectLike({
            FunctionAssociations: [
              { EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [functionId, 'FunctionARN'] } },
            ],
          }),
          CustomErrorResponses: Match.absent(),
        },
      });
    });

    const headers = () => {
      const [, policy] = onlyResource(template, 'AWS::CloudFront::ResponseHeadersPolicy');
      return (
        policy.Properties.ResponseHeadersPolicyConfig as {
          SecurityHeadersConfig: Record<string, Record<string, unknown>>;
        }
      ).SecurityHeadersConfig;
    };

    it('sends a CSP allowing only the viewer, the DICOMweb host and the identity provider', () => {
      const csp = String(headers().ContentSecurityPolicy?.ContentSecurityPolicy);
      const identityOrigins =
        mode === 'cognito'
          ? 'https://clinic-viewer.auth.eu-west-1.amazoncognito.com https://cognito-idp.eu-west-1.amazonaws.com'
          : 'https://sso.example-hospital.org https://tokens.example-hospital.org';
      expect(csp).toContain(
        `connect-src 'self' https://dicom-medical-imaging.${region}.amazonaws.com ${identityOrigins} blob: data:;`,
      );
      expect(csp).toContain(
        `script-src 'self' 'wasm-unsafe-eval' 'unsafe-eval' ${ohif3132InlineScriptHashes.join(' ')};`,
      );
      expect(csp).toContain("worker-src 'self' blob:");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain("'unsafe-inline' 'sha");
    });

    it('sends HSTS, X-Frame-Options DENY, nosniff and a referrer policy', () => {
      expect(headers()).toMatchObject({
        StrictTransportSecurity: { AccessControlMaxAgeSec: 63072000, IncludeSubdomains: true, Override: true },
        FrameOptions: { FrameOption: 'DENY', Override: true },
        ContentTypeOptions: { Override: true },
        ReferrerPolicy: { ReferrerPolicy: 'strict-origin-when-cross-origin', Override: true },
      });
    });
  });

  describe('outputs', () => {
    it('holds every value the viewer app-config is built from', () => {
      const outputs = template.toJSON().Outputs as Record<string, { Value: unknown }>;
      // ViewerAuth only for a named provider (identityPresets.test.ts).
      const expected = stackOutputNames.filter(
        name =>
          name !== 'ViewerAuth' && (mode === 'cognito' || !['CognitoDomain', 'DevelopmentClientId'].includes(name)),
      );
      expect(Object.keys(outputs).sort()).toEqual([...expected].sort());
      expect(outputs.Region?.Value).toBe(region);
      expect(outputs.RetrieveRateLimit?.Value).toBe('{"requestsPerSecond":50,"burst":100}');
      expect(flatten(outputs.DicomWebUrl?.Value)).toBe(
        `https://dicom-medical-imaging.${region}.amazonaws.com/datastore/{${datastoreId}.DatastoreId}`,
      );
      expect(outputs.DatastoreId?.Value).toEqual({ 'Fn::GetAtt': [datastoreId, 'DatastoreId'] });
      expect(outputs.ReaderRoleArn?.Value).toEqual({ 'Fn::GetAtt': [readerId, 'Arn'] });
      expect(outputs.ImporterRoleArn?.Value).toEqual({ 'Fn::GetAtt': [importerId, 'Arn'] });
      expect(outputs.AuthorizerFunctionName?.Value).toEqual({ Ref: authorizerId });
      expect(flatten(outputs.ViewerUrl?.Value)).toMatch(/^https:\/\/\{HostingDistribution[A-F0-9]+\.DomainName\}\/$/);
      if (mode === 'cognito') {
        expect(flatten(outputs.Authority?.Value)).toMatch(
          /^https:\/\/cognito-idp\.eu-west-1\.amazonaws\.com\/\{IdentityUsers[A-F0-9]+\}$/,
        );
        expect(outputs.CognitoDomain?.Value).toBe('https://clinic-viewer.auth.eu-west-1.amazoncognito.com');
      } else {
        expect(outputs.Authority?.Value).toBe(oidcSettings.identity.issuer);
        expect(outputs.ClientId?.Value).toBe('ohif-viewer');
      }
    });

    it('reveals no password or secret', () => {
      expect(JSON.stringify(template.toJSON().Outputs)).not.toMatch(/password|secret/i);
    });
  });

  if (mode === 'cognito') {
    describe('Cognito user pool', () => {
      it('has self sign-up off (admins create users), a strong password policy and TOTP MFA required by default', () => {
        template.hasResourceProperties('AWS::Cognito::UserPool', {
          AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
          Policies: {
            PasswordPolicy: {
              MinimumLength: 14,
              RequireLowercase: true,
              RequireUppercase: true,
              RequireNumbers: true,
              RequireSymbols: true,
            },
          },
          MfaConfiguration: 'ON',
          EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
          UserPoolTier: 'PLUS',
          UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
        });
      });

      it('has the groups readers and importers', () => {
        template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: 'readers' });
        template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: 'importers' });
      });

      it('has a public viewer client: code flow only, no secret, 60-minute access tokens, callbacks on the viewer only', () => {
        const viewerClients = Object.entries(template.findResources('AWS::Cognito::UserPoolClient')).filter(([id]) =>
          id.startsWith('IdentityUsersViewer'),
        );
        expect(viewerClients).toHaveLength(1);
        const [, client] = viewerClients[0]!;
        expect(client.Properties).toMatchObject({
          GenerateSecret: false,
          AllowedOAuthFlows: ['code'],
          AllowedOAuthFlowsUserPoolClient: true,
          ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
          AccessTokenValidity: 60,
          TokenValidityUnits: { AccessToken: 'minutes' },
          EnableTokenRevocation: true,
          SupportedIdentityProviders: ['COGNITO'],
        });
        expect((client.Properties.CallbackURLs as unknown[]).map(flatten)).toEqual([
          expect.stringMatching(/^https:\/\/\{HostingDistribution[A-F0-9]+\.DomainName\}\/callback$/),
        ]);
        expect((client.Properties.LogoutURLs as unknown[]).map(flatten)).toEqual([
          expect.stringMatching(/^https:\/\/\{HostingDistribution[A-F0-9]+\.DomainName\}\/$/),
        ]);
      });

      it('sends local redirects to a separate development client, whose id is an output', () => {
        const clients = Object.entries(template.findResources('AWS::Cognito::UserPoolClient'));
        expect(clients).toHaveLength(2);
        const local = clients.filter(([, client]) => JSON.stringify(client.Properties).includes('localhost'));
        expect(local).toHaveLength(1);
        const [developmentId, development] = local[0]!;
        expect(development.Properties).toMatchObject({
          CallbackURLs: ['http://localhost:3000/callback'],
          LogoutURLs: ['http://localhost:3000/'],
          GenerateSecret: false,
          AllowedOAuthFlows: ['code'],
        });
        expect(template.toJSON().Outputs.DevelopmentClientId.Value).toEqual({ Ref: developmentId });
      });

      it('has the hosted UI domain with the configured prefix', () => {
        template.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: 'clinic-viewer' });
      });
    });
  } else {
    it('creates no Cognito resources', () => {
      expect(Object.keys(template.findResources('AWS::Cognito::UserPool'))).toEqual([]);
      expect(Object.keys(template.findResources('AWS::Cognito::UserPoolClient'))).toEqual([]);
    });
  }
});

describe('stack options', () => {
  it('passes a KMS key and the delete flag to the datastore, and lets its handler use the key', () => {
    const kmsKeyArn = `arn:aws:kms:eu-west-1:${testAccount}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
    const { template } = buildStack({
      ...cognitoSettings,
      datastoreKmsKeyArn: kmsKeyArn,
      retainDatastoreOnDelete: false,
    });
    template.hasResourceProperties('Custom::HealthImagingDatastore', { KmsKeyArn: kmsKeyArn, RetainOnDelete: 'false' });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Action: Match.arrayWith(['kms:CreateGrant']), Resource: kmsKeyArn }),
        ]),
      },
    });
  });

  it('sets reserved and provisioned concurrency when asked', () => {
    const { template } = buildStack({
      ...cognitoSettings,
      authorizer: { reservedConcurrency: 20, provisionedConcurrency: 2 },
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      ReservedConcurrentExecutions: 20,
      Architectures: ['arm64'],
    });
    template.hasResourceProperties('AWS::Lambda::Alias', {
      Name: 'live',
      ProvisionedConcurrencyConfig: { ProvisionedConcurrentExecutions: 2 },
    });
  });

  it('adds access log buckets for S3 and CloudFront when asked', () => {
    const { template } = buildStack({ ...cognitoSettings, hosting: { accessLogging: true, versioning: true } });
    template.hasResourceProperties('AWS::S3::Bucket', {
      VersioningConfiguration: { Status: 'Enabled' },
      LoggingConfiguration: Match.objectLike({ LogFilePrefix: 's3/' }),
    });
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: { Logging: Match.objectLike({ Prefix: 'cloudfront/' }) },
    });
  });

  const certificateArn = `arn:aws:acm:us-east-1:${testAccount}:certificate/0a1b2c3d-1111-2222-3333-444455556666`;
  it('serves a custom domain with its certificate, TLSv1.2_2021 at least and SNI, and redirects sign-in there', () => {
    const { template } = buildStack({
      ...cognitoSettings,
      hosting: { customDomain: { domainName: 'viewer.example-hospital.org', certificateArn } },
    });
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: {
        Aliases: ['viewer.example-hospital.org'],
        ViewerCertificate: {
          AcmCertificateArn: certificateArn,
          MinimumProtocolVersion: 'TLSv1.2_2021',
          SslSupportMethod: 'sni-only',
        },
      },
    });
    const outputs = template.toJSON().Outputs;
    expect(outputs.ViewerUrl.Value).toBe('https://viewer.example-hospital.org/');
    expect(flatten(outputs.DistributionDomainName.Value)).toMatch(/^\{HostingDistribution[A-F0-9]+\.DomainName\}$/);
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      CallbackURLs: ['https://viewer.example-hospital.org/callback'],
    });
  });

  it('without a custom domain keeps the cloudfront.net certificate (whose TLS minimum CloudFront fixes)', () => {
    const { template } = buildStack(cognitoSettings);
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: { Aliases: Match.absent(), ViewerCertificate: Match.absent() },
    });
  });

  it('creates a CloudFront web ACL in us-east-1: AWS managed rule groups, then a rate limit per IP', () => {
    const { template } = buildStack({ ...oidcSettings, hosting: { webAcl: { rateLimitPer5Minutes: 1200 } } });
    const [webAclId, webAcl] = onlyResource(template, 'AWS::WAFv2::WebACL', {
      Scope: 'CLOUDFRONT',
      DefaultAction: { Allow: {} },
    });
    const rules = webAcl.Properties.Rules as Array<{
      Name: string;
      Priority: number;
      Statement: Record<string, Record<string, unknown>>;
      Action?: unknown;
    }>;
    expect(rules.map(rule => rule.Statement.ManagedRuleGroupStatement?.Name ?? rule.Name)).toEqual([
      'AWSManagedRulesAmazonIpReputationList',
      'AWSManagedRulesCommonRuleSet',
      'AWSManagedRulesKnownBadInputsRuleSet',
      'RateLimitPerIp',
    ]);
    expect(rules.map(rule => rule.Priority)).toEqual([0, 1, 2, 3]);
    expect(rules[3]).toMatchObject({
      Statement: { RateBasedStatement: { Limit: 1200, AggregateKeyType: 'IP' } },
      Action: { Block: {} },
    });
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: { WebACLId: { 'Fn::GetAtt': [webAclId, 'Arn'] } },
    });
  });

  it('attaches an existing web ACL by ARN in any region, creating none', () => {
    const arn = `arn:aws:wafv2:us-east-1:${testAccount}:global/webacl/viewer/0a1b2c3d`;
    const { template } = buildStack({ ...cognitoSettings, hosting: { webAcl: { arn } } });
    expect(template.findResources('AWS::WAFv2::WebACL')).toEqual({});
    template.hasResourceProperties('AWS::CloudFront::Distribution', { DistributionConfig: { WebACLId: arn } });
  });

  it('encrypts every log group and the viewer bucket with the given KMS keys', () => {
    const logsKmsKeyArn = `arn:aws:kms:eu-west-1:${testAccount}:key/1111aaaa-12ab-34cd-56ef-1234567890ab`;
    const bucketKey = `arn:aws:kms:eu-west-1:${testAccount}:key/2222bbbb-12ab-34cd-56ef-1234567890ab`;
    const { template } = buildStack({ ...cognitoSettings, logsKmsKeyArn, hosting: { kmsKeyArn: bucketKey } });
    const logGroups = Object.values(template.findResources('AWS::Logs::LogGroup'));
    expect(logGroups).toHaveLength(3);
    for (const logGroup of logGroups) expect(logGroup.Properties.KmsKeyId).toBe(logsKmsKeyArn);
    onlyResource(template, 'AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          {
            ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: bucketKey },
            BucketKeyEnabled: true,
          },
        ],
      },
    });
  });

  it('lets the viewer bucket drop unfinished uploads and, when versioned, old versions', () => {
    buildStack(cognitoSettings).template.hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: {
        Rules: [{ AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 }, Status: 'Enabled' }],
      },
    });
    buildStack({ ...cognitoSettings, hosting: { versioning: true } }).template.hasResourceProperties(
      'AWS::S3::Bucket',
      {
        LifecycleConfiguration: { Rules: [Match.objectLike({ NoncurrentVersionExpiration: { NoncurrentDays: 90 } })] },
      },
    );
  });

  it('refuses at synth time OIDC settings the authorizer would refuse', () => {
    expect(() =>
      buildStack({
        ...oidcSettings,
        identity: {
          ...oidcSettings.identity,
          grants: [{ claim: 'groups', includes: 'readers', grant: 'read' }],
          requiredScopes: ['has space'],
        },
      }),
    ).toThrow(/Deploy setting identity\.requiredScopes\[0\] must be a non-empty string without spaces/);
  });
});
