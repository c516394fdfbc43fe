import { jobOutputPrefix, parseOutcomeLine } from './importJobOutput';

const datastoreId = '0123456789abcdef0123456789abcdef';
const jobId = 'fedcba9876543210fedcba9876543210';

test("the job's result folder is appended to the output prefix unless GetDICOMImportJob already named it", () => {
  const folder = `${datastoreId}-DicomImport-${jobId}/`;
  expect(jobOutputPrefix('import-output/', datastoreId, jobId)).toBe(`import-output/${folder}`);
  expect(jobOutputPrefix('import-output', datastoreId, jobId)).toBe(`import-output/${folder}`);
  expect(jobOutputPrefix(`import-output/${folder}`, datastoreId, jobId)).toBe(`import-output/${folder}`);
  expect(jobOutputPrefix(`import-output/${folder.slice(0, -1)}`, datastoreId, jobId)).toBe(`import-output/${folder}`);
  expect(jobOutputPrefix('', datastoreId, jobId)).toBe(folder);
});

test('reads success and failure lines, and refuses lines of another shape naming the file', () => {
  expect(
    parseOutcomeLine(
      '{"inputFile":"s3://b/p/a.dcm","importResponse":{"imageSetId":"abc","isPrimary":false}}',
      'success',
    ),
  ).toEqual({
    outcome: 'imported',
    inputFile: 's3://b/p/a.dcm',
    imageSetId: 'abc',
    isPrimary: false,
  });
  expect(
    parseOutcomeLine(
      '{"inputFile":"p/b.dcm","exception":{"exceptionType":"ValidationException","message":"DICOM attribute SOPClassUID does not exist"}}',
      'failure',
    ),
  ).toEqual({
    outcome: 'failed',
    inputFile: 'p/b.dcm',
    reason: 'ValidationException: DICOM attribute SOPClassUID does not exist',
  });
  expect(parseOutcomeLine('{"inputFile":"p/c.dcm","exception":{}}', 'failure')).toMatchObject({
    reason: 'no reason given',
  });
  expect(parseOutcomeLine('   ', 'success')).toBeUndefined();
  expect(() => parseOutcomeLine('{"inputFile":"p/a.dcm"}', 'success')).toThrow(
    'no importResponse.imageSetId in success.ndjson line',
  );
});
