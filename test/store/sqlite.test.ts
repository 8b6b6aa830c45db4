import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/paths.js';
import { SCHEMA_VERSION } from '../../src/store/sqlite/migrations.js';
import { SqliteStore } from '../../src/store/sqlite/store.js';
import { cleanEnv } from '../support/built-bot.js';
import { CHANNEL } from '../support/subscription.js';

/** What only the SQLite engine promises; the shared contract is in conformance.test.ts. */
const run = promisify(execFile);

let dir: string;
let stores: SqliteStore[];
const open = (path = join(dir, 'digests.db')) => {
  const store = new SqliteStore(path, 'test');
  stores.push(store);
  return store;
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sakura-db-'));
  stores = [];
});
afterEach(async () => {
  for (const store of stores) await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('SQLite store', () => {
  it('creates the file and its folder, in WAL mode, at the latest schema version', () => {
    const { db } = open(join(dir, 'nested', 'folder', 'digests.db'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
  });

  it('lets processes that start together on a new file all migrate it, ten times over', async () => {
    const child = join(PROJECT_ROOT, 'test', 'store', 'open-store-child.mjs');
    for (let round = 0; round < 10; round += 1) {
      const path = join(dir, `race-${round}.db`);
      // Node takes a few hundred milliseconds to start: they all open the file at this instant.
      const startAt = String(Date.now() + 800);
      const results = await Promise.allSettled(
        [1, 2, 3].map(() => run(process.execPath, [child, path, startAt], { env: cleanEnv({}) })),
      );
      const failures = results.flatMap((r) => (r.status === 'rejected' ? [String(r.reason)] : []));
      expect(failures).toEqual([]);
      const outputs = results.map((r) => (r.status === 'fulfilled' ? r.value.stdout : ''));
      expect(outputs).toEqual([1, 2, 3].map(() => 'open sqlite {}'));
      expect(open(path).db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    }
  }, 60_000);

  it("waits for another connection's write lock between event-loop turns, not on them", async () => {
    const store = open();
    const holder = open().db;
    holder.exec('BEGIN IMMEDIATE');
    const events: string[] = [];
    // Only a free event loop runs this timer; a write waiting on it synchronously never would.
    setTimeout(() => {
      events.push('other process commits');
      holder.exec('COMMIT');
    }, 200);
    await store.subscriptions.upsert(CHANNEL, new Date('2026-04-03T00:00:00Z'));
    events.push('our write done');
    expect(events).toEqual(['other process commits', 'our write done']);
    expect((await store.subscriptions.find('discord', CHANNEL.channelId))?.cron).toBe('0 9 * * *');
  });
});
