import { LRUCache } from 'lru-cache';

/**
 * Rendered replies (a Discord embed, Slack blocks), least recently used out first; shared by the
 * adapters, each keying by what identifies a request on its platform.
 *
 * Why it is safe: a command's `run(ctx)` sees only the story, the language, its options and the
 * command list (no user, no clock, no I/O), so the same request renders the same embed. Only
 * answers that came back synchronously and without an error are stored (a failure has its own
 * error id), and the whole cache is dropped when the story object changes (a reload).
 *
 * Why it is worth it: validating options, answering and rendering cost more than discord.js's
 * own work for a request, while real traffic is a handful of requests (`stocks` in English,
 * `adoption` in Japanese, ...) made over and over. Bounded, so distinct questions only churn it.
 */
export class RenderedCache<V extends {}> {
  readonly #entries: LRUCache<string, V>;
  #owner: object | undefined;

  constructor(readonly capacity: number) {
    this.#entries = new LRUCache({ max: capacity });
  }

  /** One key per request shape; option order does not matter, values do exactly. */
  static key(command: string, lang: string, options: Readonly<Record<string, string>>): string {
    const sorted = Object.entries(options).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return JSON.stringify([command, lang, sorted]);
  }

  /** `owner` is what the entries were computed from (the story); a new one empties the cache. */
  get(owner: object, key: string): V | undefined {
    if (owner !== this.#owner) {
      this.#entries.clear();
      this.#owner = owner;
      return undefined;
    }
    return this.#entries.get(key);
  }

  set(owner: object, key: string, value: V): void {
    this.#owner ??= owner;
    if (owner !== this.#owner) return;
    this.#entries.set(key, value);
  }

  get size(): number {
    return this.#entries.size;
  }
}
