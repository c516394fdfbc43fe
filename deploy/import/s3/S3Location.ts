import { ImportSettingError } from '../errors';

/** A bucket and a key prefix: `s3://<bucket>/<prefix>`. The prefix is empty or ends with `/`. */
export interface S3Location {
  bucket: string;
  prefix: string;
}

/** S3's bucket naming rules (3–63 of lowercase letters, digits, dots and hyphens), as HealthImaging's S3Uri pattern. */
const bucketPattern = /^[a-z0-9][.\-a-z0-9]{1,61}[a-z0-9]$/;

/** Checks a bucket name and a prefix; `prefix` gets a trailing `/` (a folder), leading slashes are dropped. */
export function s3Location(bucket: string, prefix: string, setting = '--bucket'): S3Location {
  if (!bucketPattern.test(bucket)) {
    throw new ImportSettingError(
      setting,
      `must be an S3 bucket name (3-63 lowercase letters, digits, dots, hyphens), got ${JSON.stringify(bucket)}`,
    );
  }
  const trimmed = prefix.replace(/^\/+/, '');
  if (/[\\]|\/\/|(^|\/)\.\.?(\/|$)/.test(trimmed) || trimmed.length > 900) {
    throw new ImportSettingError(
      '--prefix',
      `must be a plain key prefix such as studies/2026-12 (no "//", "." or ".." segments), got ${JSON.stringify(prefix)}`,
    );
  }
  return { bucket, prefix: trimmed === '' || trimmed.endsWith('/') ? trimmed : `${trimmed}/` };
}

/** `s3://bucket/prefix` → S3Location; anything else is refused naming `setting`. */
export function parseS3Uri(uri: string, setting: string): S3Location {
  const match = /^s3:\/\/([^/]+)\/?(.*)$/.exec(uri);
  if (!match)
    throw new ImportSettingError(setting, `must be an S3 URI such as s3://bucket/prefix/, got ${JSON.stringify(uri)}`);
  return s3Location(match[1] as string, match[2] as string, setting);
}

export function formatS3Uri(location: S3Location, key = ''): string {
  return `s3://${location.bucket}/${location.prefix}${key}`;
}
