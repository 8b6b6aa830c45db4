import type { Database } from 'better-sqlite3';
import type { Digests } from '../../src/schedule/digests.js';
import { SqliteStore } from '../../src/store/sqlite/store.js';

/** The SQLite handle under a bot's digests, for tests that reach into the file itself. */
export function sqliteDb(digests: Digests): Database {
  if (!(digests.store instanceof SqliteStore)) throw new Error('this test needs the SQLite engine');
  return digests.store.db;
}
