import type { Database } from 'better-sqlite3';
import { SchemaTooNewError } from '../schema-too-new.js';

/**
 * Versioned schema changes, applied in order at start-up inside one transaction; the
 * database's `user_version` records how far it has come. Never edit a released step: add one.
 * Times are milliseconds since the epoch (UTC), which SQLite compares as plain integers.
 *
 * Column for column like postgres/migrations.ts by design: one schema in two dialects.
 */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE subscriptions (
     id            INTEGER PRIMARY KEY,
     platform      TEXT    NOT NULL CHECK (platform IN ('discord', 'slack')),
     workspace_id  TEXT,
     channel_id    TEXT    NOT NULL,
     cron          TEXT    NOT NULL,
     timezone      TEXT    NOT NULL,
     lang          TEXT    NOT NULL CHECK (lang IN ('en', 'ja')),
     created_by    TEXT    NOT NULL,
     created_at    INTEGER NOT NULL,
     schedule_from INTEGER NOT NULL,
     checked_until INTEGER NOT NULL,
     paused_reason TEXT,
     paused_at     INTEGER,
     UNIQUE (platform, channel_id)
   );
   CREATE TABLE deliveries (
     id              INTEGER PRIMARY KEY,
     subscription_id INTEGER NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
     slot            INTEGER NOT NULL,
     status          TEXT    NOT NULL CHECK (status IN ('claimed', 'sent', 'retrying', 'failed', 'missed')),
     owner           TEXT,
     lease_until     INTEGER,
     attempts        INTEGER NOT NULL DEFAULT 0,
     message_id      TEXT,
     error           TEXT,
     updated_at      INTEGER NOT NULL,
     UNIQUE (subscription_id, slot)
   );
   CREATE INDEX deliveries_by_status ON deliveries (status, slot);`,
  // fence: bumped by every claim and take-over, so a stalled owner's late writes match nothing.
  // shown_revisions: the fact revisions a sent digest showed, for an exact "what changed".
  `ALTER TABLE deliveries ADD COLUMN fence INTEGER NOT NULL DEFAULT 1;
   ALTER TABLE deliveries ADD COLUMN shown_revisions TEXT;`,
  // A request rate shared by every process on the file (see SharedRateBudget): the theoretical
  // arrival time of the next request, in ms.
  `CREATE TABLE rate_budgets (
     name TEXT PRIMARY KEY,
     tat  REAL NOT NULL
   );`,
  // Slack OAuth mode: installations and their bots (newest install wins; tokens sealed by the
  // caller), single-use OAuth states, and per-name locks with a lease (a token refresh).
  `CREATE TABLE slack_installations (
     id                    INTEGER PRIMARY KEY,
     enterprise_id         TEXT,
     team_id               TEXT,
     user_id               TEXT    NOT NULL,
     is_enterprise_install INTEGER NOT NULL,
     data                  TEXT    NOT NULL,
     installed_at          INTEGER NOT NULL
   );
   CREATE INDEX slack_installations_by_key ON slack_installations (enterprise_id, team_id, installed_at);
   CREATE TABLE slack_bots (
     id                    INTEGER PRIMARY KEY,
     enterprise_id         TEXT,
     team_id               TEXT,
     is_enterprise_install INTEGER NOT NULL,
     app_id                TEXT,
     bot_id                TEXT    NOT NULL,
     bot_user_id           TEXT    NOT NULL,
     bot_scopes            TEXT    NOT NULL,
     bot_token             TEXT    NOT NULL,
     bot_refresh_token     TEXT,
     bot_token_expires_at  INTEGER,
     installed_at          INTEGER NOT NULL
   );
   CREATE INDEX slack_bots_by_key ON slack_bots (enterprise_id, team_id, installed_at);
   CREATE TABLE slack_enterprise_teams (
     team_id       TEXT PRIMARY KEY,
     enterprise_id TEXT NOT NULL
   );
   CREATE INDEX slack_enterprise_teams_by_enterprise ON slack_enterprise_teams (enterprise_id);
   CREATE TABLE slack_oauth_states (
     state      TEXT    PRIMARY KEY,
     expires_at INTEGER NOT NULL
   );
   CREATE TABLE locks (
     name   TEXT    PRIMARY KEY,
     holder TEXT    NOT NULL,
     until  INTEGER NOT NULL
   );`,
  // Chart PNGs uploaded to Slack, one file per (workspace, image), shared by restarts and
  // replicas (see SlackFileStore).
  `CREATE TABLE slack_files (
     team_id      TEXT    NOT NULL,
     content_hash TEXT    NOT NULL,
     file_id      TEXT    NOT NULL,
     uploaded_at  INTEGER NOT NULL,
     PRIMARY KEY (team_id, content_hash)
   );`,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Brings the schema up to date. The version is read and written inside one IMMEDIATE
 * transaction, which takes the write lock first: when several processes start together on a
 * new file, one migrates and the others then find the version already current.
 */
export function migrate(db: Database): number {
  return db
    .transaction(() => {
      const current = db.pragma('user_version', { simple: true }) as number;
      if (current > MIGRATIONS.length) {
        throw new SchemaTooNewError(current, MIGRATIONS.length);
      }
      for (const sql of MIGRATIONS.slice(current)) db.exec(sql);
      db.pragma(`user_version = ${MIGRATIONS.length}`);
      return MIGRATIONS.length - current;
    })
    .immediate();
}
