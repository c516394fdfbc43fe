import { Stack, Validations, type CfnElement } from 'aws-cdk-lib';
import { Effect, ManagedPolicy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { ImportBucket } from './ImportBucket';

export interface ImportJobRoleProps {
  storage: ImportBucket;
  datastoreArn: string;
}

/** The import-job actions a person or pipeline running `npm run import -- --via s3` calls on the datastore. */
export const importJobActions = [
  'medical-imaging:StartDICOMImportJob',
  'medical-imaging:GetDICOMImportJob',
  'medical-imaging:ListDICOMImportJobs',
];

/**
 * The role HealthImaging assumes to run import jobs on this datastore (StartDICOMImportJob's dataAccessRoleArn), with
 * least privilege: list and read below the input prefix, write below the output prefix, and the bucket's KMS key
 * when it has one. It trusts only `medical-imaging.amazonaws.com` acting for this account and this datastore
 * (aws:SourceAccount, aws:SourceArn), so no other datastore can use it. `operatorPolicy` is what the person or
 * pipeline starting the jobs needs: upload, start and watch jobs, read the results, and pass only this role.
 */
export class ImportJobRole extends Construct {
  readonly role: Role;
  readonly operatorPolicy: ManagedPolicy;

  constructor(scope: Construct, id: string, props: ImportJobRoleProps) {
    super(scope, id);
    const { storage, datastoreArn } = props;
    const { bucket, inputPrefix, outputPrefix, kmsKey } = storage;
    const inputObjects = bucket.arnForObjects(`${inputPrefix}*`);
    const outputObjects = bucket.arnForObjects(`${outputPrefix}*`);
    this.role = new Role(this, 'Role', {
      description:
        'Assumed by HealthImaging to run DICOM import jobs: reads the import input prefix, writes the output prefix',
      assumedBy: new ServicePrincipal('medical-imaging.amazonaws.com').withConditions({
        StringEquals: { 'aws:SourceAccount': Stack.of(this).account },
        ArnEquals: { 'aws:SourceArn': datastoreArn },
      }),
    });
    const listPrefixes = (prefixes: string[]) =>
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['s3:ListBucket'],
        resources: [bucket.bucketArn],
        conditions: { StringLike: { 's3:prefix': prefixes.map(prefix => `${prefix}*`) } },
      });
    this.role.addToPolicy(listPrefixes([inputPrefix, outputPrefix]));
    this.role.addToPolicy(
      new PolicyStatement({ effect: Effect.ALLOW, actions: ['s3:GetObject'], resources: [inputObjects] }),
    );
    this.role.addToPolicy(
      new PolicyStatement({ effect: Effect.ALLOW, actions: ['s3:PutObject'], resources: [outputObjects] }),
    );
    if (kmsKey !== undefined) {
      this.role.addToPolicy(
        new PolicyStatement({
          effect: Effect.ALLOW,
          actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
          resources: [kmsKey.keyArn],
        }),
      );
    }

    this.operatorPolicy = new ManagedPolicy(this, 'OperatorPolicy', {
      description: 'Lets a person or pipeline run npm run import -- --via s3 against this stack',
      statements: [
        listPrefixes([inputPrefix, outputPrefix]),
        new PolicyStatement({
          effect: Effect.ALLOW,
          actions: ['s3:GetObject', 's3:PutObject', 's3:AbortMultipartUpload'],
          resources: [inputObjects],
        }),
        new PolicyStatement({ effect: Effect.ALLOW, actions: ['s3:GetObject'], resources: [outputObjects] }),
        new PolicyStatement({ effect: Effect.ALLOW, actions: importJobActions, resources: [datastoreArn] }),
        new PolicyStatement({
          effect: Effect.ALLOW,
          actions: ['iam:PassRole'],
          resources: [this.role.roleArn],
          conditions: { StringEquals: { 'iam:PassedToService': 'medical-imaging.amazonaws.com' } },
        }),
        new PolicyStatement({
          effect: Effect.ALLOW,
          actions: ['cloudformation:DescribeStacks'],
          resources: [Stack.of(this).stackId],
        }),
        ...(kmsKey === undefined
          ? []
          : [
              new PolicyStatement({
                effect: Effect.ALLOW,
                actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
                resources: [kmsKey.keyArn],
              }),
            ]),
      ],
    });
    const prefixReason =
      'Import jobs read every object below the input prefix and write their results below the output prefix; the object names are not known in advance';
    // How cdk-nag names the bucket in a finding: the created bucket's logical id, or the imported bucket's ARN.
    const created = bucket.node.defaultChild as CfnElement | undefined;
    const nagBucket =
      created === undefined
        ? `arn:<AWS::Partition>:s3:::${bucket.bucketName}`
        : `<${Stack.of(this).getLogicalId(created)}.Arn>`;
    for (const construct of [this.role, this.operatorPolicy]) {
      Validations.of(construct).acknowledge(
        ...[inputPrefix, outputPrefix].map(prefix => ({
          id: `AwsSolutions-IAM5[Resource::${nagBucket}/${prefix}*]`,
          reason: prefixReason,
        })),
      );
    }
  }
}
