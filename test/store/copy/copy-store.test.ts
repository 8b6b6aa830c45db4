import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyStore } from '../../../src/store/copy/copy.js';
import { CopyFailure } from '../../../src/store/copy/failure.js';
import { openSource } from '../../../src/store/copy/source.js';
import { COPIED_TABLES } from '../../../src/store/copy/tables.js';
import { createPool } from '../../../src/store/postgres/connect.js';
import { PG_SCHEMA_VERSION } from '../../../src/store/postgres/migrations.js';
import { PostgresStore } from '../../../src/store/postgres/store.js';
import { SchemaTooNewError } from '../../../src/store/schema-too-new.js';
import { SCHEMA_VERSION } from '../../../src/store/sqlite/migrations.js';
import { SqliteStore } from '../../../src/store/sqlite/store.js';
import { CHANNEL } from '../../support/subscription.js';
import { postgresEngine } from '../engines.js';
import { at, ORG_KEY, PLAIN, populate, sealedStore, T0, TEAM_KEY } from './populate.js';

/**
 * copy-store in-process: a SQLite file written through the real stores, copied into a fresh
 * PostgreSQL schema, and read back through the real PostgreSQL stores. The built CLI as an
 * operator runs it is in cli.test.ts; the table list against both schemas in tables.test.ts.
 */
const target = postgresEngine();
let dir = '';
let path = '';
const opened: { close(): unknown }[] = [];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sakura-copy-'));
  path = join(dir, 'sakura-bot.db');
  await target.fresh();
});
afterEach(async () => {
  for (const handle of opened.splice(0).reverse()) await handle.close();
  await target.cleanUp();
  rmSync(dir, { recursive: true, force: true });
});
afterAll(() => target.dispose());

async function sqliteStore(): Promise<SqliteStore> {
  const store = new SqliteStore(path, 'sqlite-bot');
  opened.push(store);
  return store;
}

async function copy(options: { dryRun?: boolean; merge?: boolean } = {}) {
  const source = openSource(path);
  const pool = createPool(target.target());
  try {
    return await copyStore(source, pool, { dryRun: false, merge: false, ...options });
  } finally {
    await pool.end();
    source.close();
  }
}

async function pgStore(): Promise<PostgresStore> {
  const store = await PostgresStore.open(target.target(), 'pg-bot');
  opened.push(store);
  return store;
}

/** Every row of a table, as plain comparable values: booleans as 0/1, JSON parsed. */
function normalise(rows: Record<string, unknown>[], columns: string[]): unknown[] {
  return rows
    .map((row) =>
      columns.map((column) => {
        const value = row[column];
        if (typeof value === 'boolean') return Number(value);
        if (column === 'shown_revisions' && typeof value === 'string') return JSON.parse(value);
        return value;
      }),
    )
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

async function sqliteRows(table: string): Promise<{ columns: string[]; rows: unknown[] }> {
  const db = new BetterSqlite3(path, { readonly: true });
  try {
    const columns = (db.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name);
    return {
      columns,
      rows: normalise(db.prepare(`SELECT * FROM ${table}`).all() as never, columns),
    };
  } finally {
    db.close();
  }
}

/** A table's rows read as the bot reads them (BIGINT as numbers, see connect.ts). */
async function pgRows(table: string): Promise<Record<string, unknown>[]> {
  const pool = createPool(target.target());
  try {
    return (await pool.query(`SELECT * FROM ${table}`)).rows;
  } finally {
    await pool.end();
  }
}

const pgCount = async (table: string) =>
  Number((await target.query(`SELECT count(*) AS n FROM ${table}`))[0]?.n);

describe('copy-store into an empty PostgreSQL database', () => {
  it('copies every row of every copied table, column for column, ids included', async () => {
    await populate(await sqliteStore());
    for (const handle of opened.splice(0)) await handle.close();
    const report = await copy();

    expect(report.migrated).toBe(PG_SCHEMA_VERSION);
    for (const table of COPIED_TABLES) {
      const { columns, rows } = await sqliteRows(table.name);
      expect(rows.length, table.name).toBeGreaterThan(0);
      const copied = normalise(await pgRows(table.name), columns);
      expect(copied, table.name).toEqual(rows);
      expect(report.tables.find((t) => t.table === table.name)).toEqual({
        table: table.name,
        rows: rows.length,
        copied: rows.length,
        kept: 0,
      });
    }
    // The pace is the new database's own.
    expect(await pgCount('rate_budgets')).toBe(0);
  });

  it('the PostgreSQL stores answer as the SQLite ones did: subscriptions, ledger, files', async () => {
    const before = await sqliteStore();
    await populate(before);
    const ask = async (store: SqliteStore | PostgresStore) => ({
      discordTeam: await store.subscriptions.listForWorkspace('discord', CHANNEL.workspaceId),
      slackTeam: await store.subscriptions.listForWorkspace('slack', 'T0TEAM'),
      withoutWorkspace: await store.subscriptions.withoutWorkspace('discord'),
      active: await store.subscriptions.active(['discord', 'slack']),
      counts: await store.ledger.countByStatus(),
      lastSent: await store.ledger.lastSent(1),
      unsettled: await store.ledger.unsettled(T0, at(43)),
      file: await store.slackFiles.find('T0TEAM', 'hash-stocks-ja'),
      enterprise: await store.slackInstallations.teamsOfEnterprise('E0ORG'),
    });
    const expected = await ask(before);
    await before.close();
    await copy();
    const after = await ask(await pgStore());

    expect(after).toEqual(expected);
    // What makes the comparison worth something: every kind of row is there.
    expect(expected.counts).toEqual({ sent: 1, retrying: 1, failed: 1, claimed: 1, missed: 2 });
    expect(expected.discordTeam.map((s) => s.pausedReason)).toEqual([null, 'channel gone']);
    expect(expected.withoutWorkspace).toHaveLength(1);
    expect(expected.lastSent?.shownRevisions).toEqual({ 'stocks.sakura': '2026-04-03' });
    expect(expected.unsettled.map((d) => d.status)).toEqual(['retrying', 'claimed']);
  });

  it('keeps Slack tokens sealed, byte for byte, and the same key opens them', async () => {
    await populate(await sqliteStore());
    const sqliteBots = (await sqliteRows('slack_bots')).rows;
    for (const handle of opened.splice(0)) await handle.close();
    await copy();

    const rows = await target.query(
      'SELECT bot_token, bot_refresh_token FROM slack_bots ORDER BY id',
    );
    const { columns } = await sqliteRows('slack_bots');
    const tokenAt = columns.indexOf('bot_token');
    expect(rows.map((r) => r.bot_token).sort()).toEqual(
      sqliteBots.map((row) => (row as unknown[])[tokenAt]).sort(),
    );
    const everything = JSON.stringify(
      await target.query('SELECT * FROM slack_bots, slack_installations'),
    );
    for (const secret of Object.values(PLAIN)) expect(everything).not.toContain(secret);

    const sealed = sealedStore(await pgStore());
    const team = await sealed.fetchInstallation(TEAM_KEY);
    expect(team.bot?.token).toBe(PLAIN.teamBot);
    expect(team.bot?.refreshToken).toBe(PLAIN.teamRefresh);
    expect(team.user.token).toBe(PLAIN.teamUser);
    expect((await sealed.fetchInstallation(ORG_KEY)).bot?.token).toBe(PLAIN.orgBot);
    // The newest install still wins: the re-install at minute 100.
    expect(
      await sealed.findBot({ enterpriseId: null, teamId: 'T0TEAM', isEnterpriseInstall: false }),
    ).toMatchObject({ installedAt: at(100), botToken: PLAIN.teamBot });
    // An install begun before the move can finish after it, once.
    const store = opened.at(-1) as PostgresStore;
    expect(await store.slackInstallations.consumeState('state-in-flight', at(20))).toBe(true);
    expect(await store.slackInstallations.consumeState('state-in-flight', at(20))).toBe(false);
    expect(await store.slackInstallations.enterpriseOfTeam('T0GRID')).toBe('E0ORG');
  });

  it('moves every identity sequence past the copied ids: new rows do not collide', async () => {
    await populate(await sqliteStore());
    for (const handle of opened.splice(0)) await handle.close();
    await copy();
    const store = await pgStore();

    // Ids 1-5 were used on SQLite and 5 was removed: the next is 5 again, as on SQLite (an
    // INTEGER PRIMARY KEY takes max + 1; the removed channel's ledger went with it).
    const { subscription } = await store.subscriptions.upsert(
      { ...CHANNEL, channelId: '222222222222222299' },
      at(200),
    );
    expect(subscription.id).toBe(5);
    const claim = await store.ledger.claim(subscription.id, at(300), at(302), at(300));
    expect(claim?.id).toBe(7);
    await sealedStore(store).storeInstallation({
      team: { id: 'T0NEW' },
      enterprise: undefined,
      user: { id: 'U0NEW', token: undefined, scopes: undefined },
      bot: { token: 'xoxb-new', scopes: [], id: 'B0NEW', userId: 'U0NEWBOT' },
      isEnterpriseInstall: false,
    });
    const ids = await target.query(
      "SELECT (SELECT max(id) FROM slack_installations) AS i, (SELECT max(id) FROM slack_bots) AS b, (SELECT id FROM slack_bots WHERE team_id = 'T0NEW') AS new_bot",
    );
    expect(Number(ids[0]?.new_bot)).toBe(4);
    expect(Number(ids[0]?.b)).toBe(4);
    expect(Number(ids[0]?.i)).toBe(4);
  });

  it('copies a ledger larger than one statement holds, in several batches', async () => {
    const store = await sqliteStore();
    const { subscription } = await store.subscriptions.upsert(CHANNEL, T0);
    // A year of hourly slots: 8,760 rows, more than three batches of 12 columns.
    const slots = Array.from({ length: 8_760 }, (_, hour) => at(60 * hour));
    expect(await store.ledger.recordMissed(subscription.id, slots, at(1))).toBe(8_760);
    await store.close();

    const report = await copy();
    expect(report.tables.find((t) => t.table === 'deliveries')).toMatchObject({
      rows: 8_760,
      copied: 8_760,
    });
    expect(await (await pgStore()).ledger.countByStatus(subscription.id)).toEqual({
      missed: 8_760,
    });
  });

  it('copies an older file at the current schema, and leaves the file as it was', async () => {
    await populate(await sqliteStore());
    for (const handle of opened.splice(0)) await handle.close();
    // Schema 4 is schema 5 without slack_files (the last step only adds it).
    const db = new BetterSqlite3(path);
    db.exec('DROP TABLE slack_files');
    db.pragma(`user_version = ${SCHEMA_VERSION - 1}`);
    db.close();

    const report = await copy();
    expect(report.tables.find((t) => t.table === 'slack_files')).toMatchObject({ rows: 0 });
    expect(report.tables.find((t) => t.table === 'deliveries')).toMatchObject({ copied: 6 });
    const after = new BetterSqlite3(path, { readonly: true });
    expect(after.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION - 1);
    expect(
      after.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'slack_files'").get(),
    ).toEqual({ n: 0 });
    after.close();
  });
});

describe('copy-store refuses, and writes nothing', () => {
  it('when the target already holds data, unless --merge', async () => {
    await populate(await sqliteStore());
    for (const handle of opened.splice(0)) await handle.close();
    const running = await pgStore();
    await running.subscriptions.ensure({ ...CHANNEL, createdBy: 'config' }, at(500));

    await expect(copy()).rejects.toThrow(CopyFailure);
    await expect(copy()).rejects.toThrow(/already holds sakura-bot data \(subscriptions: 1\)/);
    expect(await pgCount('subscriptions')).toBe(1);
    expect(await pgCount('deliveries')).toBe(0);
    expect(await pgCount('slack_bots')).toBe(0);
  });

  it('while a bot still has the file open, even idle', async () => {
    await populate(await sqliteStore());
    // The store stays open (as in a running bot between ticks): no write lock is held.
    expect(() => openSource(path)).toThrow(/in use by another process .*stop every bot/);
    expect((await target.query("SELECT to_regclass('subscriptions') AS t"))[0]?.t).toBeNull();
  });

  it("a file from a newer sakura-bot, a file that is not sakura-bot's, and no file", async () => {
    await populate(await sqliteStore());
    for (const handle of opened.splice(0)) await handle.close();
    const db = new BetterSqlite3(path);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    expect(() => openSource(path)).toThrow(/written by a newer sakura-bot/);

    const empty = join(dir, 'empty.db');
    new BetterSqlite3(empty).close();
    expect(() => openSource(empty)).toThrow(/not a sakura-bot database/);
    expect(() => openSource(join(dir, 'missing.db'))).toThrow(/no SQLite file at/);
  });

  it('a target migrated by a newer sakura-bot', async () => {
    await populate(await sqliteStore());
    for (const handle of opened.splice(0)) await handle.close();
    await (await pgStore()).close();
    await target.bumpSchemaVersion();
    await expect(copy()).rejects.toBeInstanceOf(SchemaTooNewError);
    expect(await pgCount('subscriptions')).toBe(0);
  });

  it('on any failure mid-copy: the whole transaction, migration included, rolls back', async () => {
    await populate(await sqliteStore());
    for (const handle of opened.splice(0)) await handle.close();
    // A row PostgreSQL refuses (text where a time belongs; SQLite took it), late in the copy.
    const db = new BetterSqlite3(path);
    db.prepare(
      "INSERT INTO slack_oauth_states (state, expires_at) VALUES ('x', 'not a time')",
    ).run();
    db.close();
    await expect(copy()).rejects.toThrow(/invalid input syntax for type bigint/);
    expect((await target.query("SELECT to_regclass('subscriptions') AS t"))[0]?.t).toBeNull();
  });
});

describe('copy-store --dry-run', () => {
  it('reports what it would copy and writes nothing, to either database', async () => {
    await populate(await sqliteStore());
    for (const handle of opened.splice(0)) await handle.close();
    const before = await Promise.all(COPIED_TABLES.map((t) => sqliteRows(t.name)));
    const report = await copy({ dryRun: true });

    expect(report.dryRun).toBe(true);
    expect(report.tables.map((t) => [t.table, t.copied])).toEqual(
      before.map((b, i) => [COPIED_TABLES[i]?.name, b.rows.length]),
    );
    const tables = await target.query(
      'SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()',
    );
    expect(tables).toEqual([]);
    expect(await Promise.all(COPIED_TABLES.map((t) => sqliteRows(t.name)))).toEqual(before);
    // And the real copy afterwards finds an empty target.
    expect((await copy()).tables.every((t) => t.copied === t.rows)).toBe(true);
  });

  it('on a migrated, empty target: no sequence moves either', async () => {
    await populate(await sqliteStore());
    for (const handle of opened.splice(0)) await handle.close();
    const store = await pgStore();
    await copy({ dryRun: true });
    const { subscription } = await store.subscriptions.upsert(CHANNEL, at(1));
    expect(subscription.id).toBe(1);
  });
});

describe('copy-store --merge', () => {
  it("keeps the target's rows, adds the file's, and moves the ledger to the target's channel ids", async () => {
    await populate(await sqliteStore());
    for (const handle of opened.splice(0)) await handle.close();
    // Replicas already ran on PostgreSQL: a configured channel was created there first (id 1,
    // another channel's id on SQLite) and the same channel got a subscription with its own id.
    const running = await pgStore();
    await running.subscriptions.upsert({ ...CHANNEL, channelId: '999999999999999999' }, at(400));
    const { subscription: same } = await running.subscriptions.upsert(CHANNEL, at(400));
    await running.slackFiles.remember('T0TEAM', 'hash-stocks-en', 'F0REUPLOADED', at(401));

    const report = await copy({ merge: true });
    expect(report.tables.find((t) => t.table === 'subscriptions')).toEqual({
      table: 'subscriptions',
      rows: 4,
      copied: 3,
      kept: 1,
    });
    // The target's own subscription is kept as it was, and the file's ledger for that channel
    // is now under its id: the slot sent on SQLite is not sent again.
    expect(await running.subscriptions.find('discord', CHANNEL.channelId)).toMatchObject({
      id: same.id,
      createdAt: at(400),
    });
    expect(await running.ledger.lastSent(same.id)).toMatchObject({ slot: at(10) });
    expect(await running.ledger.claim(same.id, at(10), at(12), at(11))).toBeUndefined();
    expect(await running.ledger.countByStatus()).toEqual({
      sent: 1,
      retrying: 1,
      failed: 1,
      claimed: 1,
      missed: 2,
    });
    // A file the target already knows stays the target's.
    expect(await running.slackFiles.find('T0TEAM', 'hash-stocks-en')).toBe('F0REUPLOADED');
    expect(await running.slackFiles.find('T0TEAM', 'hash-stocks-ja')).toBe('F0STOCKSJA');
    expect(await sealedStore(running).fetchInstallation(TEAM_KEY)).toMatchObject({
      bot: { token: PLAIN.teamBot },
    });
    // Merging the same file again adds nothing.
    const again = await copy({ merge: true });
    expect(again.tables.filter((t) => t.copied > 0)).toEqual([]);
    expect(again.tables.every((t) => t.kept === t.rows)).toBe(true);
  });
});
