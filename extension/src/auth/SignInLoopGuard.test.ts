/** @jest-environment jsdom */
import { SignInLoopGuard } from './SignInLoopGuard';
import { FakeClock } from '../testing/FakeClock';

describe('SignInLoopGuard', () => {
  it('reports a redirect within the window, forgets it after the window or when cleared', async () => {
    const clock = new FakeClock();
    const guard = new SignInLoopGuard(window.sessionStorage, 'guard', 60_000, clock);
    expect(guard.redirectedRecently()).toBe(false);
    guard.recordRedirect();
    // A new page (after the round trip to the provider) reads the same sessionStorage.
    const afterReturn = new SignInLoopGuard(window.sessionStorage, 'guard', 60_000, clock);
    expect(afterReturn.redirectedRecently()).toBe(true);
    await clock.advance(60_000);
    expect(afterReturn.redirectedRecently()).toBe(false);
    afterReturn.recordRedirect();
    afterReturn.clear();
    expect(afterReturn.redirectedRecently()).toBe(false);
  });
});
