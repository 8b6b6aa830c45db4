import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import pRetry from 'p-retry';
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
import { whenNotBusy } from './busy-retry.js';

/**
 * A lock's lease: longer than any work done under it (one refresh call, 10 s at most), so it
 * only runs out when its holder died; then the next process takes it over.
 */
const LOCK_LEASE_MS = 30_000;
/** How long a waiter waits for a lock before giving up (the holder is stuck, or dead). */
const LOCK_WAIT_MS = 35_000;
const LOCK_POLL_MS = 20;

/**
 * A workspace install by its team (team ids are unique across Slack, Grid or not), an org-wide
 * install (no team) by its enterprise. `IS` compares NULL with NULL as equal.
 */
const BY_KEY = 'team_id IS @teamId AND (@teamId IS NOT NULL OR enterprise_id IS @enterpriseId)';

/** Another process holds the lock (the last one is what a waiter that gives up throws). */
class LockHeld extends Error {
  constructor(name: string) {
    super(`timed out waiting for the lock ${name}`);
  }
}

/** Slack installations in SQLite. */
export class SqliteSlackInstallationStore implements SlackInstallationStore {
  constructor(
    private readonly db: Database,
    private readonly now: () => number = Date.now,
  ) {}

  save(installation: StoredSlackInstallation, bot: StoredSlackBot | undefined): Promise<void> {
    return whenNotBusy(() =>
      this.db
        .transaction(() => {
          this.db
            .prepare(
              `INSERT INTO slack_installations (enterprise_id, team_id, user_id,
                 is_enterprise_install, data, installed_at) VALUES (?, ?, ?, ?, ?, ?)`,
            )
            .run(
              installation.enterpriseId,
              installation.teamId,
              installation.userId,
              installation.isEnterpriseInstall ? 1 : 0,
              installation.data,
              installation.installedAt.getTime(),
            );
          if (!bot) return;
          this.db
            .prepare(
              `INSERT INTO slack_bots (enterprise_id, team_id, is_enterprise_install, app_id,
                 bot_id, bot_user_id, bot_scopes, bot_token, bot_refresh_token,
                 bot_token_expires_at, installed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
            )
            .run(
              bot.enterpriseId,
              bot.teamId,
              bot.isEnterpriseInstall ? 1 : 0,
              bot.appId,
              bot.botId,
              bot.botUserId,
              bot.botScopes.join(','),
              bot.botToken,
              bot.botRefreshToken,
              bot.botTokenExpiresAt?.getTime() ?? null,
              bot.installedAt.getTime(),
            );
        })
        .immediate(),
    );
  }

  findInstallation(key: SlackInstallationKey): Promise<StoredSlackInstallation | undefined> {
    const { enterpriseId, teamId } = lookupOf(key);
    const byUser = key.userId === undefined ? '' : 'AND user_id = @userId';
    return whenNotBusy(() => {
      const row = this.db
        .prepare(
          `SELECT * FROM slack_installations
           WHERE ${BY_KEY} ${byUser}
           ORDER BY installed_at DESC, id DESC LIMIT 1`,
        )
        .get({ enterpriseId, teamId, userId: key.userId }) as SlackInstallationRow | undefined;
      return row ? slackInstallationFromRow(row) : undefined;
    });
  }

  findBot(key: SlackInstallationKey): Promise<StoredSlackBot | undefined> {
    const { enterpriseId, teamId } = lookupOf(key);
    return whenNotBusy(() => {
      const row = this.db
        .prepare(
          `SELECT * FROM slack_bots WHERE ${BY_KEY}
           ORDER BY installed_at DESC, id DESC LIMIT 1`,
        )
        .get({ enterpriseId, teamId }) as SlackBotRow | undefined;
      return row ? slackBotFromRow(row) : undefined;
    });
  }

  updateBotToken(
    botRowId: number,
    expectedRefreshToken: string,
    refreshed: RefreshedSlackBotToken,
  ): Promise<boolean> {
    return whenNotBusy(() => {
      const result = this.db
        .prepare(
          `UPDATE slack_bots SET bot_token = ?, bot_refresh_token = ?, bot_token_expires_at = ?
           WHERE id = ? AND bot_refresh_token = ?`,
        )
        .run(
          refreshed.botToken,
          refreshed.botRefreshToken,
          refreshed.botTokenExpiresAt.getTime(),
          botRowId,
          expectedRefreshToken,
        );
      return result.changes === 1;
    });
  }

  resealBot(
    botRowId: number,
    expectedBotToken: string,
    sealed: { botToken: string; botRefreshToken: string | null },
  ): Promise<boolean> {
    return whenNotBusy(
      () =>
        this.db
          .prepare(
            'UPDATE slack_bots SET bot_token = ?, bot_refresh_token = ? WHERE id = ? AND bot_token = ?',
          )
          .run(sealed.botToken, sealed.botRefreshToken, botRowId, expectedBotToken).changes === 1,
    );
  }

  deleteInstallations(key: SlackInstallationKey): Promise<number> {
    const { enterpriseId, teamId } = lookupOf(key);
    const byUser = key.userId === undefined ? '' : 'AND user_id = @userId';
    return whenNotBusy(
      () =>
        this.db
          .prepare(
            `DELETE FROM slack_installations
             WHERE ${BY_KEY} ${byUser}`,
          )
          .run({ enterpriseId, teamId, userId: key.userId }).changes,
    );
  }

  deleteBots(key: SlackInstallationKey): Promise<number> {
    const { enterpriseId, teamId } = lookupOf(key);
    return whenNotBusy(
      () =>
        this.db.prepare(`DELETE FROM slack_bots WHERE ${BY_KEY}`).run({ enterpriseId, teamId })
          .changes,
    );
  }

  rememberEnterpriseTeam(teamId: string, enterpriseId: string): Promise<void> {
    return whenNotBusy(() => {
      this.db
        .prepare(
          `INSERT INTO slack_enterprise_teams (team_id, enterprise_id) VALUES (?, ?)
           ON CONFLICT (team_id) DO UPDATE SET enterprise_id = excluded.enterprise_id`,
        )
        .run(teamId, enterpriseId);
    });
  }

  enterpriseOfTeam(teamId: string): Promise<string | undefined> {
    return whenNotBusy(
      () =>
        (
          this.db
            .prepare('SELECT enterprise_id FROM slack_enterprise_teams WHERE team_id = ?')
            .get(teamId) as { enterprise_id: string } | undefined
        )?.enterprise_id,
    );
  }

  teamsOfEnterprise(enterpriseId: string): Promise<string[]> {
    return whenNotBusy(() =>
      (
        this.db
          .prepare(
            'SELECT team_id FROM slack_enterprise_teams WHERE enterprise_id = ? ORDER BY team_id',
          )
          .all(enterpriseId) as { team_id: string }[]
      ).map((row) => row.team_id),
    );
  }

  putState(state: string, expiresAt: Date, now: Date): Promise<void> {
    return whenNotBusy(() => {
      // Expired states go as new ones come, so the table stays as small as the flows in progress.
      this.db.prepare('DELETE FROM slack_oauth_states WHERE expires_at <= ?').run(now.getTime());
      this.db
        .prepare('INSERT INTO slack_oauth_states (state, expires_at) VALUES (?, ?)')
        .run(state, expiresAt.getTime());
    });
  }

  consumeState(state: string, now: Date): Promise<boolean> {
    return whenNotBusy(() => {
      const row = this.db
        .prepare('DELETE FROM slack_oauth_states WHERE state = ? RETURNING expires_at')
        .get(state) as { expires_at: number } | undefined;
      return row !== undefined && row.expires_at > now.getTime();
    });
  }

  /**
   * SQLite cannot hold a transaction across an await on a shared connection, so the lock is a
   * row with a lease: taken when absent or expired, given back by its holder alone.
   */
  async withLock<T>(name: string, work: () => Promise<T>): Promise<T> {
    const holder = randomUUID();
    // Nothing to wait on in SQLite: poll at a steady pace until the holder gives it back.
    await pRetry(
      async () => {
        if (!(await this.#tryLock(name, holder))) throw new LockHeld(name);
      },
      {
        retries: Number.POSITIVE_INFINITY,
        minTimeout: LOCK_POLL_MS,
        maxTimeout: LOCK_POLL_MS,
        maxRetryTime: LOCK_WAIT_MS,
        shouldRetry: ({ error }) => error instanceof LockHeld,
      },
    );
    try {
      return await work();
    } finally {
      await whenNotBusy(() =>
        this.db.prepare('DELETE FROM locks WHERE name = ? AND holder = ?').run(name, holder),
      );
    }
  }

  #tryLock(name: string, holder: string): Promise<boolean> {
    return whenNotBusy(() => {
      const now = this.now();
      const result = this.db
        .prepare(
          `INSERT INTO locks (name, holder, until) VALUES (@name, @holder, @until)
           ON CONFLICT (name) DO UPDATE SET holder = @holder, until = @until
           WHERE locks.until < @now`,
        )
        .run({ name, holder, until: now + LOCK_LEASE_MS, now });
      return result.changes === 1;
    });
  }
}
