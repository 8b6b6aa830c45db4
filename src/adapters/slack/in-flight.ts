/**
 * The work still running for requests Slack has already had its ack for (an answer on its way
 * through `respond()`): closing the HTTP server does not wait for it, so shutdown waits here.
 */
export class InFlight {
  readonly #running = new Set<Promise<unknown>>();

  get size(): number {
    return this.#running.size;
  }

  track<T>(work: Promise<T>): Promise<T> {
    this.#running.add(work);
    const forget = () => this.#running.delete(work);
    work.then(forget, forget);
    return work;
  }

  /** Resolves once everything tracked has settled, or after `timeoutMs`, whichever is first. */
  async drain(timeoutMs: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const settled = (async () => {
      // Bounded: each round waits for what was running at its start, and new work stops
      // arriving once the receiver is closed.
      for (let round = 0; round < 100 && this.#running.size > 0; round += 1) {
        await Promise.allSettled([...this.#running]);
      }
      return true as const;
    })();
    try {
      return await Promise.race([settled, timedOut]);
    } finally {
      clearTimeout(timer);
    }
  }
}
