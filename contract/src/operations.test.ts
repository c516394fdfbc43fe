import {
  isOperation,
  isReadOperation,
  isThrottledRetrieveOperation,
  isWriteOperation,
  readOperations,
  writeOperations,
} from './operations';

describe('HealthImaging operations', () => {
  it('knows the ten DICOMweb actions, split into read and write', () => {
    expect(readOperations).toHaveLength(8);
    expect(writeOperations).toEqual(['StoreDICOM', 'StoreDICOMStudy']);
    expect(readOperations.every(isReadOperation)).toBe(true);
    expect(writeOperations.every(isWriteOperation)).toBe(true);
    expect(readOperations.some(isWriteOperation)).toBe(false);
    expect(writeOperations.some(isReadOperation)).toBe(false);
    expect([...readOperations, ...writeOperations].every(isOperation)).toBe(true);
  });

  it('refuses anything else', () => {
    for (const value of ['GetDatastore', 'GetDICOMStudyMetadata', 'StoreDicom', '', undefined, 1])
      expect(isOperation(value)).toBe(false);
  });

  it('throttles the four retrieve actions only', () => {
    expect([...readOperations, ...writeOperations].filter(isThrottledRetrieveOperation)).toEqual([
      'GetDICOMSeriesMetadata',
      'GetDICOMInstanceMetadata',
      'GetDICOMInstance',
      'GetDICOMInstanceFrames',
    ]);
  });
});
