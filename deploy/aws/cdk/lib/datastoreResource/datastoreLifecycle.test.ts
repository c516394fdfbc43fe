// HealthImaging's control-plane API (CreateDatastore/GetDatastore/DeleteDatastore) has no local equivalent, so these
// tests run the real AWS SDK client against a fake of that API on 127.0.0.1 (fakeHealthImagingControlPlane.ts).
import { MedicalImagingClient } from '@aws-sdk/client-medical-imaging';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { handleDatastoreEvent } from './datastoreLifecycle';
import { startFakeControlPlane, type FakeControlPlane } from './fakeHealthImagingControlPlane';
import {
  DatastoreAuthorizerMissingError,
  DatastoreDeletionError,
  DatastorePropertiesError,
  DatastoreStateError,
} from './errors';

const authorizerArn = 'arn:aws:lambda:eu-west-1:123456789012:function:OhifAuthorizer:live';
const serviceToken = 'arn:aws:lambda:eu-west-1:123456789012:function:framework';
const properties: Record<string, string> = {
  DatastoreName: 'ohif-viewer',
  LambdaAuthorizerArn: authorizerArn,
  RetainOnDelete: 'true',
};
const common = {
  ServiceToken: serviceToken,
  ResponseURL: 'https://example.invalid/response',
  StackId: 'arn:aws:cloudformation:eu-west-1:123456789012:stack/OhifHealthImaging/1',
  LogicalResourceId: 'Datastore',
  ResourceType: 'Custom::HealthImagingDatastore',
};

function createEvent(
  resourceProperties: Record<string, string> = properties,
  requestId = 'request-1',
): CloudFormationCustomResourceEvent {
  return {
    ...common,
    RequestType: 'Create',
    RequestId: requestId,
    ResourceProperties: { ...resourceProperties, ServiceToken: serviceToken },
  };
}
function updateEvent(
  physicalId: string,
  next: Record<string, string>,
  previous: Record<string, string> = properties,
): CloudFormationCustomResourceEvent {
  return {
    ...common,
    RequestType: 'Update',
    RequestId: 'request-2',
    PhysicalResourceId: physicalId,
    ResourceProperties: { ...next, ServiceToken: serviceToken },
    OldResourceProperties: { ...previous, ServiceToken: serviceToken },
  };
}
function deleteEvent(
  physicalId: string,
  resourceProperties: Record<string, string> = properties,
): CloudFormationCustomResourceEvent {
  return {
    ...common,
    RequestType: 'Delete',
    RequestId: 'request-3',
    PhysicalResourceId: physicalId,
    ResourceProperties: { ...resourceProperties, ServiceToken: serviceToken },
  };
}

describe('datastore custom resource handler', () => {
  let api: FakeControlPlane;
  let client: MedicalImagingClient;
  const lines: string[] = [];
  const options = { pollIntervalMs: 1, waitTimeoutMs: 2000, log: (line: string) => lines.push(line) };

  beforeEach(async () => {
    api = await startFakeControlPlane();
    client = new MedicalImagingClient({
      endpoint: api.url,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test-secret' },
      maxAttempts: 1,
    });
    lines.length = 0;
  });
  afterEach(async () => {
    client.destroy();
    await api.close();
  });

  describe('Create', () => {
    it('sends the authorizer ARN on the wire, waits for ACTIVE and returns the id and ARN', async () => {
      const result = await handleDatastoreEvent(createEvent(), client, options);
      expect(api.createRequests[0]).toMatchObject({
        datastoreName: 'ohif-viewer',
        lambdaAuthorizerArn: authorizerArn,
        clientToken: 'request-1',
      });
      const [datastore] = [...api.datastores.values()];
      expect(datastore?.datastoreStatus).toBe('ACTIVE');
      expect(result).toEqual({
        PhysicalResourceId: datastore?.datastoreId,
        Data: { DatastoreId: datastore?.datastoreId, DatastoreArn: datastore?.datastoreArn },
      });
      expect(api.calls.filter(call => call.startsWith('GET')).length).toBeGreaterThanOrEqual(2);
    });

    it('passes the KMS key when one is given', async () => {
      const kmsKeyArn = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
      await handleDatastoreEvent(createEvent({ ...properties, KmsKeyArn: kmsKeyArn }), client, options);
      expect(api.createRequests[0]?.kmsKeyArn).toBe(kmsKeyArn);
    });

    it('fails loudly and removes the datastore when it comes back without the authorizer', async () => {
      api.behaviour.dropAuthorizer = true;
      const outcome = handleDatastoreEvent(createEvent(), client, options);
      await expect(outcome).rejects.toThrow(DatastoreAuthorizerMissingError);
      await expect(outcome).rejects.toThrow(
        /lambdaAuthorizerArn null instead of .*OhifAuthorizer:live.*older than 3\.895\.0.*being deleted/s,
      );
      const [datastore] = [...api.datastores.values()];
      expect(datastore?.datastoreStatus).toBe('DELETING');
    });

    it('fails when HealthImaging reports CREATE_FAILED', async () => {
      api.behaviour.creationOutcome = 'CREATE_FAILED';
      await expect(handleDatastoreEvent(createEvent(), client, options)).rejects.toThrow(
        /ended in status CREATE_FAILED instead of ACTIVE/,
      );
    });

    it('fails when the datastore stays CREATING past the deadline', async () => {
      api.behaviour.pollsWhileCreating = 1_000_000;
      const outcome = handleDatastoreEvent(createEvent(), client, { ...options, pollIntervalMs: 5, waitTimeoutMs: 50 });
      await expect(outcome).rejects.toThrow(DatastoreStateError);
      await expect(outcome).rejects.toThrow(/did not become ACTIVE within 0 s \(last status CREATING\)/);
    });

    it('surfaces an API error instead of reporting success', async () => {
      await api.close();
      await expect(handleDatastoreEvent(createEvent(), client, options)).rejects.toThrow();
      api = await startFakeControlPlane();
    });

    it('refuses properties the stack should never send, naming the key', async () => {
      const outcome = handleDatastoreEvent(
        createEvent({ ...properties, LambdaAuthorizerArn: 'not-an-arn' }),
        client,
        options,
      );
      await expect(outcome).rejects.toThrow(DatastorePropertiesError);
      await expect(outcome).rejects.toThrow(/LambdaAuthorizerArn must be a Lambda function ARN/);
      expect(api.createRequests).toHaveLength(0);
    });

    it('creates one datastore when the same request is delivered twice', async () => {
      const first = await handleDatastoreEvent(createEvent(), client, options);
      const second = await handleDatastoreEvent(createEvent(), client, options);
      expect(second.PhysicalResourceId).toBe(first.PhysicalResourceId);
      expect(api.datastores.size).toBe(1);
    });
  });

  describe('Update', () => {
    it('keeps the datastore when only the retain flag changes', async () => {
      const { PhysicalResourceId } = await handleDatastoreEvent(createEvent(), client, options);
      const result = await handleDatastoreEvent(
        updateEvent(PhysicalResourceId, { ...properties, RetainOnDelete: 'false' }),
        client,
        options,
      );
      expect(result.PhysicalResourceId).toBe(PhysicalResourceId);
      expect(result.Data?.DatastoreId).toBe(PhysicalResourceId);
      expect(api.createRequests).toHaveLength(1);
    });

    it.each([
      ['DatastoreName', { DatastoreName: 'renamed' }],
      ['LambdaAuthorizerArn', { LambdaAuthorizerArn: 'arn:aws:lambda:eu-west-1:123456789012:function:Other:live' }],
      ['KmsKeyArn', { KmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/abc' }],
    ])('replaces the datastore when %s changes (CloudFormation then deletes the old one)', async (key, change) => {
      const { PhysicalResourceId } = await handleDatastoreEvent(createEvent(), client, options);
      const result = await handleDatastoreEvent(
        updateEvent(PhysicalResourceId, { ...properties, ...change }),
        client,
        options,
      );
      expect(result.PhysicalResourceId).not.toBe(PhysicalResourceId);
      expect(api.datastores.get(result.PhysicalResourceId)?.datastoreStatus).toBe('ACTIVE');
      expect(lines.join('\n')).toContain(`${key} changed`);
    });

    it('fails when the datastore was deleted outside the stack', async () => {
      await expect(handleDatastoreEvent(updateEvent('b'.repeat(32), properties), client, options)).rejects.toThrow(
        /no longer exists/,
      );
    });
  });

  describe('Delete', () => {
    it('retains the datastore by default and says so', async () => {
      const { PhysicalResourceId } = await handleDatastoreEvent(createEvent(), client, options);
      await handleDatastoreEvent(deleteEvent(PhysicalResourceId), client, options);
      expect(api.datastores.get(PhysicalResourceId)?.datastoreStatus).toBe('ACTIVE');
      expect(api.calls).not.toContain(`DELETE /datastore/${PhysicalResourceId}`);
      expect(lines.join('\n')).toContain('retained');
    });

    it('deletes and waits until gone when RetainOnDelete is "false"', async () => {
      const { PhysicalResourceId } = await handleDatastoreEvent(createEvent(), client, options);
      await handleDatastoreEvent(
        deleteEvent(PhysicalResourceId, { ...properties, RetainOnDelete: 'false' }),
        client,
        options,
      );
      expect(api.datastores.get(PhysicalResourceId)?.datastoreStatus).toBe('DELETED');
    });

    it('fails, naming the cause, when HealthImaging refuses (image sets left)', async () => {
      api.behaviour.imageSetsPerDatastore = 3;
      const { PhysicalResourceId } = await handleDatastoreEvent(createEvent(), client, options);
      const outcome = handleDatastoreEvent(
        deleteEvent(PhysicalResourceId, { ...properties, RetainOnDelete: 'false' }),
        client,
        options,
      );
      await expect(outcome).rejects.toThrow(DatastoreDeletionError);
      await expect(outcome).rejects.toThrow(/still holds 3 image sets.*retainDatastoreOnDelete/s);
      expect(api.datastores.get(PhysicalResourceId)?.datastoreStatus).toBe('ACTIVE');
    });

    it('succeeds when the datastore is already gone', async () => {
      const result = await handleDatastoreEvent(
        deleteEvent('c'.repeat(32), { ...properties, RetainOnDelete: 'false' }),
        client,
        options,
      );
      expect(result.PhysicalResourceId).toBe('c'.repeat(32));
    });

    it('does nothing for the physical id of a create that never produced a datastore', async () => {
      await handleDatastoreEvent(
        deleteEvent('OhifHealthImaging-Datastore-request-1', { ...properties, RetainOnDelete: 'false' }),
        client,
        options,
      );
      expect(api.calls).toEqual([]);
    });
  });
});
