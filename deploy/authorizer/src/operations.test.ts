import { isOperation, isReadOperation, readOperations, writeOperations } from './operations';

it('knows the ten HealthImaging DICOMweb actions, split into read and write', () => {
  expect(readOperations).toHaveLength(8);
  expect(writeOperations).toEqual(['StoreDICOM', 'StoreDICOMStudy']);
  for (const operation of readOperations) expect(isReadOperation(operation)).toBe(true);
  for (const operation of writeOperations) {
    expect(isOperation(operation)).toBe(true);
    expect(isReadOperation(operation)).toBe(false);
  }
});

it('refuses anything else', () => {
  for (const value of ['GetDatastore', 'StoreDicom', '', undefined, 1]) expect(isOperation(value)).toBe(false);
});
