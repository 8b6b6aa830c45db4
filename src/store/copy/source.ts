import { existsSync, statSync } from 'node:fs';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { SchemaTooNewError } from '../schema-too-new.js';
import { isBusy, sqliteErrorCode } from '../sqlite/busy-retry.js';
import { migrate, SCHEMA_VERSION } from '../sqlite/migrations.js';
import { CopyFailure } from './failure.js';
import { TABLES } from './tables.js';

/** A SQLite value as better-sqlite3 returns it (no BigInt: safe integers are off). */
export type SqliteValue = string | number | Buffer | null;

/**
 * The SQLite file being copied, held exclusively from open to close: no bot can write to it (or
 * even open it) meanwhile, and every table is read from one snapshot. The source is never
 * changed: everything, including bringing an older file's schema up to date for reading, runs
 * in one transaction that is rolled back at close.
 */
export interface SqliteSource {
  readonly path: string;
  /** The file's schema version as found (before any in-transaction upgrade). */
  readonly schemaVersion: number;
  /** Column names of a table, in the file's order. */
  columns(table: string): string[];
  count(table: string): number;
  /** Rows as arrays in `columns` order. */
  rows(table: string, columns: readonly string[]): IterableIterator<SqliteValue[]>;
  close(): void;
}

/** Table names in SQL are ours (from TABLES, checked against the file), never the user's. */
const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

export function openSource(path: string): SqliteSource {
  if (!existsSync(path))
    throw new CopyFailure(
      `no SQLite file at ${path}: give the bot's DATABASE_PATH, or --from <file>`,
    );
  if (!statSync(path).isFile()) throw new CopyFailure(`${path} is not a file`);
  let db: Database;
  try {
    // No busy wait: a lock held by someone else is the answer we are looking for.
    db = new BetterSqlite3(path, { fileMustExist: true, timeout: 0 });
  } catch (error) {
    throw new CopyFailure(`cannot open ${path}: ${(error as Error).message}`, { cause: error });
  }
  try {
    return lockAndCheck(db, path);
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    db.close();
    throw error;
  }
}

function lockAndCheck(db: Database, path: string): SqliteSource {
  let found: number;
  try {
    // EXCLUSIVE locking mode takes the whole file: it fails while any other connection has the
    // file open (in WAL mode every open connection holds a shared lock on it), which is how a
    // bot still running on the file is told from one that was stopped, even an idle one that
    // holds no write lock. Held until close, so no bot can start writing mid-copy.
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    found = db.pragma('user_version', { simple: true }) as number;
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (error) {
    if (isBusy(error))
      throw new CopyFailure(
        `${path} is in use by another process (a sakura-bot still running on it?): stop every bot using this DATABASE_PATH, then copy`,
        { cause: error },
      );
    const code = sqliteErrorCode(error);
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT')
      throw new CopyFailure(`${path} is not a SQLite database, or is damaged (${code})`, {
        cause: error,
      });
    throw new CopyFailure(`cannot read ${path}: ${(error as Error).message}`, { cause: error });
  }
  if (found > SCHEMA_VERSION)
    throw new CopyFailure(
      `${path} was written by a newer sakura-bot (${new SchemaTooNewError(found, SCHEMA_VERSION).message}): run copy-store from that version`,
    );
  const tables = (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]
  )
    .map((row) => row.name)
    .filter((name) => !name.startsWith('sqlite_'));
  if (found === 0 || !tables.includes('subscriptions'))
    throw new CopyFailure(
      `${path} is not a sakura-bot database (no digest tables in it, schema version ${found})`,
    );
  // An older file is brought up to date inside the transaction (a savepoint), read, and rolled
  // back with it: the copy reads the current schema, the file stays as it was.
  if (found < SCHEMA_VERSION) migrate(db);
  const known = new Set(TABLES.map((table) => table.name));
  const unknown = tables.filter((name) => !known.has(name));
  if (unknown.length > 0)
    throw new CopyFailure(
      `${path} has tables this copy-store does not know (${unknown.join(', ')}): it was not made by this sakura-bot`,
    );
  return {
    path,
    schemaVersion: found,
    columns: (table) =>
      (db.pragma(`table_info(${quoted(table)})`) as { name: string }[]).map((c) => c.name),
    count: (table) =>
      (db.prepare(`SELECT count(*) AS n FROM ${quoted(table)}`).get() as { n: number }).n,
    rows: (table, columns) =>
      db
        .prepare(`SELECT ${columns.map(quoted).join(', ')} FROM ${quoted(table)} ORDER BY rowid`)
        .raw()
        .iterate() as IterableIterator<SqliteValue[]>,
    close: () => {
      if (!db.open) return;
      if (db.inTransaction) db.exec('ROLLBACK');
      db.close();
    },
  };
}
