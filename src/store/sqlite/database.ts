import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { isBusy, RUNTIME_BUSY_TIMEOUT_MS } from './busy-retry.js';
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
  switchToWal(db);
  db.pragma('foreign_keys = ON');
  migrate(db);
  db.pragma(`busy_timeout = ${RUNTIME_BUSY_TIMEOUT_MS}`);
  return db;
}

/**
 * SQLite turns a new file to WAL under an exclusive lock that it takes without calling the busy
 * handler, so when several processes open a new file at once, one of them can get SQLITE_BUSY at
 * once whatever the timeout (about one start in ten in the start-together test). Opening is
 * synchronous and serves nothing yet, so the switch is tried again after a short sleep, for as
 * long as the start-up timeout; p-retry (`whenNotBusy`) is for the asynchronous run time.
 */
function switchToWal(db: Database): void {
  const giveUpAt = Date.now() + START_UP_BUSY_TIMEOUT_MS;
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    try {
      db.pragma('journal_mode = WAL');
      return;
    } catch (error) {
      if (!isBusy(error) || Date.now() >= giveUpAt) throw error;
      Atomics.wait(sleeper, 0, 0, 10);
    }
  }
}
