import { FakeClock } from '../testing/FakeClock';
import { createRetrievePacing, type QuotaShareLike } from './createRetrievePacing';

const root = 'https://dicom-medical-imaging.us-east-1.amazonaws.com/datastore/0123456789abcdef0123456789abcdef';
const frame = (n: number) => `${root}/studies/1/series/2/instances/${n}/frames/1`;

function share(fraction = 1): QuotaShareLike & { busy: number; announced: Array<number | undefined> } {
  return {
    busy: 0,
    announced: [],
    fraction: () => fraction,
    markBusy() {
      this.busy++;
    },
    announceThrottled(retryAfterMs) {
      this.announced.push(retryAfterMs);
    },
  };
}

describe('createRetrievePacing', () => {
  it('paces what the retrieve quota counts, and nothing else', () => {
    const pacing = createRetrievePacing({ limit: { requestsPerSecond: 50, burst: 100 }, clock: new FakeClock(0) });
    expect(pacing.covers(frame(1))).toBe(true);
    expect(pacing.covers(`${root}/studies/1/series/2/metadata`)).toBe(true);
    expect(pacing.covers(`${root}/studies?PatientID=1`)).toBe(false);
  });

  it('sends by the priority cornerstone gave each frame; a request it never queued (metadata) counts as interaction', async () => {
    const clock = new FakeClock(0);
    const pacing = createRetrievePacing({ limit: { requestsPerSecond: 10, burst: 1 }, clock });
    await pacing.take(frame(0));
    pacing.noteRequest(frame(1), 'prefetch');
    pacing.noteRequest(frame(2), 'thumbnail');
    const order: string[] = [];
    const takes = [frame(1), frame(2), `${root}/studies/1/series/2/metadata`].map(url =>
      pacing.take(url).then(() => order.push(url)),
    );
    await clock.advance(400);
    await Promise.all(takes);
    expect(order).toEqual([`${root}/studies/1/series/2/metadata`, frame(2), frame(1)]);
  });

  it('promotes a waiting prefetch the reader now looks at', async () => {
    const clock = new FakeClock(0);
    const pacing = createRetrievePacing({ limit: { requestsPerSecond: 10, burst: 1 }, clock });
    await pacing.take(frame(0));
    for (const n of [1, 2, 3]) pacing.noteRequest(frame(n), 'prefetch');
    const order: number[] = [];
    const takes = [1, 2, 3].map(n => pacing.take(frame(n)).then(() => order.push(n)));
    pacing.noteRequest(frame(3), 'interaction');
    await clock.advance(400);
    await Promise.all(takes);
    expect(order).toEqual([3, 1, 2]);
  });

  it('counts the tab as loading, and tells the other tabs of a throttled answer it saw, not of one they saw', async () => {
    const tabs = share();
    const pacing = createRetrievePacing({
      limit: { requestsPerSecond: 50, burst: 100 },
      clock: new FakeClock(0),
      share: tabs,
    });
    await pacing.take(frame(1));
    expect(tabs.busy).toBe(1);
    pacing.throttled(1000);
    pacing.throttledElsewhere(undefined);
    expect(tabs.announced).toEqual([1000]);
    expect(pacing.pacer.requestsPerSecond).toBeLessThan(50);
  });
});
