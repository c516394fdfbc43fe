import { conditionLabel, renderReport, targetChecks } from './report';
import type { BenchResults } from './results';
import { healthImagingThrottle, type SeriesLoadRun } from './seriesLoad';

const load = (
  firstImageMs: number,
  allFramesMs: number | null,
  overrides: Partial<SeriesLoadRun> = {},
): SeriesLoadRun => ({
  firstImageMs,
  allFramesMs,
  framesLoaded: allFramesMs === null ? 150 : 160,
  framesFailed: allFramesMs === null ? 10 : 0,
  ohifTimings: { studyToFirstImage: firstImageMs - 1000 },
  frameRequests: 160,
  frameResponsesByStatus: { '200': 160 },
  requests: 165,
  preflights: 164,
  peakFramesInFlight: 3,
  medianFrameRequestMs: 50,
  failures: [],
  ...overrides,
});

const verifier = { warmP50Ms: 0.03, warmP99Ms: 0.1, perSecond: 25_000, coldStartMs: 2.5 };

function results(overrides: Partial<BenchResults> = {}): BenchResults {
  return {
    startedAt: '2026-12-01T21:00:00.000Z',
    finishedAt: '2026-12-01T21:12:00.000Z',
    runs: 3,
    tunedPrefetch: 10,
    machine: {
      cpuModel: 'Test CPU',
      cores: 2,
      memoryGiB: 8,
      os: 'linux',
      node: 'v20',
      chromium: '156',
      loadAverageAtStart: 1,
      loadAverageAtEnd: 2,
    },
    series: { studyInstanceUid: '2.25.1', seriesInstanceUid: '2.25.2', frames: 160, description: '160 derived slices' },
    seriesLoad: [
      {
        condition: { addedLatencyMs: 40, throttle: healthImagingThrottle },
        variant: 'ours',
        runs: [load(3000, 11_000), load(3200, 12_000), load(2800, 10_000)],
      },
      {
        condition: { addedLatencyMs: 40, throttle: healthImagingThrottle },
        variant: 'stock',
        runs: [load(4000, 8_000), load(4100, 9_000), load(3900, 8_500)],
      },
      { condition: { addedLatencyMs: 0, throttle: false }, variant: 'ours', runs: [load(3000, 8_080)] },
      {
        condition: { addedLatencyMs: 0, throttle: false },
        variant: 'withoutAuth',
        runs: [load(3000, 8_000, { preflights: 0 })],
      },
    ],
    refreshStorm: [
      {
        requests: 100,
        tokenRequests: 1,
        failedImages: 0,
        recoveryMs: 3500,
        frameResponsesByStatus: { '200': 100, '403': 100 },
        failures: [],
      },
    ],
    authorizer: [{ authorizer: verifier, awsJwtVerify: verifier }],
    footprint: {
      bundles: [{ file: 'extension/runtime/ohif-extension-aws-healthimaging.js', bytes: 100_000, gzipBytes: 27_562 }],
      deploys: [{ case: 'unchanged build', filesUploaded: 0, bytesUploaded: 0, filesDeleted: 0, invalidations: [] }],
    },
    ...overrides,
  };
}

describe('targetChecks', () => {
  it('compares medians with the targets', () => {
    const checks = targetChecks(results());
    const byFigure = (start: string) => checks.find(check => check.figure.startsWith(start));
    expect(byFigure('series load')).toMatchObject({ measured: '1.29×', met: false });
    expect(byFigure('time to first image')).toMatchObject({ measured: '0.75×', met: true });
    expect(byFigure('auth overhead')).toMatchObject({ measured: '1.01×', met: true });
    expect(byFigure('refresh storm (100 × 403): token requests')).toMatchObject({ measured: '1', met: true });
    expect(byFigure('refresh storm: failed images')).toMatchObject({ measured: '0', met: true });
    expect(byFigure('authorizer warm p99')).toMatchObject({ measured: '0.10 ms', met: true });
    expect(byFigure('authorizer verifications/s')).toMatchObject({ measured: '25 000', met: true });
    expect(byFigure('extension bundle')).toMatchObject({ measured: '26.9 KB', met: true });
    expect(byFigure('deploy of an unchanged build')).toMatchObject({ measured: '0 (0.0 KB)', met: true });
  });

  it('leaves out loads that did not complete, and says so when stock never completed', () => {
    const checks = targetChecks(
      results({
        seriesLoad: [
          {
            condition: { addedLatencyMs: 40, throttle: healthImagingThrottle },
            variant: 'ours',
            runs: [load(3000, 11_000)],
          },
          {
            condition: { addedLatencyMs: 40, throttle: healthImagingThrottle },
            variant: 'stock',
            runs: [load(4000, null), load(4000, null)],
          },
        ],
      }),
    );
    expect(checks[0]).toMatchObject({ measured: '— (stock never loaded every frame)', met: undefined });
  });

  it('marks figures that were not measured as unknown', () => {
    const checks = targetChecks(results({ seriesLoad: [], refreshStorm: [], authorizer: [], footprint: undefined }));
    expect(checks.every(check => check.met === undefined && check.measured.startsWith('—'))).toBe(true);
  });
});

describe('conditionLabel', () => {
  it('names HealthImaging\'s quota "on" and any other by its numbers', () => {
    expect(conditionLabel({ addedLatencyMs: 40, throttle: healthImagingThrottle })).toBe('40 ms, throttle on');
    expect(conditionLabel({ addedLatencyMs: 0, throttle: false })).toBe('0 ms, throttle off');
    expect(conditionLabel({ addedLatencyMs: 40, throttle: { ratePerSecond: 20, burst: 40 } })).toBe(
      '40 ms, throttle 20/s burst 40',
    );
  });
});

describe('renderReport', () => {
  it('has the machine, the targets and a table for each part measured', () => {
    const report = renderReport(results());
    expect(report).toContain('Machine: Test CPU, 2 cores, 8 GiB');
    for (const heading of [
      '## Targets',
      '## 1. Series load',
      '## 3. Refresh storm',
      '## 4. Authorizer',
      '## 5. Footprint',
    ]) {
      expect(report).toContain(heading);
    }
    expect(report).toMatch(/\| 40 ms, throttle on +\| all 160 frames loaded +\| 11.00 s \(10.00 s–12.00 s\)/);
    expect(renderReport(results({ refreshStorm: [], footprint: undefined }))).not.toContain('## 3. Refresh storm');
  });
});
