/**
 * Rendered replies by command text, least recently used out first.
 *
 * Why it is safe: a command's `run(ctx)` is synchronous and sees only the story, the language,
 * its options and the command list (no user, no clock, no I/O), so the same text in the same
 * workspace always renders the same reply. Failures are never stored (each has its own error
 * id), and the whole cache is dropped when the story object changes (a reload).
 *
 * Why it is worth it: parsing, answering and rendering cost more per request than Bolt's own
 * work, while real traffic is a dozen texts (`stocks`, `adoption lang:ja`, ...) said over and
 * over. Bounded, so a flood of distinct texts only churns it.
 */
export class ReplyCache<V> {
  readonly #entries = new Map<string, V>();
  #owner: object | undefined;

  constructor(readonly capacity: number) {}

  /** `owner` is what the entries were computed from; a different one empties the cache. */
  get(owner: object, key: string): V | undefined {
    if (owner !== this.#owner) {
      this.#entries.clear();
      this.#owner = owner;
      return undefined;
    }
    const value = this.#entries.get(key);
    if (value !== undefined) {
      // Re-insert so Map order stays least-recently-used first.
      this.#entries.delete(key);
      this.#entries.set(key, value);
    }
    return value;
  }

  set(owner: object, key: string, value: V): void {
    this.#owner ??= owner;
    // Computed from a story that has since been replaced: not worth keeping.
    if (owner !== this.#owner) return;
    this.#entries.delete(key);
    this.#entries.set(key, value);
    if (this.#entries.size > this.capacity) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
  }

  get size(): number {
    return this.#entries.size;
  }
}
