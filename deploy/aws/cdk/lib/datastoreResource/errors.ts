/** The custom resource's properties are wrong (a bug in the stack, not in the account): the message names the key. */
export class DatastorePropertiesError extends Error {
  constructor(
    readonly key: string,
    expectation: string,
  ) {
    super(`Datastore custom resource property ${key} ${expectation}`);
    this.name = 'DatastorePropertiesError';
  }
}

/** HealthImaging did not bring the datastore to the expected state (creation failed, timed out, or it vanished). */
export class DatastoreStateError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'DatastoreStateError';
  }
}

/**
 * The datastore exists but has no (or another) Lambda authorizer: every bearer-token request would fail, and the
 * authorizer cannot be added later. Usually an AWS SDK too old to send `lambdaAuthorizerArn` (< 3.895.0).
 */
export class DatastoreAuthorizerMissingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatastoreAuthorizerMissingError';
  }
}

/** HealthImaging refused to delete the datastore, e.g. because it still holds image sets. */
export class DatastoreDeletionError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'DatastoreDeletionError';
  }
}
