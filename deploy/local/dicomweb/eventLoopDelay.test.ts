import { EventLoopDelayMonitor } from './eventLoopDelay';

/** Holds the event loop until this process has used `cpuMs` of CPU (not wall time: the machine may be loaded). */
function holdLoopFor(cpuMs: number): void {
  const start = process.cpuUsage();
  for (;;) {
    const used = process.cpuUsage(start);
    if ((used.user + used.system) / 1000 >= cpuMs) return;
  }
}

const wait = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

describe('EventLoopDelayMonitor', () => {
  let monitor: EventLoopDelayMonitor;
  beforeEach(() => {
    monitor = new EventLoopDelayMonitor();
  });
  afterEach(() => monitor.stop());

  it('reports a loop held by the process itself, in maxBusyMs and maxMs', async () => {
    await wait(50);
    holdLoopFor(200);
    await wait(50);
    const delay = monitor.snapshot();
    expect(delay.maxBusyMs).toBeGreaterThanOrEqual(150);
    expect(delay.maxMs).toBeGreaterThanOrEqual(150);
  });

  it('does not count waiting as busy, and starts again from zero after reset', async () => {
    holdLoopFor(200);
    await wait(20);
    monitor.reset();
    await wait(200);
    const delay = monitor.snapshot();
    expect(delay.maxBusyMs).toBeLessThan(100);
    expect(delay.sinceMs).toBeGreaterThanOrEqual(150);
  });
});
