import { Stack } from 'aws-cdk-lib';
import { Effect, Policy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { readOperations, writeOperations } from '../../../authorizer/src';

/** IAM actions of the DICOMweb read operations (QIDO-RS and WADO-RS). */
export const readActions = readOperations.map(operation => `medical-imaging:${operation}`);
/** IAM actions of the DICOMweb store operations (STOW-RS). */
export const writeActions = writeOperations.map(operation => `medical-imaging:${operation}`);

/**
 * The two roles the authorizer hands to HealthImaging: `reader` (read operations only) and `importer` (read and
 * store). Both trust only `medical-imaging.amazonaws.com` acting for this account. Their permissions are attached
 * by `grantOn` once the datastore exists: the roles themselves must exist earlier, because the authorizer (which
 * the datastore is created with) names them.
 */
export class DatastoreAccessRoles extends Construct {
  readonly reader: Role;
  readonly importer: Role;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const healthImaging = () =>
      new ServicePrincipal('medical-imaging.amazonaws.com').withConditions({
        StringEquals: { 'aws:SourceAccount': Stack.of(this).account },
      });
    this.reader = new Role(this, 'Reader', {
      assumedBy: healthImaging(),
      description: 'HealthImaging DICOMweb read access for OIDC users with a read grant (returned by the Lambda authorizer)',
    });
    this.importer = new Role(this, 'Importer', {
      assumedBy: healthImaging(),
      description: 'HealthImaging DICOMweb read and store access for OIDC users with a write grant (returned by the Lambda authorizer)',
    });
  }

  /** Allows the roles their DICOMweb actions on exactly this datastore. */
  grantOn(datastoreArn: string): void {
    new Policy(this, 'ReaderPolicy', {
      roles: [this.reader],
      statements: [new PolicyStatement({ effect: Effect.ALLOW, actions: readActions, resources: [datastoreArn] })],
    });
    new Policy(this, 'ImporterPolicy', {
      roles: [this.importer],
      statements: [new PolicyStatement({ effect: Effect.ALLOW, actions: [...readActions, ...writeActions], resources: [datastoreArn] })],
    });
  }
}
