import { setTimeout as delay } from 'node:timers/promises';

export type Turn = { ok: true } | { ok: false; retryAfterMs: number };

/**
 * Paces calls to one Slack method from this process, and holds them all while Slack has said
 * to wait (a 429's Retry-After). Slack's limits are per app per workspace, so one 429 means
 * every sender into that workspace should pause, not just the one that got it (the poster keeps
 * one gate per workspace: workspace-gates.ts).
 *
 * A turn further off than `maxWaitMs` is refused instead of waited for: the caller reports it
 * as transient and the scheduler retries later, so nobody sits on a delivery's lease.
 *
 * Why not p-queue (interval caps, pause on 429): it queues every call until its turn and cannot
 * say "your turn is 30 s away" up front, which is what lets a delivery give back its lease
 * instead of waiting on it; nor does it slow its pace after a 429 and recover it afterwards.
 * Those two behaviours are the point of this class, and with them p-queue would add a queue we
 * do not need (p-limit in the scheduler already bounds how many posts are in flight).
 */
export class RateGate {
  readonly #baseIntervalMs: number;
  #intervalMs: number;
  #nextFree = 0;
  #blockedUntil = 0;

  constructor(
    perSecond: number,
    private readonly maxWaitMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.#baseIntervalMs = perSecond > 0 ? 1000 / perSecond : 0;
    this.#intervalMs = this.#baseIntervalMs;
  }

  /** Waits for this call's turn (reserving it), or says how long it would have had to wait. */
  async take(): Promise<Turn> {
    // Bounded: a turn is re-taken only when a 429 arrived while this one was waiting.
    for (let round = 0; round < 3; round += 1) {
      const now = this.now();
      const start = Math.max(now, this.#nextFree, this.#blockedUntil);
      const wait = start - now;
      if (wait > this.maxWaitMs) return { ok: false, retryAfterMs: wait };
      this.#nextFree = start + this.#intervalMs;
      if (wait > 0) await delay(wait, undefined, { ref: false });
      if (this.now() >= this.#blockedUntil) return { ok: true };
    }
    return { ok: false, retryAfterMs: Math.max(0, this.#blockedUntil - this.now()) };
  }

  /**
   * Slack said 429: nobody goes before `retryAfterMs` has passed, and the pace halves (down to
   * one call a second), since the limit we hit is lower than the one we assumed.
   */
  block(retryAfterMs: number): void {
    this.#blockedUntil = Math.max(this.#blockedUntil, this.now() + retryAfterMs);
    this.#intervalMs = Math.min(1000, Math.max(this.#intervalMs * 2, this.#baseIntervalMs, 1));
  }

  /** A call went through: the pace recovers a little towards the configured one. */
  passed(): void {
    this.#intervalMs = Math.max(this.#baseIntervalMs, this.#intervalMs * 0.95);
  }
}
