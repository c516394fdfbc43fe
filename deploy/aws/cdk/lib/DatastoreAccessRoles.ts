import { Names, Stack } from 'aws-cdk-lib';
import { Effect, Policy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { readOperations, writeOperations } from 'ohif-healthimaging-contract';

/** IAM actions of the DICOMweb read operations (QIDO-RS and WADO-RS). */
export const readActions = readOperations.map(operation => `medical-imaging:${operation}`);
/** IAM actions of the DICOMweb store operations (STOW-RS). */
export const writeActions = writeOperations.map(operation => `medical-imaging:${operation}`);

export type RoleKind = 'reader' | 'importer';

/**
 * The two roles the authorizer hands to HealthImaging: `reader` (read operations only) and `importer` (read and
 * store), trusted only by `medical-imaging.amazonaws.com` acting for this account on this stack's datastore
 * (`aws:SourceAccount` and `aws:SourceArn`, against the confused deputy).
 *
 * The authorizer must name the roles before the datastore exists (the datastore is created with the authorizer),
 * while the roles' trust names the datastore. So the roles get names fixed at synth time, their ARNs are known
 * first (`roleArn`) for the authorizer's settings, and `createFor` creates them once the datastore's ARN is known.
 */
export class DatastoreAccessRoles extends Construct {
  /** IAM role names are unique per account: the stack's construct path (with a hash) and the region make them so. */
  roleName(kind: RoleKind): string {
    return `${Names.uniqueResourceName(this, { maxLength: 40 })}-${kind}-${Stack.of(this).region}`;
  }

  /** The role's ARN, usable before the role exists. */
  roleArn(kind: RoleKind): string {
    return Stack.of(this).formatArn({
      service: 'iam',
      region: '',
      resource: 'role',
      resourceName: this.roleName(kind),
    });
  }

  /** Creates both roles, trusting HealthImaging for exactly this datastore and allowed their actions on it alone. */
  createFor(datastoreArn: string): Record<RoleKind, Role> {
    const healthImaging = new ServicePrincipal('medical-imaging.amazonaws.com').withConditions({
      StringEquals: { 'aws:SourceAccount': Stack.of(this).account },
      ArnEquals: { 'aws:SourceArn': datastoreArn },
    });
    const role = (kind: RoleKind, description: string, actions: string[]) => {
      const created = new Role(this, kind === 'reader' ? 'Reader' : 'Importer', {
        roleName: this.roleName(kind),
        assumedBy: healthImaging,
        description,
      });
      new Policy(this, kind === 'reader' ? 'ReaderPolicy' : 'ImporterPolicy', {
        roles: [created],
        statements: [new PolicyStatement({ effect: Effect.ALLOW, actions, resources: [datastoreArn] })],
      });
      return created;
    };
    return {
      reader: role(
        'reader',
        'HealthImaging DICOMweb read access for OIDC users with a read grant (returned by the Lambda authorizer)',
        readActions,
      ),
      importer: role(
        'importer',
        'HealthImaging DICOMweb read and store access for OIDC users with a write grant (returned by the Lambda authorizer)',
        [...readActions, ...writeActions],
      ),
    };
  }
}
