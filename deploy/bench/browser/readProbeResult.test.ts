import { probeResultOf } from './readProbeResult';

const series = 'https://h/datastore/0123456789abcdef0123456789abcdef/studies/1.2/series/3.4';
const record = { firstLoadedMs: 5, allLoadedMs: 9, loaded: 2, failed: 0, imageIds: ['a', 'b'], failures: [] };

describe('probeResultOf', () => {
  it('counts only frame requests: their peak in flight and median duration', () => {
    const result = probeResultOf({
      ...record,
      requests: [
        { url: `${series}/metadata`, startTime: 0, responseEnd: 100 },
        { url: `${series}/instances/5.6/frames/1`, startTime: 10, responseEnd: 20 },
        { url: `${series}/instances/5.7/frames/1?imageSetId=x`, startTime: 15, responseEnd: 45 },
        { url: `${series}/instances/5.8/frames/1`, startTime: 50, responseEnd: 54 },
        { url: `${series}/instances/5.8/bulkdata/7FE00010`, startTime: 50, responseEnd: 99 },
      ],
    });
    expect(result).toEqual({ ...record, peakFramesInFlight: 2, medianFrameRequestMs: 10 });
  });

  it('has no median without frame requests', () => {
    expect(
      probeResultOf({ ...record, requests: [{ url: `${series}/metadata`, startTime: 0, responseEnd: 1 }] }),
    ).toMatchObject({
      peakFramesInFlight: 0,
      medianFrameRequestMs: null,
    });
  });
});
