import { type Answer, digestAnswer, type Story } from '../core/index.js';
import type { Logger } from '../logger.js';
import type { Clock } from './clock.js';
import type { Delivery, DeliveryLedger } from './deliveries.js';
import type { DeliveryKey, Poster, PostOutcome } from './poster.js';
import type { Subscription, SubscriptionStore } from './subscriptions.js';

export interface RetryPolicy {
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 1_000, maxDelayMs: 30_000 };

/** How long a claim stays ours without news; renewed before every attempt. */
export const LEASE_MS = 2 * 60_000;

export type DeliveryResult = 'sent' | 'retrying' | 'paused';

export interface DeliveryDeps {
  story: Story;
  ledger: DeliveryLedger;
  subscriptions: SubscriptionStore;
  clock: Clock;
  logger: Logger;
  retry: RetryPolicy;
}

/** The digest a channel gets for a slot: what changed since its previous one, then the summary. */
export function digestFor(deps: Pick<DeliveryDeps, 'story' | 'ledger'>, sub: Subscription): Answer {
  const since = deps.ledger.lastSentSlot(sub.id) ?? sub.createdAt;
  return digestAnswer(deps.story, sub.lang, since.toISOString().slice(0, 10));
}

function backoff(policy: RetryPolicy, attempt: number, outcome: PostOutcome): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  const asked = outcome.status === 'transient' ? (outcome.retryAfterMs ?? 0) : 0;
  // Jitter spreads a fan-out's retries so they do not hit the platform in one burst again.
  return Math.max(asked, exponential / 2 + Math.random() * (exponential / 2));
}

/**
 * Posts one claimed delivery: retries transient failures with backoff, checks before retrying
 * when an attempt may have landed, pauses the subscription on permanent errors.
 *
 * @param mayHavePosted an earlier owner may have posted it (a claim taken over after a crash).
 */
export async function deliver(
  deps: DeliveryDeps,
  poster: Poster,
  sub: Subscription,
  delivery: Delivery,
  mayHavePosted: boolean,
): Promise<DeliveryResult> {
  const { ledger, clock, logger, retry } = deps;
  const key: DeliveryKey = { subscriptionId: sub.id, slot: delivery.slot };
  const log = logger.child({
    subscription: sub.id,
    platform: sub.platform,
    channel: sub.channelId,
    slot: delivery.slot.toISOString(),
  });
  const settleSent = (messageId: string) => {
    ledger.settle(delivery.id, 'sent', clock.now(), { messageId });
    log.info({ messageId }, 'digest sent');
    return 'sent' as const;
  };

  let checkFirst = mayHavePosted;
  let lastReason = '';
  for (let attempt = 1; attempt <= retry.attempts; attempt += 1) {
    // Outside the try: a database error is ours, not the platform's, and must not be retried
    // as if a post had failed.
    ledger.attempt(delivery.id, new Date(clock.now().getTime() + LEASE_MS), clock.now());
    const digest = digestFor(deps, sub);
    let outcome: PostOutcome;
    try {
      const existing = checkFirst ? await poster.findPosted?.(sub, key) : undefined;
      if (existing) return settleSent(existing);
      outcome = await poster.post(sub, digest, key);
    } catch (err) {
      // A poster that throws did not say what happened: assume the worst, that it may have posted.
      outcome = { status: 'unknown', reason: err instanceof Error ? err.message : String(err) };
    }

    if (outcome.status === 'sent') return settleSent(outcome.messageId);
    if (outcome.status === 'permanent') {
      ledger.settle(delivery.id, 'failed', clock.now(), { error: outcome.reason });
      deps.subscriptions.pause(sub.id, outcome.reason, clock.now());
      log.warn({ reason: outcome.reason }, 'digest subscription paused');
      return 'paused';
    }
    lastReason = outcome.reason;
    checkFirst = outcome.status === 'unknown';
    if (attempt < retry.attempts) {
      const delay = backoff(retry, attempt, outcome);
      log.info({ attempt, reason: outcome.reason, delayMs: Math.round(delay) }, 'digest retry');
      await clock.sleep(delay);
    }
  }
  ledger.settle(delivery.id, 'retrying', clock.now(), { error: lastReason });
  log.warn({ reason: lastReason }, 'digest not sent yet; will retry on a later tick');
  return 'retrying';
}
