/**
 * Digest claim throughput on each engine: the shipped store code (dist/src/store) claiming one
 * slot for 2,000 channels from three stores at once, as three replicas do at a slot (each with 10
 * claims in flight, each starting from its own place in the list), against the bare driver doing
 * the same inserts (better-sqlite3 in a loop; pg from a pool of 10). Every channel must end with
 * exactly one claim. PostgreSQL: DATABASE_URL_TEST, else 127.0.0.1:5432, else an embedded one.
 * Run with `npm run build && node dist/bench/claims.js`.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pLimit from 'p-limit';
import pg from 'pg';
import type { Store } from '../src/store/contract.js';
import { PostgresStore } from '../src/store/postgres/store.js';
import { SqliteStore } from '../src/store/sqlite/store.js';
import { createTestDatabase, startTestPostgres } from '../test/support/postgres.js';

const CHANNELS = 2_000;
const REPLICAS = 3;
const IN_FLIGHT = 10;
const SLOT = new Date('2026-12-01T00:00:00Z');

interface Row {
  what: string;
  seconds: number;
  claims: number;
  attempts: number;
}

async function seed(store: Store): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < CHANNELS; i += 1) {
    const { subscription } = await store.subscriptions.upsert(
      {
        platform: 'discord',
        workspaceId: 'bench',
        channelId: String(100_000 + i),
        cron: '0 9 * * *',
        timezone: 'UTC',
        lang: 'en',
        createdBy: 'bench',
      },
      new Date(SLOT.getTime() - 60_000),
    );
    ids.push(subscription.id);
  }
  return ids;
}

/** Three stores race over every channel, each from its own offset, 10 claims in flight each. */
async function race(what: string, stores: Store[], ids: number[]): Promise<Row> {
  const lease = new Date(SLOT.getTime() + 120_000);
  const start = performance.now();
  const won = await Promise.all(
    stores.map(async (store, r) => {
      const limit = pLimit(IN_FLIGHT);
      const offset = Math.floor((r * ids.length) / stores.length);
      const ordered = [...ids.slice(offset), ...ids.slice(0, offset)];
      const claims = await Promise.all(
        ordered.map((id) => limit(() => store.ledger.claim(id, SLOT, lease, SLOT))),
      );
      return claims.filter(Boolean).length;
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  const claims = won.reduce((a, b) => a + b, 0);
  if (claims !== ids.length) throw new Error(`${what}: ${claims} claims for ${ids.length}`);
  return { what, seconds, claims, attempts: ids.length * stores.length };
}

async function sqliteRows(): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'sakura-claims-bench-'));
  try {
    const path = join(dir, 'digests.db');
    const stores = Array.from({ length: REPLICAS }, (_, i) => new SqliteStore(path, `r${i}`));
    const ids = await seed(stores[0] as Store);
    const engine = await race('SQLite engine (3 stores, one file)', stores, ids);
    for (const store of stores) await store.close();
    // The bare driver: the same insert in a synchronous loop, one connection.
    const db = new BetterSqlite3(path);
    db.exec('DELETE FROM deliveries');
    const insert = db.prepare(
      `INSERT INTO deliveries (subscription_id, slot, status, owner, lease_until, updated_at, fence)
       VALUES (?, ?, 'claimed', 'bare', ?, ?, 1) ON CONFLICT (subscription_id, slot) DO NOTHING`,
    );
    const start = performance.now();
    for (const id of ids) insert.run(id, SLOT.getTime(), SLOT.getTime() + 120_000, SLOT.getTime());
    const bare = {
      what: 'bare better-sqlite3 (1 connection, loop)',
      seconds: (performance.now() - start) / 1000,
      claims: ids.length,
      attempts: ids.length,
    };
    db.close();
    return [engine, bare];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function postgresRows(serverUrl: string): Promise<Row[]> {
  const database = await createTestDatabase(serverUrl);
  try {
    const stores: Store[] = [];
    for (let i = 0; i < REPLICAS; i += 1)
      stores.push(await PostgresStore.open(database.url, `r${i}`));
    const ids = await seed(stores[0] as Store);
    const engine = await race('PostgreSQL engine (3 stores)', stores, ids);
    for (const store of stores) await store.close();
    const pool = new pg.Pool({ connectionString: database.url, max: IN_FLIGHT });
    await pool.query('DELETE FROM deliveries');
    const limit = pLimit(IN_FLIGHT);
    const start = performance.now();
    await Promise.all(
      ids.map((id) =>
        limit(() =>
          pool.query(
            `INSERT INTO deliveries (subscription_id, slot, status, owner, lease_until, updated_at, fence)
             VALUES ($1, $2, 'claimed', 'bare', $3, $4, 1) ON CONFLICT (subscription_id, slot) DO NOTHING`,
            [id, SLOT.getTime(), SLOT.getTime() + 120_000, SLOT.getTime()],
          ),
        ),
      ),
    );
    const bare = {
      what: 'bare pg (pool of 10, 10 in flight)',
      seconds: (performance.now() - start) / 1000,
      claims: ids.length,
      attempts: ids.length,
    };
    await pool.end();
    return [engine, bare];
  } finally {
    await database.drop();
  }
}

async function main(): Promise<void> {
  const server = await startTestPostgres();
  let rows: Row[];
  try {
    rows = [...(await sqliteRows()), ...(await postgresRows(server.url))];
  } finally {
    await server.stop();
  }
  const lines = [
    '## Digest claim throughput',
    '',
    `One slot for ${CHANNELS.toLocaleString('en')} channels claimed by ${REPLICAS} stores at once ` +
      `(${IN_FLIGHT} claims in flight each, as replicas do), every channel ending with exactly one ` +
      `claim, against the bare driver inserting the same rows. PostgreSQL: ${server.source}. ` +
      `Node ${process.version}, ${cpus().length} CPUs.`,
    '',
    '| what | time (s) | claims | attempts | claims/s | attempts/s |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map(
      (r) =>
        `| ${r.what} | ${r.seconds.toFixed(2)} | ${r.claims} | ${r.attempts} | ${Math.round(r.claims / r.seconds).toLocaleString('en')} | ${Math.round(r.attempts / r.seconds).toLocaleString('en')} |`,
    ),
  ];
  process.stdout.write(`${lines.join('\n')}\n\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `claims bench failed: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
