import { setTimeout as delay } from 'node:timers/promises';

/**
 * Work still running that shutdown must wait for: answers Slack or Discord has had its ack for
 * (closing the server does not wait for them), and the scheduler's ticks. One tracker for all
 * three, so "stop, then let what is running finish (within a bound)" means the same everywhere.
 */
export class InFlight {
  readonly #running = new Set<Promise<unknown>>();

  get size(): number {
    return this.#running.size;
  }

  /** Tracks `work` until it settles; returns it unchanged. */
  track<T>(work: Promise<T>): Promise<T> {
    this.#running.add(work);
    const forget = () => this.#running.delete(work);
    work.then(forget, forget);
    return work;
  }

  /**
   * Resolves true once everything tracked has settled, or false after `timeoutMs` (no limit when
   * undefined), whichever is first.
   */
  async drain(timeoutMs?: number): Promise<boolean> {
    if (this.#running.size === 0) return true;
    const settled = (async () => {
      // Bounded: each round waits for what was running at its start, and new work stops
      // arriving once the caller has stopped taking it.
      for (let round = 0; round < 100 && this.#running.size > 0; round += 1) {
        await Promise.allSettled([...this.#running]);
      }
      return true as const;
    })();
    if (timeoutMs === undefined) return settled;
    const timer = new AbortController();
    const timedOut = delay(timeoutMs, false as const, { signal: timer.signal }).catch(() => false);
    try {
      return await Promise.race([settled, timedOut]);
    } finally {
      timer.abort();
    }
  }
}
