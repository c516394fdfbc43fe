import { Match } from 'aws-cdk-lib/assertions';
import { importStackOutputNames } from '../../../import/s3/runS3ImportCli';
import { importJobActions } from '../lib/ImportJobRole';
import { stackOutputNames } from '../lib/OhifHealthImagingStack';
import { parseDeploySettings } from '../lib/parseDeploySettings';
import { buildStack, cognitoSettings, testAccount } from './buildStack';

type Statement = { Action: string | string[]; Resource: unknown; Condition?: Record<string, unknown> };

const json = (value: unknown) => JSON.stringify(value);

describe('import jobs: created bucket (defaults)', () => {
  const { template } = buildStack(cognitoSettings);
  const roles = template.findResources('AWS::IAM::Role', {
    Properties: { Description: Match.stringLikeRegexp('DICOM import jobs') },
  });
  const [roleId, role] = Object.entries(roles)[0] as [
    string,
    { Properties: { AssumeRolePolicyDocument: { Statement: Statement[] } } },
  ];
  // The import bucket by its construct's logical id (the viewer bucket has the same lifecycle rule).
  const buckets = Object.fromEntries(
    Object.entries(template.findResources('AWS::S3::Bucket')).filter(([logicalId]) =>
      logicalId.startsWith('ImportStorageBucket'),
    ),
  );
  const [bucketId] = Object.keys(buckets);
  const rolePolicy = () => {
    const policies = template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: roleId }] } });
    return Object.values(policies).flatMap(
      policy =>
        (policy as { Properties: { PolicyDocument: { Statement: Statement[] } } }).Properties.PolicyDocument.Statement,
    );
  };

  it('has one import role, trusted only by HealthImaging for this account and this datastore', () => {
    expect(Object.keys(roles)).toHaveLength(1);
    const [trust] = role.Properties.AssumeRolePolicyDocument.Statement;
    expect(trust).toMatchObject({ Principal: { Service: 'medical-imaging.amazonaws.com' }, Action: 'sts:AssumeRole' });
    expect(trust?.Condition?.StringEquals).toEqual({ 'aws:SourceAccount': testAccount });
    expect(json(trust?.Condition?.ArnEquals)).toMatch(
      /"aws:SourceArn":\{"Fn::GetAtt":\["Datastore[A-Za-z0-9]+","DatastoreArn"\]\}/,
    );
  });

  it('may list both prefixes, read only below the input prefix and write only below the output prefix', () => {
    const statements = rolePolicy();
    const byAction = Object.fromEntries(statements.map(statement => [json(statement.Action), statement]));
    expect(Object.keys(byAction).sort()).toEqual(['"s3:GetObject"', '"s3:ListBucket"', '"s3:PutObject"']);
    expect(byAction['"s3:ListBucket"']?.Condition).toEqual({
      StringLike: { 's3:prefix': ['dicom/*', 'import-output/*'] },
    });
    expect(json(byAction['"s3:GetObject"']?.Resource)).toContain(`"${bucketId}","Arn"]},"/dicom/*"`);
    expect(json(byAction['"s3:PutObject"']?.Resource)).toContain(`"${bucketId}","Arn"]},"/import-output/*"`);
  });

  it('keeps the bucket private, TLS-only, encrypted, logged and retained, and aborts abandoned multipart uploads', () => {
    const [bucket] = Object.values(buckets) as Array<{ Properties: Record<string, unknown>; DeletionPolicy: string }>;
    expect(bucket?.DeletionPolicy).toBe('Retain');
    expect(bucket?.Properties).toMatchObject({
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      LoggingConfiguration: { LogFilePrefix: 'import-bucket/' },
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: bucketId },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('gives the operator policy the job actions on this datastore and PassRole for this role only', () => {
    const [operator] = Object.values(
      template.findResources('AWS::IAM::ManagedPolicy', {
        Properties: { Description: Match.stringLikeRegexp('npm run import') },
      }),
    ) as Array<{
      Properties: { PolicyDocument: { Statement: Statement[] } };
    }>;
    const statements = operator?.Properties.PolicyDocument.Statement ?? [];
    // In any order: cdk.json's feature flags sort a statement's actions.
    const sorted = (actions: unknown) => json([actions].flat().sort());
    expect(statements.find(statement => sorted(statement.Action) === sorted(importJobActions))?.Resource).toEqual({
      'Fn::GetAtt': [expect.stringMatching(/^Datastore/), 'DatastoreArn'],
    });
    expect(statements.find(statement => statement.Action === 'iam:PassRole')).toMatchObject({
      Resource: { 'Fn::GetAtt': [roleId, 'Arn'] },
      Condition: { StringEquals: { 'iam:PassedToService': 'medical-imaging.amazonaws.com' } },
    });
  });

  it('outputs every value npm run import -- --via s3 reads', () => {
    const outputs = template.toJSON().Outputs as Record<string, { Value: unknown }>;
    for (const name of importStackOutputNames) {
      expect(stackOutputNames).toContain(name);
      expect(outputs[name]).toBeDefined();
    }
    expect(outputs.ImportInputPrefix?.Value).toBe('dicom/');
    expect(json(outputs.ImportOutputS3Uri?.Value)).toContain('/import-output/');
  });
});

describe('import jobs: your own KMS-encrypted bucket', () => {
  const key = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
  const { template } = buildStack({
    ...cognitoSettings,
    imports: { bucketName: 'hospital-archive', inputPrefix: 'pacs/export/', kmsKeyArn: key },
  });

  it('creates no bucket for imports and scopes the role to that bucket, its prefixes and its key', () => {
    expect(
      Object.keys(
        template.findResources('AWS::S3::Bucket', { Properties: { LifecycleConfiguration: Match.anyValue() } }),
      ).filter(id => id.startsWith('ImportStorage')),
    ).toEqual([]);
    const policy = json(
      template.findResources('AWS::IAM::Policy', {
        Properties: { PolicyName: Match.stringLikeRegexp('^ImportJobsRole') },
      }),
    );
    expect(policy).toContain(':s3:::hospital-archive/pacs/export/*');
    expect(policy).toContain(':s3:::hospital-archive/import-output/*');
    expect(policy).toContain(`"Action":["kms:Decrypt","kms:GenerateDataKey"],"Effect":"Allow","Resource":"${key}"`);
  });
});

describe('imports settings', () => {
  it.each([
    [{ inputPrefix: 'dicom' }, 'imports.inputPrefix must be a key prefix of safe characters ending in "/"'],
    [
      { inputPrefix: 'data/', outputPrefix: 'data/results/' },
      'imports.outputPrefix must not overlap imports.inputPrefix',
    ],
    [{ bucketName: 'Hospital_Archive' }, 'imports.bucketName must be an S3 bucket name'],
    [{ kmsKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/x' }, 'imports.kmsKeyArn must be a KMS key ARN in eu-west-1'],
    [{ lifecycleDays: 3 }, 'imports.lifecycleDays is not a known setting'],
  ])('refuses %j', (imports, message) => {
    expect(() => parseDeploySettings({ ...cognitoSettings, imports })).toThrow(message);
  });
});
