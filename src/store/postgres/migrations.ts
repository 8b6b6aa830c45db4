import type pg from 'pg';
import { SchemaTooNewError } from '../schema-too-new.js';
import { inTransaction } from './connect.js';

/**
 * Versioned schema changes, applied in order; `schema_migrations` records each one. Never edit
 * a released step: add one. Times are milliseconds since the epoch (UTC) as BIGINT, as in the
 * SQLite engine, so both compare and return the same values.
 *
 * The tables read column for column like sqlite/migrations.ts by design: one schema in two
 * dialects (identity and BIGINT here), held to the same behaviour by the conformance suite.
 */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE subscriptions (
     id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     platform      TEXT    NOT NULL CHECK (platform IN ('discord', 'slack')),
     workspace_id  TEXT,
     channel_id    TEXT    NOT NULL,
     cron          TEXT    NOT NULL,
     timezone      TEXT    NOT NULL,
     lang          TEXT    NOT NULL CHECK (lang IN ('en', 'ja')),
     created_by    TEXT    NOT NULL,
     created_at    BIGINT  NOT NULL,
     schedule_from BIGINT  NOT NULL,
     checked_until BIGINT  NOT NULL,
     paused_reason TEXT,
     paused_at     BIGINT,
     UNIQUE (platform, channel_id)
   );
   CREATE INDEX subscriptions_by_workspace ON subscriptions (platform, workspace_id, channel_id);
   CREATE TABLE deliveries (
     id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     subscription_id BIGINT  NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
     slot            BIGINT  NOT NULL,
     status          TEXT    NOT NULL CHECK (status IN ('claimed', 'sent', 'retrying', 'failed', 'missed')),
     owner           TEXT,
     -- The owner's liveness lock (see liveness.ts): a claim whose owner no longer holds it is
     -- taken over at once instead of after its lease.
     owner_key       INTEGER,
     lease_until     BIGINT,
     attempts        INTEGER NOT NULL DEFAULT 0,
     fence           BIGINT  NOT NULL DEFAULT 1,
     message_id      TEXT,
     error           TEXT,
     shown_revisions JSONB,
     updated_at      BIGINT  NOT NULL,
     UNIQUE (subscription_id, slot)
   );
   CREATE INDEX deliveries_unsettled ON deliveries (slot) WHERE status IN ('claimed', 'retrying');
   CREATE INDEX deliveries_sent ON deliveries (subscription_id, slot) WHERE status = 'sent';
   CREATE TABLE rate_budgets (
     name TEXT PRIMARY KEY,
     -- Theoretical arrival time of the next request, ms since the epoch on the server's clock.
     tat  DOUBLE PRECISION NOT NULL
   );`,
  // Slack OAuth mode: installations and their bots (newest install wins; tokens sealed by the
  // caller) and single-use OAuth states. Refreshes lock with pg_advisory_xact_lock, no table.
  `CREATE TABLE slack_installations (
     id                    BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     enterprise_id         TEXT,
     team_id               TEXT,
     user_id               TEXT    NOT NULL,
     is_enterprise_install BOOLEAN NOT NULL,
     data                  TEXT    NOT NULL,
     installed_at          BIGINT  NOT NULL
   );
   CREATE INDEX slack_installations_by_key ON slack_installations (enterprise_id, team_id, installed_at);
   CREATE TABLE slack_bots (
     id                    BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     enterprise_id         TEXT,
     team_id               TEXT,
     is_enterprise_install BOOLEAN NOT NULL,
     app_id                TEXT,
     bot_id                TEXT    NOT NULL,
     bot_user_id           TEXT    NOT NULL,
     bot_scopes            TEXT    NOT NULL,
     bot_token             TEXT    NOT NULL,
     bot_refresh_token     TEXT,
     bot_token_expires_at  BIGINT,
     installed_at          BIGINT  NOT NULL
   );
   CREATE INDEX slack_bots_by_key ON slack_bots (enterprise_id, team_id, installed_at);
   CREATE TABLE slack_enterprise_teams (
     team_id       TEXT PRIMARY KEY,
     enterprise_id TEXT NOT NULL
   );
   CREATE INDEX slack_enterprise_teams_by_enterprise ON slack_enterprise_teams (enterprise_id);
   CREATE TABLE slack_oauth_states (
     state      TEXT   PRIMARY KEY,
     expires_at BIGINT NOT NULL
   );`,
  // Chart PNGs uploaded to Slack, one file per (workspace, image), shared by restarts and
  // replicas (see SlackFileStore).
  `CREATE TABLE slack_files (
     team_id      TEXT    NOT NULL,
     content_hash TEXT    NOT NULL,
     file_id      TEXT    NOT NULL,
     uploaded_at  BIGINT  NOT NULL,
     PRIMARY KEY (team_id, content_hash)
   );`,
];

export const PG_SCHEMA_VERSION = MIGRATIONS.length;

/** One advisory lock key for "migrating sakura-bot's schema", whatever the database. */
const MIGRATION_LOCK = 'sakura-bot:migrate';

/**
 * Brings the schema up to date. The whole migration runs in one transaction holding a
 * transaction-level advisory lock, so when N replicas start together one migrates and the
 * others wait, then find every version applied. The lock ends with the transaction, even if the
 * process dies mid-way (which also rolls the migration back).
 */
export function migrate(pool: pg.Pool): Promise<number> {
  return inTransaction(pool, migrateIn);
}

/**
 * The migration on a connection already inside a transaction: for a caller whose own writes must
 * commit or roll back together with the schema (copy-store), holding the same lock meanwhile.
 */
export async function migrateIn(client: pg.ClientBase): Promise<number> {
  await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [MIGRATION_LOCK]);
  await client.query(
    `CREATE TABLE IF NOT EXISTS schema_migrations (
       version    INTEGER PRIMARY KEY,
       applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
     )`,
  );
  const { rows } = await client.query<{ current: number | null }>(
    'SELECT MAX(version) AS current FROM schema_migrations',
  );
  const current = rows[0]?.current ?? 0;
  if (current > MIGRATIONS.length) {
    throw new SchemaTooNewError(current, MIGRATIONS.length);
  }
  for (const [index, sql] of MIGRATIONS.entries()) {
    const version = index + 1;
    if (version <= current) continue;
    await client.query(sql);
    await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [version]);
  }
  return MIGRATIONS.length - current;
}
