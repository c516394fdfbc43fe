import { median, percentile, ratioOfMedians, summarize } from './statistics';

describe('percentile', () => {
  it('interpolates between the nearest ranks', () => {
    expect(percentile([1, 2, 3, 4], 50)).toBe(2.5);
    expect(percentile([10, 20, 30, 40, 50], 25)).toBe(20);
    expect(percentile([1, 2], 99)).toBeCloseTo(1.99);
    expect(percentile([0, 100], 99)).toBeCloseTo(99);
  });

  it('gives the extremes at 0 and 100 and does not depend on the order of the values', () => {
    expect(percentile([5, 1, 9, 3], 0)).toBe(1);
    expect(percentile([5, 1, 9, 3], 100)).toBe(9);
    expect(percentile([7], 99)).toBe(7);
  });

  it("does not reorder the caller's array", () => {
    const values = [3, 1, 2];
    percentile(values, 50);
    expect(values).toEqual([3, 1, 2]);
  });

  it('refuses no values and a p outside 0–100', () => {
    expect(() => percentile([], 50)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow('from 0 to 100');
    expect(() => percentile([1], Number.NaN)).toThrow(RangeError);
  });
});

describe('median and summarize', () => {
  it('takes the middle value, or the mean of the middle two', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('summarises median, min, max and count', () => {
    expect(summarize([120, 100, 180])).toEqual({ median: 120, min: 100, max: 180, n: 3 });
    expect(summarize([])).toBeUndefined();
  });
});

describe('ratioOfMedians', () => {
  it('divides the medians, and is undefined without both or with a zero denominator', () => {
    expect(ratioOfMedians(summarize([50, 60, 70]), summarize([100, 120]))).toBeCloseTo(60 / 110);
    expect(ratioOfMedians(undefined, summarize([1]))).toBeUndefined();
    expect(ratioOfMedians(summarize([1]), summarize([0]))).toBeUndefined();
  });
});
