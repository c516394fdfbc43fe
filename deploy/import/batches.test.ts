import { planBatches } from './batches';
import type { DicomFile } from './findDicomFiles';

const file = (name: string, bytes: number): DicomFile => ({ path: `/data/${name}`, name, bytes });

test('files are grouped in order within the file-count and byte limits', () => {
  const files = [file('a', 40), file('b', 40), file('c', 40), file('d', 10), file('e', 10), file('f', 10)];
  expect(planBatches(files, { maxFiles: 3, maxBytes: 100 }).map(batch => batch.map(entry => entry.name))).toEqual([
    ['a', 'b'],
    ['c', 'd', 'e'],
    ['f'],
  ]);
});

test('a file above the byte limit travels alone; an empty list gives no batch', () => {
  expect(
    planBatches([file('small', 1), file('huge', 500), file('small2', 1)], { maxBytes: 100 }).map(batch => batch.length),
  ).toEqual([1, 1, 1]);
  expect(planBatches([])).toEqual([]);
});

test('limits are checked', () => {
  expect(() => planBatches([], { maxFiles: 0 })).toThrow('batch maxFiles must be a whole number ≥ 1, got 0');
  expect(() => planBatches([], { maxBytes: Number.NaN })).toThrow(/batch maxBytes/);
});
