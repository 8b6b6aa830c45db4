import type pg from 'pg';
// Both engines implement one contract, so they import the same types from it (alike by design).
import type {
  RefreshedSlackBotToken,
  SlackInstallationKey,
  SlackInstallationStore,
  StoredSlackBot,
  StoredSlackInstallation,
} from '../contract.js';
import {
  lookupOf,
  type SlackBotRow,
  type SlackInstallationRow,
  slackBotFromRow,
  slackInstallationFromRow,
} from '../rows.js';
import { inTransaction } from './connect.js';

/** Give up waiting for another replica's lock after this (its holder is stuck). */
const LOCK_WAIT_MS = 35_000;

/**
 * A workspace install by its team (team ids are unique across Slack, Grid or not), an org-wide
 * install (no team) by its enterprise. `IS NOT DISTINCT FROM` is SQLite's `IS`.
 */
const BY_KEY =
  'team_id IS NOT DISTINCT FROM $2 AND ($2::text IS NOT NULL OR enterprise_id IS NOT DISTINCT FROM $1)';

/** Slack installations in PostgreSQL, the same statements as SQLite's. */
export class PostgresSlackInstallationStore implements SlackInstallationStore {
  constructor(private readonly pool: pg.Pool) {}

  save(installation: StoredSlackInstallation, bot: StoredSlackBot | undefined): Promise<void> {
    return inTransaction(this.pool, async (client) => {
      await client.query(
        `INSERT INTO slack_installations (enterprise_id, team_id, user_id,
           is_enterprise_install, data, installed_at) VALUES ($1, $2, $3, $4, $5, $6)`,
        [
          installation.enterpriseId,
          installation.teamId,
          installation.userId,
          installation.isEnterpriseInstall,
          installation.data,
          installation.installedAt.getTime(),
        ],
      );
      if (!bot) return;
      await client.query(
        `INSERT INTO slack_bots (enterprise_id, team_id, is_enterprise_install, app_id,
           bot_id, bot_user_id, bot_scopes, bot_token, bot_refresh_token,
           bot_token_expires_at, installed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [
          bot.enterpriseId,
          bot.teamId,
          bot.isEnterpriseInstall,
          bot.appId,
          bot.botId,
          bot.botUserId,
          bot.botScopes.join(','),
          bot.botToken,
          bot.botRefreshToken,
          bot.botTokenExpiresAt?.getTime() ?? null,
          bot.installedAt.getTime(),
        ],
      );
    });
  }

  async findInstallation(key: SlackInstallationKey): Promise<StoredSlackInstallation | undefined> {
    const { enterpriseId, teamId } = lookupOf(key);
    const params: unknown[] = [enterpriseId, teamId];
    if (key.userId !== undefined) params.push(key.userId);
    const { rows } = await this.pool.query<SlackInstallationRow>(
      `SELECT * FROM slack_installations
       WHERE ${BY_KEY}
       ${key.userId === undefined ? '' : 'AND user_id = $3'}
       ORDER BY installed_at DESC, id DESC LIMIT 1`,
      params,
    );
    return rows[0] ? slackInstallationFromRow(rows[0]) : undefined;
  }

  async findBot(key: SlackInstallationKey): Promise<StoredSlackBot | undefined> {
    const { enterpriseId, teamId } = lookupOf(key);
    const { rows } = await this.pool.query<SlackBotRow>(
      `SELECT * FROM slack_bots
       WHERE ${BY_KEY}
       ORDER BY installed_at DESC, id DESC LIMIT 1`,
      [enterpriseId, teamId],
    );
    return rows[0] ? slackBotFromRow(rows[0]) : undefined;
  }

  async updateBotToken(
    botRowId: number,
    expectedRefreshToken: string,
    refreshed: RefreshedSlackBotToken,
  ): Promise<boolean> {
    const result = await this.pool.query(
      `UPDATE slack_bots SET bot_token = $1, bot_refresh_token = $2, bot_token_expires_at = $3
       WHERE id = $4 AND bot_refresh_token = $5`,
      [
        refreshed.botToken,
        refreshed.botRefreshToken,
        refreshed.botTokenExpiresAt.getTime(),
        botRowId,
        expectedRefreshToken,
      ],
    );
    return result.rowCount === 1;
  }

  async resealBot(
    botRowId: number,
    expectedBotToken: string,
    sealed: { botToken: string; botRefreshToken: string | null },
  ): Promise<boolean> {
    const result = await this.pool.query(
      'UPDATE slack_bots SET bot_token = $1, bot_refresh_token = $2 WHERE id = $3 AND bot_token = $4',
      [sealed.botToken, sealed.botRefreshToken, botRowId, expectedBotToken],
    );
    return result.rowCount === 1;
  }

  async deleteInstallations(key: SlackInstallationKey): Promise<number> {
    const { enterpriseId, teamId } = lookupOf(key);
    const params: unknown[] = [enterpriseId, teamId];
    if (key.userId !== undefined) params.push(key.userId);
    const result = await this.pool.query(
      `DELETE FROM slack_installations
       WHERE ${BY_KEY}
       ${key.userId === undefined ? '' : 'AND user_id = $3'}`,
      params,
    );
    return result.rowCount ?? 0;
  }

  async deleteBots(key: SlackInstallationKey): Promise<number> {
    const { enterpriseId, teamId } = lookupOf(key);
    const result = await this.pool.query(
      `DELETE FROM slack_bots
       WHERE ${BY_KEY}`,
      [enterpriseId, teamId],
    );
    return result.rowCount ?? 0;
  }

  async rememberEnterpriseTeam(teamId: string, enterpriseId: string): Promise<void> {
    await this.pool.query(
      `INSERT INTO slack_enterprise_teams (team_id, enterprise_id) VALUES ($1, $2)
       ON CONFLICT (team_id) DO UPDATE SET enterprise_id = EXCLUDED.enterprise_id`,
      [teamId, enterpriseId],
    );
  }

  async enterpriseOfTeam(teamId: string): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ enterprise_id: string }>(
      'SELECT enterprise_id FROM slack_enterprise_teams WHERE team_id = $1',
      [teamId],
    );
    return rows[0]?.enterprise_id;
  }

  async teamsOfEnterprise(enterpriseId: string): Promise<string[]> {
    // COLLATE "C": the same byte order SQLite sorts by.
    const { rows } = await this.pool.query<{ team_id: string }>(
      'SELECT team_id FROM slack_enterprise_teams WHERE enterprise_id = $1 ORDER BY team_id COLLATE "C"',
      [enterpriseId],
    );
    return rows.map((row) => row.team_id);
  }

  async putState(state: string, expiresAt: Date, now: Date): Promise<void> {
    // Expired states go as new ones come, so the table stays as small as the flows in progress.
    await this.pool.query('DELETE FROM slack_oauth_states WHERE expires_at <= $1', [now.getTime()]);
    await this.pool.query('INSERT INTO slack_oauth_states (state, expires_at) VALUES ($1, $2)', [
      state,
      expiresAt.getTime(),
    ]);
  }

  async consumeState(state: string, now: Date): Promise<boolean> {
    const { rows } = await this.pool.query<{ expires_at: number }>(
      'DELETE FROM slack_oauth_states WHERE state = $1 RETURNING expires_at',
      [state],
    );
    const row = rows[0];
    return row !== undefined && row.expires_at > now.getTime();
  }

  /**
   * A transaction-level advisory lock on one pooled connection, held while `work` runs: other
   * replicas queue on it, and it ends with the transaction, or with the connection if this
   * process dies mid-way.
   */
  withLock<T>(name: string, work: () => Promise<T>): Promise<T> {
    return inTransaction(this.pool, async (client) => {
      await client.query(`SET LOCAL lock_timeout = ${LOCK_WAIT_MS}`);
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [name]);
      return work();
    });
  }
}
