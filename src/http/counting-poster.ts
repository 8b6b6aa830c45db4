import type { Answer } from '../core/index.js';
import type { DeliveryKey, DigestTarget, Poster, PostOutcome } from '../schedule/poster.js';
import type { BotMetrics } from './metrics.js';

/**
 * A platform's Poster with every attempt counted by outcome, and the lag behind the slot of
 * every digest that landed. The scheduler sees the same interface, so it needs no metrics of its
 * own; an attempt that throws is counted as `error` and rethrown unchanged.
 */
export class CountingPoster implements Poster {
  readonly platform: Poster['platform'];
  readonly concurrency: number;
  readonly repeatSafeForMs: Poster['repeatSafeForMs'];
  readonly findPosted: Poster['findPosted'];
  readonly checkCredentials: Poster['checkCredentials'];
  readonly workspaceOf: Poster['workspaceOf'];

  constructor(
    private readonly inner: Poster,
    private readonly metrics: BotMetrics,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.platform = inner.platform;
    this.concurrency = inner.concurrency;
    this.repeatSafeForMs = inner.repeatSafeForMs;
    this.findPosted = inner.findPosted?.bind(inner);
    this.checkCredentials = inner.checkCredentials.bind(inner);
    this.workspaceOf = inner.workspaceOf.bind(inner);
  }

  // The Poster signature the wrapped platform posters have too, by design.
  async post(
    target: DigestTarget,
    digest: Answer,
    key: DeliveryKey,
    lease: AbortSignal,
  ): Promise<PostOutcome> {
    const { platform } = this;
    let outcome: PostOutcome;
    try {
      outcome = await this.inner.post(target, digest, key, lease);
    } catch (error) {
      this.metrics.digestPosts.inc({ platform, outcome: 'error' });
      throw error;
    }
    this.metrics.digestPosts.inc({ platform, outcome: outcome.status });
    if (outcome.status === 'sent') {
      const lagSeconds = (this.now().getTime() - key.slot.getTime()) / 1000;
      this.metrics.digestSlotLag.observe({ platform }, Math.max(0, lagSeconds));
    }
    return outcome;
  }
}
