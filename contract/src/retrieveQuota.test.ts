import { isThrottledRetrieveUrl } from './retrieveQuota';

const root = 'https://dicom-medical-imaging.us-east-1.amazonaws.com/datastore/0123456789abcdef0123456789abcdef';

describe('isThrottledRetrieveUrl', () => {
  it.each([
    ['series metadata', '/studies/1.2/series/3.4/metadata'],
    ['instance metadata', '/studies/1.2/series/3.4/instances/5.6/metadata'],
    ['an instance', '/studies/1.2/series/3.4/instances/5.6'],
    ['frames', '/studies/1.2/series/3.4/instances/5.6/frames/1,2?imageSetId=abc'],
  ])('counts %s', (_case, path) => {
    expect(isThrottledRetrieveUrl(`${root}${path}`)).toBe(true);
  });

  it.each([
    ['a study search', '/studies?limit=25'],
    ['a series search', '/studies/1.2/series'],
    ['an instance search', '/studies/1.2/series/3.4/instances'],
    ['bulk data', '/studies/1.2/series/3.4/instances/5.6/bulkdata/7FE00010'],
  ])('does not count %s', (_case, path) => {
    expect(isThrottledRetrieveUrl(`${root}${path}`)).toBe(false);
  });
});
