import { randomInt } from 'node:crypto';
import type { ScheduledTask } from 'node-cron';
import pLimit, { type LimitFunction } from 'p-limit';
import type { Story } from '../core/index.js';
import { InFlight } from '../in-flight.js';
import type { Logger } from '../logger.js';
import type {
  Delivery,
  DeliveryLedger,
  SharedRateBudget,
  Subscription,
  SubscriptionStore,
} from '../store/contract.js';
import { type Clock, floorToMinute, MINUTE_MS } from './clock.js';
import {
  DEFAULT_LEASE_MS,
  DEFAULT_RETRY,
  type DeliveryResult,
  deliver,
  type RetryPolicy,
} from './delivery.js';
import { nodeCron } from './node-cron.js';
import type { Platform, Poster } from './poster.js';
import type { PostingHealth } from './posting-health.js';
import { SHARED_LIMITS } from './shared-limits.js';
import { slotsBetween } from './slots.js';

/** How far back a tick looks for slots at most: a week, so a long outage stays cheap. */
const MAX_SCAN_MS = 7 * 24 * 60 * MINUTE_MS;
/** And at most this many of the newest slots in it: an hourly schedule's week (only the operator
 * can choose more often); older ones are neither posted nor recorded as missed. */
const MAX_SCAN_SLOTS = 7 * 24;
/** Rounds of taking over unsettled claims after a fan-out (a replica that died mid-way). */
const TAKE_OVER_ROUNDS = 3;

export interface SchedulerDeps {
  story: Story;
  subscriptions: SubscriptionStore;
  ledger: DeliveryLedger;
  rateBudget: SharedRateBudget;
  health: PostingHealth;
  posters: ReadonlyMap<Platform, Poster>;
  clock: Clock;
  logger: Logger;
  catchUpMinutes: number;
  retry?: RetryPolicy;
  /** How long a claim stays ours between renewals (default 2 minutes). */
  leaseMs?: number;
}

export interface TickReport {
  slot: string;
  sent: number;
  /** Claimed by another process (or already done): not ours to send. */
  skipped: number;
  retrying: number;
  paused: number;
  missed: number;
}

/** A slot due for a channel, not claimed yet. */
interface Due {
  sub: Subscription;
  slot: Date;
}

interface Work {
  sub: Subscription;
  delivery: Delivery;
  mayHavePosted: boolean;
}

/**
 * Decides which digests are due and sends each exactly once. `tick(now)` is the whole job:
 * node-cron calls it every minute, tests call it with the time they want.
 */
export class DigestScheduler {
  readonly #deps: SchedulerDeps;
  readonly #inFlight = new InFlight();
  #task: ScheduledTask | undefined;

  constructor(deps: SchedulerDeps) {
    this.#deps = deps;
  }

  get #leaseMs(): number {
    return this.#deps.leaseMs ?? DEFAULT_LEASE_MS;
  }

  /** Catches up at once, then ticks at the start of every minute. */
  start(): void {
    this.#track(this.tick(this.#deps.clock.now()));
    this.#task = nodeCron().schedule(
      '* * * * *',
      () => this.#track(this.tick(this.#deps.clock.now())),
      {
        name: 'sakura-digest-tick',
        noOverlap: false,
      },
    );
  }

  /** Stops ticking and waits for deliveries in flight. */
  async stop(): Promise<void> {
    await this.#task?.destroy();
    this.#task = undefined;
    await this.#inFlight.drain();
  }

  #track<T>(promise: Promise<T>): void {
    void this.#inFlight.track(
      promise.catch((err) => this.#deps.logger.error({ err }, 'digest tick failed')),
    );
  }

  async tick(now: Date): Promise<TickReport[]> {
    const { subscriptions, ledger, logger } = this.#deps;
    const minute = floorToMinute(now);
    const windowStart = new Date(minute.getTime() - this.#deps.catchUpMinutes * MINUTE_MS);
    const platforms = await this.#postingPlatforms(now);
    const subs = await subscriptions.active(platforms);
    const reports = new Map<number, TickReport>();
    const report = (slot: Date) => {
      let entry = reports.get(slot.getTime());
      if (!entry) {
        entry = {
          slot: slot.toISOString(),
          sent: 0,
          skipped: 0,
          retrying: 0,
          paused: 0,
          missed: 0,
        };
        reports.set(slot.getTime(), entry);
      }
      return entry;
    };

    // Claims are taken as this process has room to send, so replicas sharing the store split a
    // slot's fan-out by how fast each can post (ADR-008). The minutes are marked as looked at
    // only once every due slot was claimed by someone: a crash before that leaves unclaimed
    // slots that the next tick (here or on another replica) sees again, and claims that are
    // taken over once their lease runs out or their owner is gone.
    const due: Due[] = [];
    // Channels mostly share a few schedules and were all checked up to the last tick: each
    // distinct (schedule, zone, window) is computed once per tick.
    const slotsOf = new Map<string, readonly Date[]>();
    for (const sub of subs) {
      const after = Math.max(
        sub.checkedUntil.getTime(),
        sub.scheduleFrom.getTime(),
        minute.getTime() - MAX_SCAN_MS,
      );
      const slots = await this.#slotsOf(sub, after, minute, slotsOf, now);
      const latest = slots.at(-1);
      if (!latest) continue;
      const postable = latest >= windowStart ? latest : undefined;
      const missed = postable ? slots.slice(0, -1) : slots;
      if (missed.length) {
        const recorded = await ledger.recordMissed(sub.id, missed, now);
        if (recorded) report(missed.at(-1) as Date).missed += recorded;
      }
      if (postable) due.push({ sub, slot: postable });
    }

    // Each delivery is tried at most once per tick: one that ends up retrying waits for the next.
    const tried = new Set<number>();
    const limits = new Map(
      [...this.#deps.posters].map(([platform, poster]) => [
        platform,
        pLimit(Math.min(poster.concurrency, SHARED_LIMITS[platform]?.inFlight ?? Infinity)),
      ]),
    );
    // Replicas start from different places in the list, so they rarely race for one slot.
    const offset = due.length > 0 ? randomInt(due.length) : 0;
    const ordered = [...due.slice(offset), ...due.slice(0, offset)];
    await Promise.all(
      ordered.map(({ sub, slot }) =>
        this.#send(limits, sub, async () => {
          // The tick's time, as the unsettled look-up uses: deliver() renews before each call.
          const delivery = await ledger.claim(sub.id, slot, this.#leaseUntil(now), now);
          if (!delivery) {
            report(slot).skipped += 1;
            return undefined;
          }
          tried.add(delivery.id);
          return { sub, delivery, mayHavePosted: false };
        }).then((result) => {
          if (result) report(slot)[result] += 1;
        }),
      ),
    );
    await subscriptions.markChecked(
      subs.map((sub) => sub.id),
      minute,
    );

    // Then what other processes left: retries given up for now, and claims whose lease ran out
    // or whose owner died (a replica killed mid fan-out), again until none are left.
    for (let round = 0; round < TAKE_OVER_ROUNDS; round += 1) {
      const taken = await this.#takeOverUnsettled(windowStart, now, platforms, tried);
      if (taken.length === 0) break;
      await Promise.all(
        taken.map((work) =>
          this.#send(limits, work.sub, async () => work).then((result) => {
            if (result) report(work.delivery.slot)[result] += 1;
          }),
        ),
      );
    }
    const summary = [...reports.values()];
    for (const entry of summary) logger.info(entry, 'digest slot');
    return summary;
  }

  /**
   * The platforms that may post this minute. One whose token was rejected stays out (its
   * subscriptions are not even looked at, as if the bot were down there) until a re-check finds
   * the token accepted; then the usual catch-up rules decide what is still worth posting.
   */
  async #postingPlatforms(now: Date): Promise<Platform[]> {
    const { posters, health, logger } = this.#deps;
    const platforms: Platform[] = [];
    for (const [platform, poster] of posters) {
      if (health.dueForCheck(platform, now)) {
        const check = await poster.checkCredentials().catch(() => 'unreachable' as const);
        if (check === 'accepted') {
          health.resume(platform);
          logger.info(
            { platform },
            'the platform accepts the bot token again: digest posting resumed',
          );
        } else {
          health.checkFailed(platform, now);
          logger.error(
            { platform, check, nextCheckAt: health.stoppedFor(platform)?.nextCheckAt },
            'digest posting still stopped: the bot token is not accepted',
          );
        }
      }
      if (health.isPosting(platform)) platforms.push(platform);
    }
    return platforms;
  }

  /**
   * The slots in (after, minute], computed once per tick for every channel on the same schedule.
   * A schedule croner cannot read (stored when node-cron checked them, which took `*\/61`) pauses
   * its own channel with the reason, rather than failing the tick for every channel.
   */
  async #slotsOf(
    sub: Subscription,
    after: number,
    minute: Date,
    computed: Map<string, readonly Date[]>,
    now: Date,
  ): Promise<readonly Date[]> {
    const key = `${sub.cron}|${sub.timezone}|${after}`;
    const known = computed.get(key);
    if (known) return known;
    try {
      const slots = slotsBetween(sub.cron, sub.timezone, after, minute.getTime(), MAX_SCAN_SLOTS);
      computed.set(key, slots);
      return slots;
    } catch (err) {
      const reason = `the schedule \`${sub.cron}\` can no longer be read (${(err as Error).message}). Subscribe again with a new one.`;
      await this.#deps.subscriptions.pause(sub.id, reason, now);
      this.#deps.logger.warn({ subscription: sub.id, reason }, 'digest subscription paused');
      return [];
    }
  }

  /** Deliveries whose owner gave up for now or died mid-send, still young enough to post. */
  async #takeOverUnsettled(
    windowStart: Date,
    now: Date,
    platforms: readonly Platform[],
    tried: Set<number>,
  ): Promise<Work[]> {
    const { ledger, subscriptions, logger } = this.#deps;
    const taken: Work[] = [];
    for (const unsettled of await ledger.unsettled(new Date(0), now)) {
      if (tried.has(unsettled.id)) continue;
      tried.add(unsettled.id);
      if (unsettled.slot < windowStart) {
        if (await ledger.giveUp(unsettled, now)) {
          logger.warn(
            { subscription: unsettled.subscriptionId, slot: unsettled.slot.toISOString() },
            'digest given up',
          );
        }
        continue;
      }
      const sub = await subscriptions.get(unsettled.subscriptionId);
      if (!sub || sub.pausedReason !== null || !platforms.includes(sub.platform)) continue;
      const delivery = await ledger.reclaim(unsettled, this.#leaseUntil(now), now);
      if (delivery) taken.push({ sub, delivery, mayHavePosted: true });
    }
    return taken;
  }

  #leaseUntil(at: Date): Date {
    return new Date(at.getTime() + this.#leaseMs);
  }

  /**
   * Runs one delivery within its platform's concurrency: `take` claims it (or brings a claim
   * taken over) once there is room, then it is sent. Undefined when there was nothing to send.
   */
  #send(
    limits: ReadonlyMap<Platform, LimitFunction>,
    sub: Subscription,
    take: () => Promise<Work | undefined>,
  ): Promise<DeliveryResult | undefined> {
    const poster = this.#deps.posters.get(sub.platform);
    const limit = limits.get(sub.platform);
    if (!poster || !limit) return Promise.resolve(undefined);
    const deps = {
      ...this.#deps,
      retry: this.#deps.retry ?? DEFAULT_RETRY,
      leaseMs: this.#leaseMs,
    };
    return limit(async () => {
      const work = await take();
      if (!work) return undefined;
      return deliver(deps, poster, work.sub, work.delivery, work.mayHavePosted);
    });
  }
}
