import type { ScheduledTask } from 'node-cron';
import { MINUTE_MS } from './clock.js';
import { nodeCron } from './node-cron.js';

/**
 * Which minutes a (cron, time zone) pair fires on, using node-cron's own time-zone-aware
 * matcher, so slot times follow daylight-saving changes exactly as node-cron does.
 */
export class SlotMatcher {
  readonly #task: ScheduledTask;

  constructor(cron: string, timezone: string) {
    // A stopped task is only used for `match`; it never runs.
    this.#task = nodeCron().createTask(cron, () => undefined, { timezone });
  }

  matches(minute: Date): boolean {
    return this.#task.match(minute);
  }

  /** Slot starts in (after, until], oldest first, at most `limit` of the newest. */
  slotsBetween(afterMs: number, untilMs: number, limit: number): Date[] {
    const slots: Date[] = [];
    const first = Math.floor(afterMs / MINUTE_MS) * MINUTE_MS + MINUTE_MS;
    const from = Math.max(first, Math.floor(untilMs / MINUTE_MS) * MINUTE_MS - limit * MINUTE_MS);
    for (let t = from; t <= untilMs; t += MINUTE_MS) {
      const minute = new Date(t);
      if (this.matches(minute)) slots.push(minute);
    }
    return slots;
  }

  /** The next `count` slots from now (node-cron walks days, not minutes), for previews. */
  nextSlots(count: number): Date[] {
    return this.#task.getNextRuns(count);
  }

  destroy(): void {
    void this.#task.destroy();
  }
}

/** One matcher per distinct (cron, zone): many channels usually share a schedule. */
export class SlotMatchers {
  readonly #matchers = new Map<string, SlotMatcher>();

  get(cron: string, timezone: string): SlotMatcher {
    const key = `${cron}|${timezone}`;
    let matcher = this.#matchers.get(key);
    if (!matcher) {
      matcher = new SlotMatcher(cron, timezone);
      this.#matchers.set(key, matcher);
    }
    return matcher;
  }

  destroy(): void {
    for (const matcher of this.#matchers.values()) matcher.destroy();
    this.#matchers.clear();
  }
}
