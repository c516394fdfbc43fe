import { BadRequestError, MethodNotAllowedError, NotFoundError } from './errors';
import { matchRoute } from './matchRoute';

const id = '0123456789abcdef0123456789abcdef';
const s = '1.2.840.113619.2.1';
const se = '1.2.840.113619.2.1.2';
const i = '1.2.840.113619.2.1.2.3';
const base = `/datastore/${id}`;

describe('matchRoute', () => {
  it.each([
    ['GET', '/studies', { operation: 'SearchDICOMStudies' }],
    ['POST', '/studies', { operation: 'StoreDICOM' }],
    ['POST', `/studies/${s}`, { operation: 'StoreDICOMStudy', studyUid: s }],
    ['GET', '/series', { operation: 'SearchDICOMSeries' }],
    ['GET', '/instances', { operation: 'SearchDICOMInstances' }],
    ['GET', `/studies/${s}/series`, { operation: 'SearchDICOMSeries', studyUid: s }],
    ['GET', `/studies/${s}/instances`, { operation: 'SearchDICOMInstances', studyUid: s }],
    ['GET', `/studies/${s}/series/${se}/instances`, { operation: 'SearchDICOMInstances', studyUid: s, seriesUid: se }],
    ['GET', `/studies/${s}/series/${se}/metadata`, { operation: 'GetDICOMSeriesMetadata', studyUid: s, seriesUid: se }],
    [
      'GET',
      `/studies/${s}/series/${se}/instances/${i}`,
      { operation: 'GetDICOMInstance', studyUid: s, seriesUid: se, sopUid: i },
    ],
    [
      'GET',
      `/studies/${s}/series/${se}/instances/${i}/metadata`,
      { operation: 'GetDICOMInstanceMetadata', studyUid: s, seriesUid: se, sopUid: i },
    ],
    [
      'GET',
      `/studies/${s}/series/${se}/instances/${i}/frames/3,1,2`,
      { operation: 'GetDICOMInstanceFrames', studyUid: s, seriesUid: se, sopUid: i, frameNumbers: [3, 1, 2] },
    ],
    [
      'GET',
      `/studies/${s}/series/${se}/instances/${i}/bulkdata/7fe00010`,
      { operation: 'GetDICOMBulkdata', studyUid: s, seriesUid: se, sopUid: i, tag: '7FE00010' },
    ],
    ['GET', '/studies/', { operation: 'SearchDICOMStudies' }],
  ])('%s %s', (method, path, expected) => {
    expect(matchRoute(method, base + path, id)).toEqual(expected);
  });

  it.each([
    [`/studies/${s}/metadata`, 'Study-level metadata is not supported by HealthImaging'],
    [`/studies/${s}/rendered`, 'Rendered resources and thumbnails are not supported'],
    [`/studies/${s}/series/${se}/thumbnail`, 'Rendered resources and thumbnails are not supported'],
    [
      `/studies/${s}/series/${se}/instances/${i}/frames/1/rendered`,
      'Rendered resources and thumbnails are not supported',
    ],
    [`/studies/${s}`, 'Retrieving a whole study or series is not supported'],
    [`/studies/${s}/series/${se}`, 'Retrieving a whole study or series is not supported'],
    ['', 'WADO-URI is not supported'],
    ['/patients', 'is not a HealthImaging DICOMweb resource'],
  ])('answers 404 for %s, which HealthImaging does not serve', (path, message) => {
    expect(() => matchRoute('GET', base + path, id)).toThrow(NotFoundError);
    expect(() => matchRoute('GET', base + path, id)).toThrow(message);
  });

  it('answers 404 for another datastore and for paths outside /datastore', () => {
    expect(() => matchRoute('GET', '/datastore/ffffffffffffffffffffffffffffffff/studies', id)).toThrow(
      'Datastore ffffffffffffffffffffffffffffffff not found',
    );
    expect(() => matchRoute('GET', '/studies', id)).toThrow(NotFoundError);
  });

  it('answers 405 with Allow for a known path and another method', () => {
    const attempt = () => matchRoute('DELETE', `${base}/studies`, id);
    expect(attempt).toThrow(MethodNotAllowedError);
    try {
      attempt();
    } catch (error) {
      expect((error as MethodNotAllowedError).headers).toEqual({ Allow: 'GET, POST' });
    }
    expect(() => matchRoute('POST', `${base}/studies/${s}/series/${se}/metadata`, id)).toThrow(MethodNotAllowedError);
  });

  it.each([
    [`/studies/abc/series`, 'Invalid StudyInstanceUID "abc"'],
    [`/studies/1.02.3/series`, 'Invalid StudyInstanceUID'],
    [`/studies/${'1.'.repeat(40)}1/series`, 'Invalid StudyInstanceUID'],
    [`/studies/${s}/series/1..2/metadata`, 'Invalid SeriesInstanceUID'],
    [`/studies/${s}/series/${se}/instances/x/metadata`, 'Invalid SOPInstanceUID'],
    [`/studies/${s}/series/${se}/instances/${i}/frames/0`, 'Invalid frame list "0"'],
    [`/studies/${s}/series/${se}/instances/${i}/frames/1,,2`, 'Invalid frame list'],
    [`/studies/${s}/series/${se}/instances/${i}/frames/3,1,3`, 'names frame 3 more than once'],
    [
      `/studies/${s}/series/${se}/instances/${i}/frames/${Array(2000).fill(1).join(',')}`,
      'names 2000 frames; at most 1000 per request',
    ],
    [`/studies/${s}/series/${se}/instances/${i}/bulkdata/7FE0`, 'Invalid bulk data tag'],
  ])('answers 400 for %s', (path, message) => {
    expect(() => matchRoute('GET', base + path, id)).toThrow(BadRequestError);
    expect(() => matchRoute('GET', base + path, id)).toThrow(message);
  });
});
