import { MedicalImagingClient } from '@aws-sdk/client-medical-imaging';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { handleDatastoreEvent, type DatastoreResourceResponse } from './datastoreLifecycle';

const client = new MedicalImagingClient({});

/**
 * Lambda entry point of the datastore custom resource (the Provider framework's onEvent handler). Bundled with its
 * own @aws-sdk/client-medical-imaging: the SDK in the Lambda runtime may predate `lambdaAuthorizerArn` (3.895.0).
 */
export const handler = (event: CloudFormationCustomResourceEvent): Promise<DatastoreResourceResponse> =>
  handleDatastoreEvent(event, client);
