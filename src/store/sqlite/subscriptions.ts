import type { Database } from 'better-sqlite3';
import type { Platform } from '../../schedule/poster.js';
import type { Subscription, SubscriptionInput, SubscriptionStore } from '../contract.js';
import {
  type SubscriptionRow,
  sameSchedule,
  subscriptionFromRow,
  subscriptionInsertValues,
} from '../rows.js';
import { whenNotBusy } from './busy-retry.js';

/**
 * Digest subscriptions in SQLite. Every method is async: a step that finds another process
 * holding the write lock waits between event-loop turns (see whenNotBusy).
 */
export class SqliteSubscriptionStore implements SubscriptionStore {
  constructor(private readonly db: Database) {}

  /**
   * Creates the channel's subscription, or replaces its schedule. Either way the schedule starts
   * after `now` and a paused subscription is resumed: subscribing again is how an admin says
   * "try again" after fixing the channel.
   */
  upsert(
    input: SubscriptionInput,
    now: Date,
  ): Promise<{ subscription: Subscription; created: boolean }> {
    return whenNotBusy(() => this.db.transaction(() => this.#upsert(input, now)).immediate());
  }

  #upsert(input: SubscriptionInput, now: Date): { subscription: Subscription; created: boolean } {
    const existing = this.#find(input.platform, input.channelId);
    const at = now.getTime();
    if (existing) {
      this.db
        .prepare(
          `UPDATE subscriptions SET cron = ?, timezone = ?, lang = ?, workspace_id = COALESCE(?, workspace_id),
             schedule_from = ?, checked_until = MAX(checked_until, ?), paused_reason = NULL, paused_at = NULL
           WHERE id = ?`,
        )
        .run(input.cron, input.timezone, input.lang, input.workspaceId, at, at, existing.id);
    } else {
      this.db
        .prepare(
          `INSERT INTO subscriptions (platform, workspace_id, channel_id, cron, timezone, lang,
             created_by, created_at, schedule_from, checked_until)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(...subscriptionInsertValues(input, now), at, at);
    }
    const subscription = this.#find(input.platform, input.channelId);
    if (!subscription) throw new Error('subscription vanished while being saved');
    return { subscription, created: !existing };
  }

  /**
   * For subscriptions from configuration: creates the channel's subscription, or changes it only
   * where the schedule or language differs, so a restart never moves a schedule's start (which
   * would lose the slots missed while the bot was down). A paused one is resumed: restarting
   * after fixing a token or a channel permission is how an operator says "try again".
   */
  ensure(
    input: SubscriptionInput,
    now: Date,
  ): Promise<'created' | 'updated' | 'resumed' | 'unchanged'> {
    return whenNotBusy(() =>
      this.db
        .transaction(() => {
          const existing = this.#find(input.platform, input.channelId);
          if (existing && sameSchedule(existing, input)) {
            if (existing.pausedReason === null) return 'unchanged' as const;
            this.db
              .prepare(
                'UPDATE subscriptions SET paused_reason = NULL, paused_at = NULL WHERE id = ?',
              )
              .run(existing.id);
            return 'resumed' as const;
          }
          return this.#upsert(input, now).created ? ('created' as const) : ('updated' as const);
        })
        .immediate(),
    );
  }

  /** Removes configured subscriptions whose channel is no longer configured. */
  removeConfiguredExcept(
    platform: Platform,
    createdBy: string,
    keep: readonly string[],
  ): Promise<number> {
    return whenNotBusy(() =>
      this.db
        .transaction(() => {
          const rows = this.db
            .prepare('SELECT channel_id FROM subscriptions WHERE platform = ? AND created_by = ?')
            .all(platform, createdBy) as { channel_id: string }[];
          let removed = 0;
          for (const { channel_id } of rows) {
            if (!keep.includes(channel_id) && this.#remove(platform, channel_id)) removed += 1;
          }
          return removed;
        })
        .immediate(),
    );
  }

  find(platform: Platform, channelId: string): Promise<Subscription | undefined> {
    return whenNotBusy(() => this.#find(platform, channelId));
  }

  #find(platform: Platform, channelId: string): Subscription | undefined {
    const row = this.db
      .prepare('SELECT * FROM subscriptions WHERE platform = ? AND channel_id = ?')
      .get(platform, channelId) as SubscriptionRow | undefined;
    return row ? subscriptionFromRow(row) : undefined;
  }

  get(id: number): Promise<Subscription | undefined> {
    return whenNotBusy(() => {
      const row = this.db.prepare('SELECT * FROM subscriptions WHERE id = ?').get(id) as
        | SubscriptionRow
        | undefined;
      return row ? subscriptionFromRow(row) : undefined;
    });
  }

  remove(platform: Platform, channelId: string): Promise<boolean> {
    return whenNotBusy(() => this.#remove(platform, channelId));
  }

  #remove(platform: Platform, channelId: string): boolean {
    return (
      this.db
        .prepare('DELETE FROM subscriptions WHERE platform = ? AND channel_id = ?')
        .run(platform, channelId).changes > 0
    );
  }

  /**
   * One workspace's subscriptions, and no one else's. A channel configured by id alone has no
   * workspace until the platform tells us whose it is (`learnWorkspace`): until then it is listed
   * to nobody, since any server's admin could otherwise read another server's channels.
   */
  listForWorkspace(platform: Platform, workspaceId: string | null): Promise<Subscription[]> {
    if (workspaceId === null) return Promise.resolve([]);
    return whenNotBusy(() => {
      const rows = this.db
        .prepare(
          'SELECT * FROM subscriptions WHERE platform = ? AND workspace_id = ? ORDER BY channel_id',
        )
        .all(platform, workspaceId) as SubscriptionRow[];
      return rows.map(subscriptionFromRow);
    });
  }

  /** Subscriptions whose workspace is not known yet (configured by channel id alone). */
  withoutWorkspace(platform: Platform): Promise<Subscription[]> {
    return whenNotBusy(() => {
      const rows = this.db
        .prepare('SELECT * FROM subscriptions WHERE platform = ? AND workspace_id IS NULL')
        .all(platform) as SubscriptionRow[];
      return rows.map(subscriptionFromRow);
    });
  }

  /** Records whose a channel is, as the platform said; never moves a channel between workspaces. */
  learnWorkspace(platform: Platform, channelId: string, workspaceId: string): Promise<boolean> {
    return whenNotBusy(
      () =>
        this.db
          .prepare(
            `UPDATE subscriptions SET workspace_id = ?
             WHERE platform = ? AND channel_id = ? AND workspace_id IS NULL`,
          )
          .run(workspaceId, platform, channelId).changes > 0,
    );
  }

  active(platforms: readonly Platform[]): Promise<Subscription[]> {
    if (platforms.length === 0) return Promise.resolve([]);
    return whenNotBusy(() => {
      const rows = this.db
        .prepare(
          `SELECT * FROM subscriptions WHERE paused_reason IS NULL
           AND platform IN (${platforms.map(() => '?').join(', ')}) ORDER BY id`,
        )
        .all(...platforms) as SubscriptionRow[];
      return rows.map(subscriptionFromRow);
    });
  }

  pause(id: number, reason: string, now: Date): Promise<void> {
    return whenNotBusy(() => {
      this.db
        .prepare('UPDATE subscriptions SET paused_reason = ?, paused_at = ? WHERE id = ?')
        .run(reason, now.getTime(), id);
    });
  }

  pauseWorkspace(
    platform: Platform,
    workspaceId: string,
    reason: string,
    now: Date,
  ): Promise<number> {
    return whenNotBusy(
      () =>
        this.db
          .prepare(
            `UPDATE subscriptions SET paused_reason = ?, paused_at = ?
             WHERE platform = ? AND workspace_id = ? AND paused_reason IS NULL`,
          )
          .run(reason, now.getTime(), platform, workspaceId).changes,
    );
  }

  resumeWorkspace(platform: Platform, workspaceId: string, reason: string): Promise<number> {
    return whenNotBusy(
      () =>
        this.db
          .prepare(
            `UPDATE subscriptions SET paused_reason = NULL, paused_at = NULL
             WHERE platform = ? AND workspace_id = ? AND paused_reason = ?`,
          )
          .run(platform, workspaceId, reason).changes,
    );
  }

  markChecked(ids: readonly number[], until: Date): Promise<void> {
    const update = this.db.prepare(
      'UPDATE subscriptions SET checked_until = MAX(checked_until, ?) WHERE id = ?',
    );
    return whenNotBusy(() =>
      this.db
        .transaction(() => {
          for (const id of ids) update.run(until.getTime(), id);
        })
        .immediate(),
    );
  }
}
