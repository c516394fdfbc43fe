import {
  CreateDatastoreCommand,
  DeleteDatastoreCommand,
  GetDatastoreCommand,
  ResourceNotFoundException,
  type DatastoreProperties,
  type MedicalImagingClient,
} from '@aws-sdk/client-medical-imaging';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { isHealthImagingId } from 'ohif-healthimaging-contract';
import {
  readDatastoreProperties,
  replacingProperties,
  type DatastoreResourceProperties,
} from './DatastoreResourceProperties';
import { DatastoreAuthorizerMissingError, DatastoreDeletionError, DatastoreStateError } from './errors';

/** What the Provider framework reports to CloudFormation; `Data` becomes `Fn::GetAtt` attributes. */
export interface DatastoreResourceResponse {
  PhysicalResourceId: string;
  Data?: { DatastoreId: string; DatastoreArn: string };
}

export interface DatastoreLifecycleOptions {
  /** Pause between two GetDatastore polls, in ms. Default 5000. */
  pollIntervalMs?: number;
  /** How long to wait for ACTIVE (create) or DELETED (delete) before failing, in ms. Default 12 minutes. */
  waitTimeoutMs?: number;
  /** Where progress lines go. Default `console.info`. */
  log?: (line: string) => void;
}

/** Anything but a HealthImaging datastore id as physical id means "never created". */

/**
 * Handles one CloudFormation custom resource event for a HealthImaging datastore with a Lambda authorizer.
 *
 * - Create: CreateDatastore with the authorizer (idempotent per request), wait for ACTIVE, then read it back and fail
 *   if `lambdaAuthorizerArn` is not the one asked for (the datastore is deleted again: it is empty and useless).
 * - Update: a change of name, authorizer or KMS key cannot be applied in place, so it creates a new datastore and
 *   returns its id; CloudFormation then deletes the old one, which `RetainOnDelete` (default "true") keeps.
 *   Any other change (only the retain flag) keeps the datastore.
 * - Delete: with RetainOnDelete "true" nothing happens; with "false" DeleteDatastore and wait until it is gone.
 *
 * Every failure rejects, so CloudFormation sees FAILED with the reason: never success on failure.
 */
export async function handleDatastoreEvent(
  event: CloudFormationCustomResourceEvent,
  client: MedicalImagingClient,
  options: DatastoreLifecycleOptions = {},
): Promise<DatastoreResourceResponse> {
  const lifecycle = new DatastoreLifecycle(client, options);
  switch (event.RequestType) {
    case 'Create':
      return lifecycle.create(readDatastoreProperties(event.ResourceProperties), event.RequestId);
    case 'Update': {
      const next = readDatastoreProperties(event.ResourceProperties);
      const previous = event.OldResourceProperties as Partial<DatastoreResourceProperties>;
      const changed = replacingProperties.filter(key => (previous[key] ?? '') !== (next[key] ?? ''));
      if (changed.length > 0) {
        lifecycle.log(
          `${changed.join(', ')} changed; HealthImaging cannot change it in place: creating a replacement datastore`,
        );
        return lifecycle.create(next, event.RequestId);
      }
      return lifecycle.describe(event.PhysicalResourceId);
    }
    case 'Delete':
      return lifecycle.delete(event.PhysicalResourceId, readDatastoreProperties(event.ResourceProperties));
  }
}

class DatastoreLifecycle {
  private readonly pollIntervalMs: number;
  private readonly waitTimeoutMs: number;
  readonly log: (line: string) => void;

  constructor(
    private readonly client: MedicalImagingClient,
    options: DatastoreLifecycleOptions,
  ) {
    this.pollIntervalMs = options.pollIntervalMs ?? 5000;
    this.waitTimeoutMs = options.waitTimeoutMs ?? 12 * 60 * 1000;
    this.log = options.log ?? (line => console.info(line));
  }

  async create(properties: DatastoreResourceProperties, requestId: string): Promise<DatastoreResourceResponse> {
    const created = await this.client.send(
      new CreateDatastoreCommand({
        datastoreName: properties.DatastoreName,
        lambdaAuthorizerArn: properties.LambdaAuthorizerArn,
        kmsKeyArn: properties.KmsKeyArn,
        // A retried invocation of the same CloudFormation request gets the same datastore, not a second one.
        clientToken: requestId.replace(/[^A-Za-z0-9._-]/g, '').slice(0, 64),
      }),
    );
    const datastoreId = created.datastoreId;
    if (datastoreId === undefined || !isHealthImagingId(datastoreId)) {
      throw new DatastoreStateError(
        `CreateDatastore answered without a datastore id (got ${JSON.stringify(datastoreId)})`,
      );
    }
    this.log(
      `CreateDatastore accepted: ${datastoreId} (${created.datastoreStatus ?? 'no status'}); waiting for ACTIVE`,
    );
    const datastore = await this.waitForActive(datastoreId);
    if (datastore.lambdaAuthorizerArn !== properties.LambdaAuthorizerArn) {
      const cleanup = await this.deleteQuietly(datastoreId);
      throw new DatastoreAuthorizerMissingError(
        `Datastore ${datastoreId} was created with lambdaAuthorizerArn ${JSON.stringify(datastore.lambdaAuthorizerArn ?? null)} ` +
          `instead of ${properties.LambdaAuthorizerArn}; bearer-token DICOMweb requests would all fail and the authorizer ` +
          `cannot be added later. Is the bundled @aws-sdk/client-medical-imaging older than 3.895.0? ${cleanup}`,
      );
    }
    return this.response(datastore);
  }

  async describe(physicalResourceId: string): Promise<DatastoreResourceResponse> {
    const datastore = await this.get(physicalResourceId);
    if (datastore === undefined) {
      throw new DatastoreStateError(
        `Datastore ${physicalResourceId} no longer exists; it was deleted outside this stack`,
      );
    }
    return this.response(datastore);
  }

  async delete(
    physicalResourceId: string,
    properties: DatastoreResourceProperties,
  ): Promise<DatastoreResourceResponse> {
    if (!isHealthImagingId(physicalResourceId)) {
      // A Create that failed before CreateDatastore answered: CloudFormation still sends a Delete for it.
      this.log(`Physical id ${physicalResourceId} is not a datastore id: nothing was created, nothing to delete`);
      return { PhysicalResourceId: physicalResourceId };
    }
    if (properties.RetainOnDelete === 'true') {
      this.log(
        `Datastore ${physicalResourceId} retained (retainDatastoreOnDelete): it and its images stay in the account`,
      );
      return { PhysicalResourceId: physicalResourceId };
    }
    try {
      await this.client.send(new DeleteDatastoreCommand({ datastoreId: physicalResourceId }));
    } catch (error) {
      if (error instanceof ResourceNotFoundException) {
        this.log(`Datastore ${physicalResourceId} was already gone`);
        return { PhysicalResourceId: physicalResourceId };
      }
      throw new DatastoreDeletionError(
        `HealthImaging refused to delete datastore ${physicalResourceId}: ${(error as Error).message}. ` +
          'A datastore must hold no image sets before it can be deleted: delete them, or set retainDatastoreOnDelete to true.',
        { cause: error },
      );
    }
    await this.waitUntil(physicalResourceId, 'deleted', datastore =>
      datastore === undefined || datastore.datastoreStatus === 'DELETED' ? true : undefined,
    );
    this.log(`Datastore ${physicalResourceId} deleted`);
    return { PhysicalResourceId: physicalResourceId };
  }

  private async waitForActive(datastoreId: string): Promise<DatastoreProperties> {
    return this.waitUntil(datastoreId, 'ACTIVE', datastore => {
      if (datastore === undefined)
        throw new DatastoreStateError(`Datastore ${datastoreId} disappeared while being created`);
      if (datastore.datastoreStatus === 'ACTIVE') return datastore;
      if (datastore.datastoreStatus !== 'CREATING') {
        throw new DatastoreStateError(
          `Datastore ${datastoreId} ended in status ${datastore.datastoreStatus} instead of ACTIVE`,
        );
      }
      return undefined;
    });
  }

  /** Polls GetDatastore until `done` returns a value (or throws), failing after `waitTimeoutMs`. */
  private async waitUntil<T>(
    datastoreId: string,
    goal: string,
    done: (datastore: DatastoreProperties | undefined) => T | undefined,
  ): Promise<T> {
    const deadline = Date.now() + this.waitTimeoutMs;
    for (;;) {
      const datastore = await this.get(datastoreId);
      const result = done(datastore);
      if (result !== undefined) return result;
      if (Date.now() >= deadline) {
        throw new DatastoreStateError(
          `Datastore ${datastoreId} did not become ${goal} within ${Math.round(this.waitTimeoutMs / 1000)} s (last status ${datastore?.datastoreStatus})`,
        );
      }
      await new Promise(resolve => setTimeout(resolve, this.pollIntervalMs));
    }
  }

  private async get(datastoreId: string): Promise<DatastoreProperties | undefined> {
    try {
      const answer = await this.client.send(new GetDatastoreCommand({ datastoreId }));
      return answer.datastoreProperties;
    } catch (error) {
      if (error instanceof ResourceNotFoundException) return undefined;
      throw error;
    }
  }

  /** Best-effort removal of a datastore this request just created; says what happened, for the failure message. */
  private async deleteQuietly(datastoreId: string): Promise<string> {
    try {
      await this.client.send(new DeleteDatastoreCommand({ datastoreId }));
      return `The empty datastore ${datastoreId} is being deleted.`;
    } catch (error) {
      return `Deleting the empty datastore ${datastoreId} failed too (${(error as Error).message}): delete it by hand.`;
    }
  }

  private response(datastore: DatastoreProperties): DatastoreResourceResponse {
    const { datastoreId, datastoreArn } = datastore;
    if (datastoreId === undefined || datastoreArn === undefined) {
      throw new DatastoreStateError(
        `GetDatastore answered without datastoreId or datastoreArn: ${JSON.stringify(datastore)}`,
      );
    }
    return { PhysicalResourceId: datastoreId, Data: { DatastoreId: datastoreId, DatastoreArn: datastoreArn } };
  }
}
