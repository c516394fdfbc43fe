import { createLambdaHandler } from './createLambdaHandler';

/**
 * AWS Lambda entry point (Node 20/22, arm64) for a HealthImaging datastore's authorizer. Settings come from the
 * `AUTHORIZER_SETTINGS` environment variable, read at cold start.
 */
export const handler = createLambdaHandler(process.env);
