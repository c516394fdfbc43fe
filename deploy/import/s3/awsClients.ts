import { MedicalImagingClient } from '@aws-sdk/client-medical-imaging';
import { S3Client } from '@aws-sdk/client-s3';

export interface AwsClientSettings {
  region: string;
  /** Retries of throttled and failed calls by the SDK (standard mode: backoff with jitter). */
  maxRetries: number;
  /** An S3-compatible server instead of AWS (the local stack's s3rver). */
  s3Endpoint?: string;
  /** Another HealthImaging control plane (the local stack's emulation). */
  medicalImagingEndpoint?: string;
  /** Default: the SDK's standard chain (environment, shared config and SSO, container and instance roles). */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

/** The two clients of the import-job path, the same code for AWS and for the local stack. */
export function createAwsClients(settings: AwsClientSettings): {
  s3Client: S3Client;
  medicalImagingClient: MedicalImagingClient;
} {
  const common = {
    region: settings.region,
    maxAttempts: settings.maxRetries + 1,
    ...(settings.credentials ? { credentials: settings.credentials } : {}),
  };
  const s3Client = new S3Client({
    ...common,
    ...(settings.s3Endpoint ? { endpoint: settings.s3Endpoint, forcePathStyle: true } : {}),
    // Bodies are Buffers with our own SHA-256 in the metadata; the SDK's default streaming checksums are stored
    // corrupted by some S3-compatible servers (s3rver).
    requestChecksumCalculation: 'WHEN_REQUIRED',
  });
  const medicalImagingClient = new MedicalImagingClient({
    ...common,
    ...(settings.medicalImagingEndpoint ? { endpoint: settings.medicalImagingEndpoint } : {}),
  });
  return { s3Client, medicalImagingClient };
}
