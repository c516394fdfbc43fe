import { isOperation, isRetrieveOperation, isWriteOperation, readOperations, writeOperations } from './operations';

describe('operations', () => {
  it('throttles exactly the five GetDICOM* retrieve actions', () => {
    expect(readOperations.filter(isRetrieveOperation)).toEqual([
      'GetDICOMSeriesMetadata',
      'GetDICOMInstanceMetadata',
      'GetDICOMInstance',
      'GetDICOMInstanceFrames',
      'GetDICOMBulkdata',
    ]);
    expect(writeOperations.some(isRetrieveOperation)).toBe(false);
  });

  it('tells store actions from read actions', () => {
    expect(writeOperations.every(isWriteOperation)).toBe(true);
    expect(readOperations.some(isWriteOperation)).toBe(false);
  });

  it('knows only the ten HealthImaging actions', () => {
    expect([...readOperations, ...writeOperations].every(isOperation)).toBe(true);
    expect(isOperation('GetDICOMStudyMetadata')).toBe(false);
    expect(isOperation(undefined)).toBe(false);
  });
});
