import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Database } from 'better-sqlite3';
import type { Config } from '../config.js';
import type { Story } from '../core/index.js';
import type { Logger } from '../logger.js';
import { DigestAdmin } from './admin.js';
import { type Clock, systemClock } from './clock.js';
import { openDatabase } from './database.js';
import { DeliveryLedger } from './deliveries.js';
import type { Platform, Poster } from './poster.js';
import { checkSchedule } from './schedule-spec.js';
import { DigestScheduler } from './scheduler.js';
import { SubscriptionStore } from './subscriptions.js';

/** `created_by` of subscriptions that come from DIGEST_CRON and the *_DIGEST_CHANNELS lists. */
export const CONFIGURED_BY = 'config';

/** Everything digests need, opened once at start-up when a platform runs. */
export class Digests {
  readonly db: Database;
  readonly subscriptions: SubscriptionStore;
  readonly ledger: DeliveryLedger;
  readonly admin: DigestAdmin;
  #scheduler: DigestScheduler | undefined;

  constructor(
    private readonly config: Config,
    private readonly story: Story,
    private readonly logger: Logger,
    private readonly clock: Clock = systemClock,
  ) {
    this.db = openDatabase(config.DATABASE_PATH);
    this.subscriptions = new SubscriptionStore(this.db);
    // Unique per process, so two bots on one database file can tell their claims apart.
    this.ledger = new DeliveryLedger(
      this.db,
      `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`,
    );
    this.admin = new DigestAdmin({
      story,
      subscriptions: this.subscriptions,
      ledger: this.ledger,
      clock,
    });
    this.#applyConfiguredSubscriptions();
  }

  #applyConfiguredSubscriptions(): void {
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
      const removed = this.subscriptions.removeConfiguredExcept(platform, CONFIGURED_BY, channels);
      if (removed) this.logger.info({ platform, removed }, 'configured digest channels removed');
      // Config validation has already refused a bad DIGEST_CRON; this only narrows the type.
      if (!check?.ok) continue;
      for (const channelId of channels) {
        const change = this.subscriptions.ensure(
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

  /** Starts posting digests through the platforms that can. */
  startScheduler(posters: readonly Poster[]): void {
    if (posters.length === 0) return;
    this.#scheduler = new DigestScheduler({
      story: this.story,
      subscriptions: this.subscriptions,
      ledger: this.ledger,
      posters: new Map(posters.map((poster) => [poster.platform, poster])),
      clock: this.clock,
      logger: this.logger.child({ component: 'digest' }),
      catchUpMinutes: this.config.DIGEST_CATCHUP_MINUTES,
    });
    this.#scheduler.start();
  }

  /** Stops ticking and lets deliveries in flight finish; the platforms must still be up. */
  async stopScheduler(): Promise<void> {
    await this.#scheduler?.stop();
    this.#scheduler = undefined;
  }

  /** Closes the database, once the platforms no longer take admin commands. */
  close(): void {
    this.db.close();
  }
}
