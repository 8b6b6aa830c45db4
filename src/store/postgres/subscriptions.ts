import type pg from 'pg';
import type { Platform } from '../../schedule/poster.js';
import type { Subscription, SubscriptionInput, SubscriptionStore } from '../contract.js';
import {
  type SubscriptionRow,
  sameSchedule,
  subscriptionFromRow,
  subscriptionInsertValues,
} from '../rows.js';
import { inTransaction } from './connect.js';

type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>;

/** Inserts or replaces a schedule in one statement; `created` tells which (xmax is 0 on insert). */
const UPSERT = `
  INSERT INTO subscriptions (platform, workspace_id, channel_id, cron, timezone, lang,
    created_by, created_at, schedule_from, checked_until)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $8)
  ON CONFLICT (platform, channel_id) DO UPDATE SET
    cron = EXCLUDED.cron, timezone = EXCLUDED.timezone, lang = EXCLUDED.lang,
    workspace_id = COALESCE(EXCLUDED.workspace_id, subscriptions.workspace_id),
    schedule_from = EXCLUDED.schedule_from,
    checked_until = GREATEST(subscriptions.checked_until, EXCLUDED.checked_until),
    paused_reason = NULL, paused_at = NULL
  RETURNING *, (xmax = 0) AS created`;

/** Digest subscriptions in PostgreSQL; the same behaviour as the SQLite engine, statement for statement. */
export class PostgresSubscriptionStore implements SubscriptionStore {
  constructor(private readonly pool: pg.Pool) {}

  async upsert(
    input: SubscriptionInput,
    now: Date,
  ): Promise<{ subscription: Subscription; created: boolean }> {
    const { rows } = await this.pool.query<SubscriptionRow & { created: boolean }>(UPSERT, [
      ...subscriptionInsertValues(input, now),
    ]);
    const row = rows[0];
    if (!row) throw new Error('subscription vanished while being saved');
    return { subscription: subscriptionFromRow(row), created: row.created };
  }

  ensure(
    input: SubscriptionInput,
    now: Date,
  ): Promise<'created' | 'updated' | 'resumed' | 'unchanged'> {
    return inTransaction(this.pool, async (client) => {
      // Replicas starting together all ensure the same channels: the row lock orders them, and
      // all but the first find it unchanged (so nobody moves the schedule's start).
      const inserted = await client.query(
        `INSERT INTO subscriptions (platform, workspace_id, channel_id, cron, timezone, lang,
           created_by, created_at, schedule_from, checked_until)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $8)
         ON CONFLICT (platform, channel_id) DO NOTHING`,
        [...subscriptionInsertValues(input, now)],
      );
      if (inserted.rowCount === 1) return 'created' as const;
      const existing = await this.#find(client, input.platform, input.channelId, 'FOR UPDATE');
      if (existing && sameSchedule(existing, input)) {
        if (existing.pausedReason === null) return 'unchanged' as const;
        await client.query(
          'UPDATE subscriptions SET paused_reason = NULL, paused_at = NULL WHERE id = $1',
          [existing.id],
        );
        return 'resumed' as const;
      }
      await client.query(UPSERT, [...subscriptionInsertValues(input, now)]);
      return 'updated' as const;
    });
  }

  async removeConfiguredExcept(
    platform: Platform,
    createdBy: string,
    keep: readonly string[],
  ): Promise<number> {
    const result = await this.pool.query(
      `DELETE FROM subscriptions
       WHERE platform = $1 AND created_by = $2 AND NOT (channel_id = ANY($3::text[]))`,
      [platform, createdBy, [...keep]],
    );
    return result.rowCount ?? 0;
  }

  find(platform: Platform, channelId: string): Promise<Subscription | undefined> {
    return this.#find(this.pool, platform, channelId);
  }

  async #find(
    db: Queryable,
    platform: Platform,
    channelId: string,
    lock: '' | 'FOR UPDATE' = '',
  ): Promise<Subscription | undefined> {
    const { rows } = await db.query<SubscriptionRow>(
      `SELECT * FROM subscriptions WHERE platform = $1 AND channel_id = $2 ${lock}`,
      [platform, channelId],
    );
    return rows[0] ? subscriptionFromRow(rows[0]) : undefined;
  }

  async get(id: number): Promise<Subscription | undefined> {
    const { rows } = await this.pool.query<SubscriptionRow>(
      'SELECT * FROM subscriptions WHERE id = $1',
      [id],
    );
    return rows[0] ? subscriptionFromRow(rows[0]) : undefined;
  }

  async remove(platform: Platform, channelId: string): Promise<boolean> {
    const result = await this.pool.query(
      'DELETE FROM subscriptions WHERE platform = $1 AND channel_id = $2',
      [platform, channelId],
    );
    return (result.rowCount ?? 0) > 0;
  }

  async listForWorkspace(platform: Platform, workspaceId: string | null): Promise<Subscription[]> {
    if (workspaceId === null) return [];
    // COLLATE "C": the same byte order SQLite sorts by, whatever the database's locale.
    const { rows } = await this.pool.query<SubscriptionRow>(
      `SELECT * FROM subscriptions WHERE platform = $1 AND workspace_id = $2
       ORDER BY channel_id COLLATE "C"`,
      [platform, workspaceId],
    );
    return rows.map(subscriptionFromRow);
  }

  async withoutWorkspace(platform: Platform): Promise<Subscription[]> {
    const { rows } = await this.pool.query<SubscriptionRow>(
      'SELECT * FROM subscriptions WHERE platform = $1 AND workspace_id IS NULL ORDER BY id',
      [platform],
    );
    return rows.map(subscriptionFromRow);
  }

  async learnWorkspace(
    platform: Platform,
    channelId: string,
    workspaceId: string,
  ): Promise<boolean> {
    const result = await this.pool.query(
      `UPDATE subscriptions SET workspace_id = $1
       WHERE platform = $2 AND channel_id = $3 AND workspace_id IS NULL`,
      [workspaceId, platform, channelId],
    );
    return (result.rowCount ?? 0) > 0;
  }

  async active(platforms: readonly Platform[]): Promise<Subscription[]> {
    if (platforms.length === 0) return [];
    const { rows } = await this.pool.query<SubscriptionRow>(
      `SELECT * FROM subscriptions WHERE paused_reason IS NULL AND platform = ANY($1::text[])
       ORDER BY id`,
      [[...platforms]],
    );
    return rows.map(subscriptionFromRow);
  }

  async pause(id: number, reason: string, now: Date): Promise<void> {
    await this.pool.query(
      'UPDATE subscriptions SET paused_reason = $1, paused_at = $2 WHERE id = $3',
      [reason, now.getTime(), id],
    );
  }

  async pauseWorkspace(
    platform: Platform,
    workspaceId: string,
    reason: string,
    now: Date,
  ): Promise<number> {
    const result = await this.pool.query(
      `UPDATE subscriptions SET paused_reason = $1, paused_at = $2
       WHERE platform = $3 AND workspace_id = $4 AND paused_reason IS NULL`,
      [reason, now.getTime(), platform, workspaceId],
    );
    return result.rowCount ?? 0;
  }

  async resumeWorkspace(platform: Platform, workspaceId: string, reason: string): Promise<number> {
    const result = await this.pool.query(
      `UPDATE subscriptions SET paused_reason = NULL, paused_at = NULL
       WHERE platform = $1 AND workspace_id = $2 AND paused_reason = $3`,
      [platform, workspaceId, reason],
    );
    return result.rowCount ?? 0;
  }

  async markChecked(ids: readonly number[], until: Date): Promise<void> {
    if (ids.length === 0) return;
    await this.pool.query(
      `UPDATE subscriptions SET checked_until = GREATEST(checked_until, $1)
       WHERE id = ANY($2::bigint[])`,
      [until.getTime(), [...ids]],
    );
  }
}
