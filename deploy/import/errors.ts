import { SettingsError } from 'ohif-healthimaging-validation';

/** An import setting or command-line argument is wrong; the message names it and what to fix. */
export class ImportSettingError extends SettingsError {
  constructor(
    readonly setting: string,
    problem: string,
  ) {
    super(setting, problem);
  }
}

/** The folder to import cannot be read. */
export class ImportFolderError extends Error {
  constructor(
    readonly folder: string,
    problem: string,
  ) {
    super(`Cannot import ${folder}: ${problem}`);
    this.name = 'ImportFolderError';
  }
}

/** No access token could be obtained (discovery or token endpoint failed). Never contains the secret or a token. */
export class TokenRequestError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TokenRequestError';
  }
}

/**
 * The DICOMweb endpoint refuses the import's credentials (401, or 403 after a fresh token): continuing would only
 * be refused again, so the import stops.
 */
export class ImportAuthorizationError extends Error {
  constructor(
    readonly status: number,
    readonly serverMessage: string,
  ) {
    super(
      `The DICOMweb endpoint refused the import's credentials (HTTP ${status}${serverMessage ? `: ${serverMessage}` : ''}). ` +
        'Check that the token is for this endpoint and grants write access (importer role / system/ImagingStudy.write).',
    );
    this.name = 'ImportAuthorizationError';
  }
}

/** An S3 call of `--via s3` failed after the SDK's retries; `denied` when S3 refused the credentials (403). */
export class ImportS3Error extends Error {
  readonly denied: boolean;

  constructor(
    readonly action: 's3:HeadObject' | 's3:PutObject' | 's3:GetObject',
    readonly uri: string,
    cause: unknown,
  ) {
    const denied = awsErrorStatus(cause) === 403;
    super(
      `S3 refused ${action} on ${uri} (${describeAwsError(cause)})` +
        (denied
          ? `: the AWS credentials in use need ${action === 's3:HeadObject' ? 's3:GetObject (HeadObject)' : action} on this bucket and prefix`
          : ''),
      { cause },
    );
    this.name = 'ImportS3Error';
    this.denied = denied;
  }
}

/** The import job could not be started, watched or read, or HealthImaging failed it as a whole. */
export class ImportJobError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ImportJobError';
  }
}

/** `AccessDeniedException (HTTP 403): User is not authorized...`, from an AWS SDK error (HEAD answers have no body). */
export function describeAwsError(error: unknown): string {
  const meaningful = (text: string | undefined) =>
    text && !['Error', 'Unknown', 'UnknownError'].includes(text) ? text : undefined;
  const name = meaningful((error as { name?: string }).name);
  const message = meaningful((error as { message?: string }).message ?? String(error));
  const status = awsErrorStatus(error);
  const label = [name, status === undefined ? undefined : `HTTP ${status}`].filter(Boolean);
  const head = label.length === 2 ? `${label[0]} (${label[1]})` : (label[0] ?? '');
  return [head, message !== name ? message : undefined].filter(Boolean).join(': ') || 'no details';
}

export function awsErrorStatus(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
}
