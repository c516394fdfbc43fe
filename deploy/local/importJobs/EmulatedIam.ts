/**
 * A stand-in for IAM, which has no local equivalent: which import roles exist and which S3 locations each may read
 * and write. HealthImaging assumes the role named in StartDICOMImportJob to read the input and write the output; the
 * emulation checks these grants at the same points, so a missing permission fails the way it would in AWS (the
 * job FAILED with a message naming the role and the action). Policies, conditions and KMS are not modelled.
 */
export interface EmulatedImportRole {
  /** `arn:aws:iam::<account>:role/<name>`. */
  arn: string;
  /** S3 URI prefixes (`s3://bucket/prefix/`) the role may list and read (s3:ListBucket, s3:GetObject). */
  read: string[];
  /** S3 URI prefixes the role may write (s3:PutObject). */
  write: string[];
}

export type S3Action = 's3:ListBucket' | 's3:GetObject' | 's3:PutObject';

/** Whether `role` may do `action` on `uri` (an object or a prefix). */
export function roleAllows(role: EmulatedImportRole, action: S3Action, uri: string): boolean {
  const grants = action === 's3:PutObject' ? role.write : role.read;
  return grants.some(prefix => uri.startsWith(prefix));
}

/** The message a refused action gives, naming the role, the action and the resource, as AWS does. */
export function accessDeniedMessage(role: EmulatedImportRole, action: S3Action, uri: string): string {
  return `The import role ${role.arn} is not authorized to perform ${action} on ${uri}`;
}
