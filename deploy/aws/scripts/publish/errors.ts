/** A publish input is wrong; the message names it and what to fix. */
export class PublishInputError extends Error {
  constructor(
    readonly input: string,
    problem: string,
  ) {
    super(`${input} ${problem}`);
    this.name = 'PublishInputError';
  }
}

/** An S3 call failed while publishing. Stale objects are only deleted after every upload succeeded. */
export class PublishS3Error extends Error {
  constructor(
    readonly operation: 'list' | 'head' | 'upload' | 'delete',
    readonly key: string,
    readonly bucket: string,
    cause: unknown,
  ) {
    super(
      `S3 ${operation} of ${key === '' ? `bucket ${bucket}` : `s3://${bucket}/${key}`} failed: ${describe(cause)}`,
      { cause },
    );
    this.name = 'PublishS3Error';
  }
}

function describe(cause: unknown): string {
  if (cause instanceof Error) return `${cause.name === 'Error' ? '' : `${cause.name}: `}${cause.message}`;
  return String(cause);
}
