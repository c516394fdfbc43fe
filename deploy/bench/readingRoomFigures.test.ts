import {
  aggregateThroughput,
  fairShareBoundMs,
  requestsOfStudy,
  statusCounts,
  type TimedRequest,
} from './readingRoomFigures';

const quota = { ratePerSecond: 20, burst: 40 };
const frame = (atMs: number, status = 200, study = '1.2.3'): TimedRequest => ({
  atMs,
  path: `/datastore/d/studies/${study}/series/4/instances/5/frames/1`,
  operation: 'GetDICOMInstanceFrames',
  status,
});

describe('fairShareBoundMs', () => {
  it("is the issue's first image + (frames − burst) ÷ rate for one reader", () => {
    expect(fairShareBoundMs(2000, 400, quota, 1)).toBe(2000 + (360 / 20) * 1000);
  });

  it('gives each of n readers an n-th of the burst and of the rate', () => {
    // 400 − 40/3 frames at 20/3 per second.
    expect(fairShareBoundMs(2000, 400, quota, 3)).toBeCloseTo(2000 + ((400 - 40 / 3) / (20 / 3)) * 1000, 6);
  });

  it('is the first image alone when the series fits in the burst', () => {
    expect(fairShareBoundMs(1500, 30, quota, 1)).toBe(1500);
  });

  it('refuses fewer than one reader', () => {
    expect(() => fairShareBoundMs(0, 400, quota, 0)).toThrow(RangeError);
  });
});

describe('requestsOfStudy', () => {
  it("takes a study's requests and not those of a study whose UID merely starts the same", () => {
    const log = [
      frame(1, 200, '1.2.3'),
      frame(2, 200, '1.2.34'),
      { atMs: 3, path: '/datastore/d/studies/1.2.3', operation: 'SearchDICOMStudies', status: 200 },
      { atMs: 4, path: '/datastore/d/studies', operation: 'SearchDICOMStudies', status: 200 },
    ];
    expect(requestsOfStudy(log, '1.2.3').map(entry => entry.atMs)).toEqual([1, 3]);
  });
});

describe('aggregateThroughput', () => {
  it('counts frames per second over the load and retrieve answers per second from the first 429 to the last', () => {
    const log: TimedRequest[] = [
      ...Array.from({ length: 41 }, (_, index) => frame(index * 50)), // 41 frames over 2 s
      frame(500, 429),
      frame(1500, 429),
      {
        atMs: 1000,
        path: '/datastore/d/studies/1.2.3/series/4/metadata',
        operation: 'GetDICOMSeriesMetadata',
        status: 200,
      },
      { atMs: 1000, path: '/datastore/d/studies', operation: 'SearchDICOMStudies', status: 200 }, // not a retrieve action
    ];
    const aggregate = aggregateThroughput(log);
    expect(aggregate.framesServed).toBe(41);
    expect(aggregate.framesPerSecond).toBeCloseTo(20, 6);
    // (500, 1500]: frames at 550…1500 (20) and the series metadata.
    expect(aggregate.whileBinding).toEqual({ spanMs: 1000, retrieveServed: 21, perSecond: 21, throttled: 2 });
  });

  it('says the quota did not bind when there was no 429, or none a second apart', () => {
    expect(aggregateThroughput([frame(0), frame(100)]).whileBinding).toBeNull();
    expect(aggregateThroughput([frame(0), frame(100, 429), frame(600, 429)]).whileBinding).toBeNull();
    expect(aggregateThroughput([]).framesPerSecond).toBeNull();
  });
});

describe('statusCounts', () => {
  it("counts one operation's answers by status", () => {
    expect(statusCounts([frame(0), frame(1, 429), frame(2)], 'GetDICOMInstanceFrames')).toEqual({ '200': 2, '429': 1 });
    expect(statusCounts([frame(0)], 'GetDICOMSeriesMetadata')).toEqual({});
  });
});
