import { afterEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../../src/schedule/clock.js';
import { DigestScheduler, type SchedulerDeps } from '../../src/schedule/scheduler.js';

/**
 * The running scheduler's timer: a tick at once, then one at the start of every minute, none
 * after stop. What a tick does is tested through `tick(now)` elsewhere; only the timing is here.
 */
describe('DigestScheduler timer', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('ticks on start, then at the start of each minute, and not after stop', async () => {
    vi.useFakeTimers({ now: new Date('2026-04-01T09:00:30.000Z') });
    // Only the clock is read before tick, which is replaced below.
    const scheduler = new DigestScheduler({ clock: systemClock } as SchedulerDeps);
    const ticks: string[] = [];
    vi.spyOn(scheduler, 'tick').mockImplementation(async (now) => {
      ticks.push(now.toISOString());
      return [];
    });

    scheduler.start();
    expect(ticks).toEqual(['2026-04-01T09:00:30.000Z']);
    await vi.advanceTimersByTimeAsync(29_000);
    expect(ticks).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(91_000);
    expect(ticks).toEqual([
      '2026-04-01T09:00:30.000Z',
      '2026-04-01T09:01:00.000Z',
      '2026-04-01T09:02:00.000Z',
    ]);

    await scheduler.stop();
    await vi.advanceTimersByTimeAsync(180_000);
    expect(ticks).toHaveLength(3);
  });
});
