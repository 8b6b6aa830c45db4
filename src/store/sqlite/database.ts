import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { RUNTIME_BUSY_TIMEOUT_MS } from './busy-retry.js';
import { migrate } from './migrations.js';

/** At start-up a wait is harmless (nothing is served yet): N processes may migrate at once. */
const START_UP_BUSY_TIMEOUT_MS = 10_000;

/**
 * Opens the digest database: WAL so a reader never blocks the writer, foreign keys on, migrated.
 * While opening it waits patiently for other processes on the same file; once open, a statement
 * waits only RUNTIME_BUSY_TIMEOUT_MS on the event loop and the stores retry between turns.
 */
export function openDatabase(path: string): Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new BetterSqlite3(path, { timeout: START_UP_BUSY_TIMEOUT_MS });
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  migrate(db);
  db.pragma(`busy_timeout = ${RUNTIME_BUSY_TIMEOUT_MS}`);
  return db;
}
