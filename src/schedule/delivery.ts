import {
  type Answer,
  type DigestChanges,
  digestAnswer,
  type FactRevisions,
  factRevisions,
  factsChangedSince,
  type Story,
} from '../core/index.js';
import type { Logger } from '../logger.js';
import type {
  Delivery,
  DeliveryLedger,
  SentDigest,
  SettleDetail,
  SharedRateBudget,
  Subscription,
  SubscriptionStore,
} from '../store/contract.js';
import { type Clock, localIsoDate } from './clock.js';
import type { DeliveryKey, Poster, PostOutcome } from './poster.js';
import type { PostingHealth } from './posting-health.js';
import { SHARED_LIMITS } from './shared-limits.js';

export interface RetryPolicy {
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 1_000, maxDelayMs: 30_000 };

/** How long a claim stays ours without news; renewed before every call to the platform. */
export const DEFAULT_LEASE_MS = 2 * 60_000;

/**
 * A call to the platform is abandoned once this share of the lease has passed since the renewal
 * before it: the claim must still be ours, with room to spare, when the call ends, or a process
 * taking the slot over could post while our call is still on its way.
 */
const CALL_SHARE_OF_LEASE = 0.75;

/** `skipped`: the claim turned out to be another process's (it took over a stalled one). */
export type DeliveryResult = 'sent' | 'retrying' | 'paused' | 'skipped';

export interface DeliveryDeps {
  story: Story;
  ledger: DeliveryLedger;
  subscriptions: SubscriptionStore;
  health: PostingHealth;
  /** Paces calls to platforms whose limits are shared by every replica (SHARED_LIMITS). */
  rateBudget: SharedRateBudget;
  clock: Clock;
  logger: Logger;
  retry: RetryPolicy;
  leaseMs: number;
}

/**
 * A turn this late is given back: sent now, it would land in the next second's share. Each one
 * given back is a turn of the shared pace nobody uses, and a busy host misses many by 25–50 ms;
 * SHARED_LIMITS' pace and burst leave room for 50.
 */
const LATE_TURN_MS = 50;
/** Turns taken again at most this often in a row, so a stalled process still sends. */
const TURN_TRIES = 3;

/**
 * Waits for this replica's turn under the platform's shared limit, if it has one. The wait comes
 * from the shared budget, so N replicas together keep to one bot token's pace. A process whose
 * event loop was held up (a busy host) wakes many waiters at once: each that is late takes a
 * new turn instead of all of them going together. Real time, not the scheduler's clock: the
 * platform counts real seconds.
 */
async function sharedTurn(
  deps: Pick<DeliveryDeps, 'rateBudget' | 'logger'>,
  poster: Poster,
  sub: Subscription,
) {
  const { platform } = poster;
  const limit = SHARED_LIMITS[platform];
  if (!limit) return;
  const name = poster.sharedLimitKey?.(sub) ?? `${platform}:global`;
  for (let tries = 1; tries <= TURN_TRIES; tries += 1) {
    const wait = await deps.rateBudget.reserve(name, limit.rate);
    const turn = performance.now() + wait;
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const lateMs = performance.now() - turn;
    if (lateMs <= LATE_TURN_MS) return;
    // Each one is a turn of the shared budget nobody used: on a busy host, the pace lost.
    deps.logger.debug({ platform, lateMs: Math.round(lateMs), tries }, 'shared turn missed');
  }
}

/** What changed since the digest a channel last got, dated in the channel's own time zone. */
function changesSince(story: Story, sub: Subscription, last: SentDigest): DigestChanges {
  const since = localIsoDate(last.slot, sub.timezone);
  return {
    since,
    // Digests sent before revisions were recorded can only be compared by date.
    facts: last.shownRevisions
      ? factsChangedSince(story, last.shownRevisions)
      : story.facts.filter((fact) => fact.updated > since),
  };
}

/** The digest a channel gets now, and the fact revisions it shows (recorded once it is sent). */
export async function digestFor(
  deps: Pick<DeliveryDeps, 'story' | 'ledger'>,
  sub: Subscription,
): Promise<{ answer: Answer; shown: FactRevisions }> {
  const last = await deps.ledger.lastSent(sub.id);
  const changes = last ? changesSince(deps.story, sub, last) : undefined;
  return {
    answer: digestAnswer(deps.story, sub.lang, changes),
    shown: factRevisions(deps.story),
  };
}

function backoff(policy: RetryPolicy, attempt: number, outcome: PostOutcome): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  const asked = outcome.status === 'transient' ? (outcome.retryAfterMs ?? 0) : 0;
  // Jitter spreads a fan-out's retries so they do not hit the platform in one burst again.
  return Math.max(asked, exponential / 2 + Math.random() * (exponential / 2));
}

/**
 * Posts one claimed delivery: retries transient failures with backoff, checks before retrying
 * when an attempt may have landed, pauses the subscription on permanent errors, and stops the
 * platform's posting when its credentials are refused. Every call to the platform is preceded
 * by a fenced lease renewal: once another process owns the claim, nothing more is sent or
 * recorded.
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
  const { ledger, clock, logger, retry, health, leaseMs } = deps;
  const key: DeliveryKey = { subscriptionId: sub.id, slot: delivery.slot };
  const log = logger.child({
    subscription: sub.id,
    platform: sub.platform,
    channel: sub.channelId,
    slot: delivery.slot.toISOString(),
  });
  /** Renews the claim and bounds the next call by it; undefined once the claim is not ours. */
  const hold = async (countAttempt: boolean): Promise<AbortSignal | undefined> => {
    const now = clock.now();
    const renewed = await ledger.renew(delivery, new Date(now.getTime() + leaseMs), now, {
      countAttempt,
    });
    return renewed ? AbortSignal.timeout(leaseMs * CALL_SHARE_OF_LEASE) : undefined;
  };
  const lost = (): DeliveryResult => {
    log.warn('digest claim taken over by another process; this one posts nothing more');
    return 'skipped';
  };
  const settle = async (
    status: 'sent' | 'retrying' | 'failed',
    detail: SettleDetail,
  ): Promise<boolean> => {
    const settled = await ledger.settle(delivery, status, clock.now(), detail);
    if (!settled) log.warn({ status }, 'late digest result ignored: another process owns the slot');
    return settled;
  };
  const settleSent = async (messageId: string, shown: FactRevisions): Promise<DeliveryResult> => {
    if (!(await settle('sent', { messageId, shownRevisions: shown }))) return 'skipped';
    log.info({ messageId }, 'digest sent');
    return 'sent';
  };

  // Every earlier attempt came after the slot: while the slot itself is recent enough, the
  // platform's own guard against repeats covers them, and the look-up (a request, and a turn of
  // the shared pace) is saved.
  const repeatIsSafe =
    poster.repeatSafeForMs !== undefined &&
    clock.now().getTime() - delivery.slot.getTime() < poster.repeatSafeForMs;
  let checkFirst = mayHavePosted && !repeatIsSafe;
  let lastReason = '';
  for (let attempt = 1; attempt <= retry.attempts; attempt += 1) {
    const stopped = health.stoppedFor(sub.platform);
    if (stopped) {
      await settle('retrying', { error: `posting stopped: ${stopped.reason}` });
      return 'retrying';
    }
    // Database errors are ours, not the platform's: they propagate instead of being retried as
    // if a post had failed.
    let signal = await hold(true);
    if (!signal) return lost();
    const { answer, shown } = await digestFor(deps, sub);
    let outcome: PostOutcome;
    try {
      if (checkFirst && poster.findPosted) await sharedTurn(deps, poster, sub);
      const existing = checkFirst ? await poster.findPosted?.(sub, key, signal) : undefined;
      if (existing) return settleSent(existing, shown);
      // The look-up took part of the lease: renew it again before sending.
      if (checkFirst) signal = await hold(false);
      if (!signal) return lost();
      await sharedTurn(deps, poster, sub);
      outcome = await poster.post(sub, answer, key, signal);
    } catch (err) {
      // A poster that throws did not say what happened: assume the worst, that it may have posted.
      outcome = { status: 'unknown', reason: err instanceof Error ? err.message : String(err) };
    }

    if (outcome.status === 'sent') return settleSent(outcome.messageId, shown);
    if (outcome.status === 'unauthorized') {
      if (health.stop(sub.platform, outcome.reason, clock.now())) {
        log.error(
          { reason: outcome.reason },
          'the platform rejected the bot token: digest posting stopped on this platform until it is accepted again',
        );
      }
      await settle('retrying', { error: outcome.reason });
      return 'retrying';
    }
    if (outcome.status === 'permanent') {
      if (!(await settle('failed', { error: outcome.reason }))) return 'skipped';
      await deps.subscriptions.pause(sub.id, outcome.reason, clock.now());
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
  await settle('retrying', { error: lastReason });
  log.warn({ reason: lastReason }, 'digest not sent yet; will retry on a later tick');
  return 'retrying';
}
