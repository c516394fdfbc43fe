import { formatLocalStackSummary, type LocalStackSummary } from './localStackSummary';

const summary: LocalStackSummary = {
  ready: true,
  viewerUrl: 'http://127.0.0.1:3000',
  issuer: 'http://127.0.0.1:5001',
  dicomwebUrl: 'http://127.0.0.1:5002',
  datastoreUrl: 'http://127.0.0.1:5002/datastore/10ca1da7a5e0d1c0b0e00000000000a1',
  datastoreId: '10ca1da7a5e0d1c0b0e00000000000a1',
  dataDir: '/repo/.data/local',
  users: [
    { username: 'reader', password: 'reader-password', groups: ['readers'] },
    { username: 'importer', password: 'importer-password', groups: ['importers'] },
  ],
};

describe('formatLocalStackSummary', () => {
  it('names the viewer, the issuer, the DICOMweb root, the users with their passwords and the data folder', () => {
    expect(formatLocalStackSummary(summary)).toBe(
      [
        'The local stack is ready.',
        '  viewer       http://127.0.0.1:3000',
        '  issuer       http://127.0.0.1:5001',
        '  DICOMweb     http://127.0.0.1:5002/datastore/10ca1da7a5e0d1c0b0e00000000000a1',
        '  data folder  /repo/.data/local',
        '  sign in as',
        '    reader    password reader-password  (readers)',
        '    importer  password importer-password  (importers)',
        'Ctrl-C stops everything; studies, keys and sessions stay in the data folder.',
      ].join('\n'),
    );
  });
});

describe('formatLocalStackSummary with import jobs', () => {
  it('names the S3-compatible server, its bucket, the import-job control plane and the role to pass', () => {
    const importJobs = {
      s3Endpoint: 'http://127.0.0.1:40001',
      controlPlaneEndpoint: 'http://127.0.0.1:40002',
      bucket: 'dicom-import',
      roleArn: 'arn:aws:iam::000000000000:role/LocalImportJobRole',
    };
    const lines = formatLocalStackSummary({ ...summary, importJobs }).split('\n');
    expect(lines.slice(5, 7)).toEqual([
      '  import jobs  S3 http://127.0.0.1:40001 (bucket dicom-import), control plane http://127.0.0.1:40002',
      '               role arn:aws:iam::000000000000:role/LocalImportJobRole',
    ]);
  });
});
