import { BroadcastChannel as NodeBroadcastChannel } from 'node:worker_threads';
import { FakeClock, waitFor } from '../testing/FakeClock';
import type { TabEnvironment } from './TabEnvironment';
import { TabQuotaShare } from './TabQuotaShare';
import { InProcessLocks } from './testing/InProcessLocks';

// Node's BroadcastChannel delivers between channels of one process as the browser's does between tabs; Web Locks
// are the in-process stand-in (Node 20 has none). The browser test (readingRoom.e2e) runs the real ones.
function tab(locks: InProcessLocks, tabId: string): TabEnvironment {
  return {
    locks: locks.forOwner(tabId),
    openChannel: name => new NodeBroadcastChannel(name) as unknown as BroadcastChannel,
    tabId,
  };
}

const shares: TabQuotaShare[] = [];
afterEach(() => {
  for (const share of shares.splice(0)) share.dispose();
});

function start(locks: InProcessLocks, clock: FakeClock, tabId: string): TabQuotaShare {
  const share = new TabQuotaShare(tab(locks, tabId), clock, { idleAfterMs: 2000, recountEveryMs: 500 });
  shares.push(share);
  return share;
}

describe('TabQuotaShare', () => {
  it('gives a tab alone the whole rate, splits it while several load, and gives it back when one goes idle', async () => {
    const locks = new InProcessLocks();
    const clock = new FakeClock(0);
    const a = start(locks, clock, 'a');
    const b = start(locks, clock, 'b');
    a.markBusy();
    await waitFor(() => a.loadingTabCount === 1, 'a counted');
    expect(a.fraction()).toBe(1);
    b.markBusy();
    await waitFor(() => a.loadingTabCount === 2 && b.loadingTabCount === 2, 'both tabs counted by both');
    expect(a.fraction()).toBe(0.5);
    // a keeps loading, b asks for nothing more: after its idle time b gives its share back.
    for (let t = 0; t < 6; t++) {
      a.markBusy();
      await clock.advance(500);
    }
    await waitFor(() => a.loadingTabCount === 1, 'b no longer counted');
    expect(a.fraction()).toBe(1);
  });

  it('gets the share of a crashed tab back', async () => {
    const locks = new InProcessLocks();
    const clock = new FakeClock(0);
    const a = start(locks, clock, 'a');
    const b = start(locks, clock, 'b');
    a.markBusy();
    b.markBusy();
    await waitFor(() => a.loadingTabCount === 2, 'both tabs counted');
    locks.crash('b');
    // No message from b: a finds out at its next count.
    a.markBusy();
    await clock.advance(500);
    await waitFor(() => a.loadingTabCount === 1, 'the crashed tab no longer counted');
  });

  it('tells the other tabs when the service throttled', async () => {
    const locks = new InProcessLocks();
    const clock = new FakeClock(0);
    const a = start(locks, clock, 'a');
    const b = start(locks, clock, 'b');
    const heard: Array<number | undefined> = [];
    b.onThrottledElsewhere(retryAfter => heard.push(retryAfter));
    a.announceThrottled(3000);
    a.announceThrottled(undefined);
    await waitFor(() => heard.length === 2, 'b to hear of both');
    expect(heard).toEqual([3000, undefined]);
  });
});
