import type { Platform } from './poster.js';

/** Why a platform's posting stopped, for `list` and the logs. */
export interface PostingStop {
  reason: string;
  since: Date;
  /** When the tick next asks the platform whether the credentials work again. */
  nextCheckAt: Date;
  failedChecks: number;
}

const FIRST_CHECK_MS = 60_000;
const MAX_CHECK_MS = 30 * 60_000;

/**
 * Which platforms may post digests now. A rejected token is the bot's problem, not a channel's:
 * instead of pausing every subscription one by one, the platform's posting stops as a whole,
 * subscriptions stay as they are, and the scheduler's minute tick re-checks the credentials at
 * doubling intervals (1 min up to 30 min) so that a fixed token resumes posting by itself. The
 * tick is the timer, so there is no retry loop of its own to run or to stop.
 */
export class PostingHealth {
  readonly #stopped = new Map<Platform, PostingStop>();

  /** True if this stopped posting (it was running): the caller logs that once, loudly. */
  stop(platform: Platform, reason: string, now: Date): boolean {
    if (this.#stopped.has(platform)) return false;
    this.#stopped.set(platform, {
      reason,
      since: now,
      nextCheckAt: new Date(now.getTime() + FIRST_CHECK_MS),
      failedChecks: 0,
    });
    return true;
  }

  stoppedFor(platform: Platform): PostingStop | undefined {
    return this.#stopped.get(platform);
  }

  isPosting(platform: Platform): boolean {
    return !this.#stopped.has(platform);
  }

  dueForCheck(platform: Platform, now: Date): boolean {
    const stop = this.#stopped.get(platform);
    return stop !== undefined && now >= stop.nextCheckAt;
  }

  /** The credentials are still refused (or unanswered): wait twice as long before asking again. */
  checkFailed(platform: Platform, now: Date): void {
    const stop = this.#stopped.get(platform);
    if (!stop) return;
    stop.failedChecks += 1;
    const wait = Math.min(MAX_CHECK_MS, FIRST_CHECK_MS * 2 ** stop.failedChecks);
    stop.nextCheckAt = new Date(now.getTime() + wait);
  }

  resume(platform: Platform): void {
    this.#stopped.delete(platform);
  }
}
