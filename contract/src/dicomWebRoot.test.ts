import { dicomWebRoot, DicomWebRootError } from './dicomWebRoot';

const datastoreId = '0123456789abcdef0123456789abcdef';

describe('dicomWebRoot', () => {
  it('builds the AWS endpoint root', () => {
    expect(dicomWebRoot('us-east-1', datastoreId)).toBe(
      `https://dicom-medical-imaging.us-east-1.amazonaws.com/datastore/${datastoreId}`,
    );
  });

  it('builds the root on another endpoint, with or without a trailing slash or base path', () => {
    expect(dicomWebRoot('us-east-1', datastoreId, 'http://127.0.0.1:5002/')).toBe(
      `http://127.0.0.1:5002/datastore/${datastoreId}`,
    );
    expect(dicomWebRoot('us-east-1', datastoreId, 'https://viewer.example.com/dicomweb/')).toBe(
      `https://viewer.example.com/dicomweb/datastore/${datastoreId}`,
    );
  });

  it('accepts any id of the API reference pattern, not hex only', () => {
    expect(dicomWebRoot('eu-west-1', 'zyxwvutsrqponmlkjihgfedcba012345')).toMatch(
      /\/datastore\/zyxwvutsrqponmlkjihgfedcba012345$/,
    );
  });

  it.each([
    ['US-East', datastoreId, undefined, 'region must be an AWS region'],
    ['us-east-1', 'ABC', undefined, 'datastoreId must be 32 lowercase letters and digits'],
    ['us-east-1', datastoreId, 'localhost:5002', 'endpoint must be an absolute http(s) URL'],
    ['us-east-1', datastoreId, 'ftp://example.com', 'endpoint must be an absolute http(s) URL'],
  ])('rejects %s / %s / %s', (region, id, endpoint, message) => {
    expect(() => dicomWebRoot(region, id, endpoint)).toThrow(DicomWebRootError);
    expect(() => dicomWebRoot(region, id, endpoint)).toThrow(message);
  });
});
