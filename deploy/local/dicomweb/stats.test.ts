import { StatsRecorder } from './stats';

describe('StatsRecorder', () => {
  it('counts by operation and status, with and without a bearer token', () => {
    const stats = new StatsRecorder();
    stats.recordRequest('GetDICOMInstanceFrames', 200, true);
    stats.recordRequest('GetDICOMInstanceFrames', 429, true);
    stats.recordRequest('GetDICOMInstanceFrames', 403, false);
    stats.recordRequest('SearchDICOMStudies', 200, true);
    stats.recordPreflight();
    stats.recordForcedFailure();
    stats.recordThrottled();
    expect(stats.snapshot()).toEqual({
      requests: 4,
      byOperation: {
        GetDICOMInstanceFrames: {
          requests: 3,
          byStatus: { '200': 1, '429': 1, '403': 1 },
          withBearerToken: 2,
          withoutBearerToken: 1,
        },
        SearchDICOMStudies: { requests: 1, byStatus: { '200': 1 }, withBearerToken: 1, withoutBearerToken: 0 },
      },
      byStatus: { '200': 2, '429': 1, '403': 1 },
      preflights: 1,
      forcedFailures: 1,
      throttled: 1,
    });
  });

  it('hands out copies and starts over on reset', () => {
    const stats = new StatsRecorder();
    stats.recordRequest('StoreDICOM', 200, true);
    const before = stats.snapshot();
    stats.recordRequest('StoreDICOM', 200, true);
    expect(before.requests).toBe(1);
    stats.reset();
    expect(stats.snapshot()).toEqual({
      requests: 0,
      byOperation: {},
      byStatus: {},
      preflights: 0,
      forcedFailures: 0,
      throttled: 0,
    });
  });
});
