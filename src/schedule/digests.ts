import type { Config } from '../config.js';
import type { Story } from '../core/index.js';
import type { Logger } from '../logger.js';
import type { DeliveryLedger, Store, SubscriptionStore } from '../store/contract.js';
import { openStore } from '../store/open-store.js';
import { DigestAdmin } from './admin.js';
import { type Clock, systemClock } from './clock.js';
import type { Platform, Poster } from './poster.js';
import { PostingHealth } from './posting-health.js';
import { checkSchedule } from './schedule-spec.js';
import { DigestScheduler, type SchedulerDeps } from './scheduler.js';

/** `created_by` of subscriptions that come from DIGEST_CRON and the *_DIGEST_CHANNELS lists. */
export const CONFIGURED_BY = 'config';

/** Everything digests need, opened once at start-up when a platform runs. */
export class Digests {
  readonly store: Store;
  readonly subscriptions: SubscriptionStore;
  readonly ledger: DeliveryLedger;
  readonly health = new PostingHealth();
  readonly admin: DigestAdmin;
  #scheduler: DigestScheduler | undefined;
  /** Start-up's look-up of configured channels' workspaces, awaited before closing. */
  #learning: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly config: Config,
    private readonly story: Story,
    private readonly logger: Logger,
    private readonly clock: Clock,
    store: Store,
  ) {
    this.store = store;
    this.subscriptions = store.subscriptions;
    this.ledger = store.ledger;
    this.admin = new DigestAdmin({
      story,
      subscriptions: this.subscriptions,
      ledger: this.ledger,
      health: this.health,
      clock,
    });
  }

  /** Opens the configured store (SQLite or PostgreSQL) and applies the configured subscriptions. */
  static async open(
    config: Config,
    story: Story,
    logger: Logger,
    clock: Clock = systemClock,
  ): Promise<Digests> {
    const store = await openStore(config, logger);
    logger.info({ engine: store.engine, owner: store.ledger.owner }, 'digest store open');
    const digests = new Digests(config, story, logger, clock, store);
    try {
      await digests.#applyConfiguredSubscriptions();
    } catch (error) {
      await digests.close();
      throw error;
    }
    return digests;
  }

  async #applyConfiguredSubscriptions(): Promise<void> {
    const { DIGEST_CRON, DIGEST_TIMEZONE, DEFAULT_LANG } = this.config;
    const lists: [Platform, readonly string[]][] = [
      ['discord', this.config.DISCORD_DIGEST_CHANNELS],
      ['slack', this.config.SLACK_DIGEST_CHANNELS],
    ];
    const check =
      DIGEST_CRON === undefined
        ? undefined
        : checkSchedule(DIGEST_CRON, DIGEST_TIMEZONE, { allowFrequent: true });
    for (const [platform, channels] of lists) {
      const removed = await this.subscriptions.removeConfiguredExcept(
        platform,
        CONFIGURED_BY,
        channels,
      );
      if (removed) this.logger.info({ platform, removed }, 'configured digest channels removed');
      // Config validation has already refused a bad DIGEST_CRON; this only narrows the type.
      if (!check?.ok) continue;
      for (const channelId of channels) {
        const change = await this.subscriptions.ensure(
          {
            platform,
            workspaceId: null,
            channelId,
            cron: check.cron,
            timezone: check.timezone,
            lang: DEFAULT_LANG,
            createdBy: CONFIGURED_BY,
          },
          this.clock.now(),
        );
        if (change !== 'unchanged')
          this.logger.info({ platform, channelId, change, cron: check.cron }, 'configured digest');
      }
    }
  }

  /**
   * A scheduler over this store, not started: `startScheduler` runs one on node-cron's
   * minutes; tests and benchmarks call its `tick(now)` themselves, with their own clock or
   * retry policy where they need one.
   */
  scheduler(
    posters: readonly Poster[],
    options: Partial<Pick<SchedulerDeps, 'clock' | 'logger' | 'retry' | 'leaseMs'>> = {},
  ): DigestScheduler {
    return new DigestScheduler({
      story: this.story,
      subscriptions: this.subscriptions,
      ledger: this.ledger,
      rateBudget: this.store.rateBudget,
      health: this.health,
      posters: new Map(posters.map((poster) => [poster.platform, poster])),
      clock: this.clock,
      logger: this.logger.child({ component: 'digest' }),
      catchUpMinutes: this.config.DIGEST_CATCHUP_MINUTES,
      ...options,
    });
  }

  /**
   * Starts posting digests through the platforms that can, and meanwhile asks each platform
   * whose its configured channels are, so `list` can show them to their own workspace.
   */
  startScheduler(posters: readonly Poster[]): void {
    if (posters.length === 0) return;
    this.#scheduler = this.scheduler(posters);
    this.#scheduler.start();
    this.#learning = this.learnWorkspaces(posters).catch((err) =>
      this.logger.warn({ err }, 'could not learn the workspaces of configured digest channels'),
    );
  }

  /**
   * Records the workspace of each channel configured by id alone, as its platform reports it.
   * A channel the platform cannot place stays unlisted (and its posts will say what is wrong).
   */
  async learnWorkspaces(posters: readonly Poster[]): Promise<number> {
    let learned = 0;
    for (const poster of posters) {
      for (const sub of await this.subscriptions.withoutWorkspace(poster.platform)) {
        const workspaceId = await poster.workspaceOf(sub.channelId);
        if (workspaceId === undefined) {
          this.logger.warn(
            { platform: poster.platform, channelId: sub.channelId },
            'configured digest channel: the platform did not say whose it is, so no admin sees it in list',
          );
          continue;
        }
        if (await this.subscriptions.learnWorkspace(poster.platform, sub.channelId, workspaceId))
          learned += 1;
      }
    }
    return learned;
  }

  /** Stops ticking and lets deliveries in flight finish; the platforms must still be up. */
  async stopScheduler(): Promise<void> {
    await this.#learning;
    await this.#scheduler?.stop();
    this.#scheduler = undefined;
  }

  /** Readiness's "the database is reachable": a trivial query on whichever engine is open. */
  ping(): Promise<void> {
    return this.store.ping();
  }

  /** Closes the store, once the platforms no longer take admin commands. */
  close(): Promise<void> {
    return this.store.close();
  }
}
