import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RequestLogEntry } from '../../local/dicomweb/DicomwebEndpointOptions';
import { startDicomwebEndpoint, type RunningEndpoint } from '../../local/dicomweb/startDicomwebEndpoint';
import { createTestAuth, testRoles } from '../../local/dicomweb/testing/testAuthorizer';
import { DicomStore } from '../../local/storage';

export interface ImportTarget {
  endpoint: RunningEndpoint;
  store: DicomStore;
  /** Every answered request (no tokens: the endpoint's log carries none). */
  requests: RequestLogEntry[];
  /** An importer (write) or reader access token, as the local provider issues them. */
  tokenFor(group: 'importers' | 'readers', overrides?: Record<string, unknown>): string;
  close(): Promise<void>;
}

/**
 * The real local DICOMweb endpoint on 127.0.0.1 (port 0) with the real DicomStore in a temporary folder and the
 * real authorizer (a signing key generated here; tokens signed with it), as the import tests' server.
 */
export async function startImportTarget(): Promise<ImportTarget> {
  const dataDir = await mkdtemp(join(tmpdir(), 'import-target-'));
  const store = await DicomStore.open(dataDir);
  const auth = createTestAuth();
  const requests: RequestLogEntry[] = [];
  const endpoint = await startDicomwebEndpoint({
    datastoreId: '0123456789abcdef0123456789abcdef',
    store,
    authorize: auth.authorize,
    roles: testRoles,
    allowedOrigins: [],
    onRequest: entry => requests.push(entry),
  });
  return {
    endpoint,
    store,
    requests,
    tokenFor: (group, overrides = {}) =>
      auth.tokenFor(
        group,
        group === 'importers'
          ? { client_id: 'dicom-importer', scope: 'system/ImagingStudy.write', ...overrides }
          : overrides,
      ),
    async close() {
      await endpoint.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
