import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import type { Store } from '../../src/store/contract.js';
import { PG_SCHEMA_VERSION } from '../../src/store/postgres/migrations.js';
import { PostgresStore } from '../../src/store/postgres/store.js';
import { SCHEMA_VERSION } from '../../src/store/sqlite/migrations.js';
import { SqliteStore } from '../../src/store/sqlite/store.js';
import { createTestDatabase, createTestSchema } from '../support/postgres.js';

/**
 * One engine as the conformance suite sees it: a fresh empty database per test, any number of
 * stores (connections, "processes") on it, and a raw query for checking rows.
 */
export interface EngineUnderTest {
  readonly name: 'sqlite' | 'postgres';
  /** Whether a claim of an owner that is gone (closed its store) can be taken over at once. */
  readonly detectsDeadOwners: boolean;
  /** A new empty database; what `open` and `query` use until the next call. */
  fresh(): Promise<void>;
  /** What the built bot is given to reach that database (DATABASE_URL or DATABASE_PATH). */
  target(): string;
  open(owner: string): Promise<Store>;
  /** Rows of one statement without parameters; the SQL is the same on both engines. */
  query(sql: string): Promise<Record<string, unknown>[]>;
  /** Marks the database as migrated by a newer bot. */
  bumpSchemaVersion(): Promise<void>;
  /** Closes every store and removes the database. */
  cleanUp(): Promise<void>;
  /** After the last test: removes what the engine kept for the whole file. */
  dispose(): Promise<void>;
}

export function sqliteEngine(): EngineUnderTest {
  let dir = '';
  let stores: SqliteStore[] = [];
  const path = () => join(dir, 'digests.db');
  const admin = () => stores[0] ?? new SqliteStore(path(), 'admin');
  return {
    name: 'sqlite',
    detectsDeadOwners: false,
    async fresh() {
      dir = mkdtempSync(join(tmpdir(), 'sakura-store-'));
      stores = [];
    },
    target: path,
    async open(owner) {
      const store = new SqliteStore(path(), owner);
      stores.push(store);
      return store;
    },
    async query(sql) {
      return admin().db.prepare(sql).all() as Record<string, unknown>[];
    },
    async bumpSchemaVersion() {
      admin().db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    },
    async cleanUp() {
      for (const store of stores) await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
    async dispose() {},
  };
}

/** PostgreSQL: one database for the test file, a new schema for each test. */
export function postgresEngine(): EngineUnderTest {
  let fileDatabase: Promise<{ url: string; drop(): Promise<void> }> | undefined;
  let database: { url: string; drop(): Promise<void> } | undefined;
  let stores: PostgresStore[] = [];
  const url = () => {
    if (!database) throw new Error('fresh() first');
    return database.url;
  };
  const withClient = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: url() });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  return {
    name: 'postgres',
    detectsDeadOwners: true,
    async fresh() {
      fileDatabase ??= createTestDatabase(inject('postgresUrl'));
      database = await createTestSchema((await fileDatabase).url);
      stores = [];
    },
    target: url,
    async open(owner) {
      const store = await PostgresStore.open(url(), owner);
      stores.push(store);
      return store;
    },
    query: (sql) => withClient(async (client) => (await client.query(sql)).rows),
    bumpSchemaVersion: () =>
      withClient(async (client) => {
        await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [
          PG_SCHEMA_VERSION + 1,
        ]);
      }),
    async cleanUp() {
      for (const store of stores) await store.close();
      await database?.drop();
      database = undefined;
    },
    async dispose() {
      await (await fileDatabase)?.drop();
    },
  };
}
