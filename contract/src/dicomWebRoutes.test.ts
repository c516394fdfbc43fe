import { dicomWebRoutes, matchDicomWebRoute } from './dicomWebRoutes';
import { readOperations, writeOperations } from './operations';

describe('matchDicomWebRoute', () => {
  it.each([
    ['GET', 'studies', 'SearchDICOMStudies', {}],
    ['POST', 'studies', 'StoreDICOM', {}],
    ['POST', 'studies/1.2', 'StoreDICOMStudy', { studyUid: '1.2' }],
    ['GET', 'series', 'SearchDICOMSeries', {}],
    ['GET', 'instances', 'SearchDICOMInstances', {}],
    ['GET', 'studies/1.2/series', 'SearchDICOMSeries', { studyUid: '1.2' }],
    ['GET', 'studies/1.2/instances', 'SearchDICOMInstances', { studyUid: '1.2' }],
    ['GET', 'studies/1.2/series/3.4/instances', 'SearchDICOMInstances', { studyUid: '1.2', seriesUid: '3.4' }],
    ['GET', 'studies/1.2/series/3.4/metadata', 'GetDICOMSeriesMetadata', { studyUid: '1.2', seriesUid: '3.4' }],
    [
      'GET',
      'studies/1.2/series/3.4/instances/5.6',
      'GetDICOMInstance',
      { studyUid: '1.2', seriesUid: '3.4', sopUid: '5.6' },
    ],
    [
      'GET',
      'studies/1.2/series/3.4/instances/5.6/metadata',
      'GetDICOMInstanceMetadata',
      { studyUid: '1.2', seriesUid: '3.4', sopUid: '5.6' },
    ],
    [
      'GET',
      'studies/1.2/series/3.4/instances/5.6/frames/2,1',
      'GetDICOMInstanceFrames',
      { studyUid: '1.2', seriesUid: '3.4', sopUid: '5.6', frameList: '2,1' },
    ],
    [
      'GET',
      'studies/1.2/series/3.4/instances/5.6/bulkdata/7fe00010',
      'GetDICOMBulkdata',
      { studyUid: '1.2', seriesUid: '3.4', sopUid: '5.6', tag: '7fe00010' },
    ],
  ])('%s %s is %s', (method, path, operation, parameters) => {
    expect(matchDicomWebRoute(method, path)).toEqual({ kind: 'operation', operation, parameters });
  });

  it('names the methods a known resource allows when asked with another', () => {
    expect(matchDicomWebRoute('DELETE', 'studies')).toEqual({ kind: 'other-methods', allowedMethods: ['GET', 'POST'] });
    expect(matchDicomWebRoute('GET', 'studies/1.2')).toEqual({ kind: 'other-methods', allowedMethods: ['POST'] });
    expect(matchDicomWebRoute('POST', 'studies/1.2/series/3.4/metadata')).toEqual({
      kind: 'other-methods',
      allowedMethods: ['GET'],
    });
  });

  it.each([
    '',
    'patients',
    'studies/1.2/metadata',
    'studies/1.2/series/3.4',
    'studies/1.2/series/3.4/instances/5.6/frames/1/rendered',
  ])('knows no route for %j', path => {
    expect(matchDicomWebRoute('GET', path)).toBeUndefined();
  });

  it('routes every HealthImaging DICOMweb action, and no path twice', () => {
    const routed = new Set(Object.values(dicomWebRoutes));
    expect([...routed].sort()).toEqual([...readOperations, ...writeOperations].sort());
    const shapes = Object.keys(dicomWebRoutes).map(route => route.replace(/\{[^}]+\}/g, '{}'));
    expect(new Set(shapes).size).toBe(shapes.length);
  });
});
