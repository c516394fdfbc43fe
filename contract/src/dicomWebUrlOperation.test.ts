import { dicomWebUrlOperation } from './dicomWebUrlOperation';

const root = 'https://dicom-medical-imaging.us-east-1.amazonaws.com/datastore/0123456789abcdef0123456789abcdef';

describe('dicomWebUrlOperation', () => {
  it.each([
    [`${root}/studies?limit=25`, 'SearchDICOMStudies'],
    [`${root}/studies/1.2/series/3.4/metadata?imageSetId=abc`, 'GetDICOMSeriesMetadata'],
    [`${root}/studies/1.2/series/3.4/instances/5.6/frames/1,2?imageSetId=abc`, 'GetDICOMInstanceFrames'],
    [
      'https://viewer.example.com/dicomweb/datastore/d/studies/1.2/series/3.4/instances/5.6/bulkdata/7FE00010',
      'GetDICOMBulkdata',
    ],
    ['/datastore/d/studies/1.2/series/3.4/instances/5.6', 'GetDICOMInstance'],
    // The query plays no part, even when it looks like a path.
    [`${root}/studies/1.2/series?x=/instances/5/frames/1`, 'SearchDICOMSeries'],
  ])('classifies %s as %s', (url, operation) => {
    expect(dicomWebUrlOperation(url)).toBe(operation);
  });

  // The frames URLs the 406 fallback applies to (these were transferSyntax's isFramesUrl cases).
  it('recognises frames URLs', () => {
    const frames = (url: string) => dicomWebUrlOperation(url) === 'GetDICOMInstanceFrames';
    expect(frames('https://h/datastore/d/studies/1/series/2/instances/3/frames/1,2')).toBe(true);
    expect(frames('https://h/datastore/d/studies/1/series/2/instances/3/frames/1?imageSetId=x')).toBe(true);
    expect(frames('https://h/datastore/d/studies/1/series/2/instances/3')).toBe(false);
    expect(frames('https://h/datastore/d/studies/1/series/2/metadata')).toBe(false);
  });

  it('takes the method into account', () => {
    expect(dicomWebUrlOperation(`${root}/studies`, 'POST')).toBe('StoreDICOM');
    expect(dicomWebUrlOperation(`${root}/studies/1.2`, 'GET')).toBeUndefined();
  });

  it.each([
    ['outside a datastore', 'https://viewer.example.com/studies/1.2/series'],
    ['not served by HealthImaging', `${root}/studies/1.2/series/3.4/thumbnail`],
  ])('classifies nothing %s', (_case, url) => {
    expect(dicomWebUrlOperation(url)).toBeUndefined();
  });
});
