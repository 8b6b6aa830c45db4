import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/paths.js';
import { openDatabase } from '../../src/schedule/database.js';
import { DeliveryLedger } from '../../src/schedule/deliveries.js';
import { SCHEMA_VERSION } from '../../src/schedule/migrations.js';
import { SubscriptionStore } from '../../src/schedule/subscriptions.js';
import { cleanEnv } from '../support/built-bot.js';

const run = promisify(execFile);
const T0 = new Date('2026-04-03T00:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const CHANNEL = {
  platform: 'discord' as const,
  workspaceId: '111111111111111111',
  channelId: '222222222222222222',
  cron: '0 9 * * *',
  timezone: 'Asia/Tokyo',
  lang: 'en' as const,
  createdBy: '333333333333333333',
};

let dir: string;
let dbs: Database[];
const open = () => {
  const db = openDatabase(join(dir, 'digests.db'));
  dbs.push(db);
  return db;
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sakura-db-'));
  dbs = [];
});
afterEach(() => {
  for (const db of dbs) db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('database', () => {
  it('creates the file and its folder, in WAL mode, at the latest schema version', () => {
    const db = openDatabase(join(dir, 'nested', 'folder', 'digests.db'));
    dbs.push(db);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
  });

  it('migrates once: opening again changes nothing and keeps the data', async () => {
    const first = open();
    await new SubscriptionStore(first).upsert(CHANNEL, T0);
    const second = open();
    expect((await new SubscriptionStore(second).find('discord', CHANNEL.channelId))?.cron).toBe(
      '0 9 * * *',
    );
  });

  it('lets processes that start together on a new file all migrate it, ten times over', async () => {
    const child = join(PROJECT_ROOT, 'test', 'schedule', 'open-database-child.mjs');
    for (let round = 0; round < 10; round += 1) {
      const path = join(dir, `race-${round}.db`);
      // Node takes a few hundred milliseconds to start: they all open the file at this instant.
      const startAt = String(Date.now() + 800);
      const results = await Promise.allSettled(
        [1, 2, 3].map(() => run(process.execPath, [child, path, startAt], { env: cleanEnv({}) })),
      );
      const failures = results.flatMap((r) => (r.status === 'rejected' ? [String(r.reason)] : []));
      expect(failures).toEqual([]);
      const versions = results.map((r) => (r.status === 'fulfilled' ? r.value.stdout : ''));
      expect(versions).toEqual([1, 2, 3].map(() => String(SCHEMA_VERSION)));
    }
  }, 60_000);

  it("waits for another connection's write lock between event-loop turns, not on them", async () => {
    const store = new SubscriptionStore(open());
    const holder = open();
    holder.exec('BEGIN IMMEDIATE');
    const events: string[] = [];
    // Only a free event loop runs this timer; a write waiting on it synchronously never would.
    setTimeout(() => {
      events.push('other process commits');
      holder.exec('COMMIT');
    }, 200);
    await store.upsert(CHANNEL, T0);
    events.push('our write done');
    expect(events).toEqual(['other process commits', 'our write done']);
    expect((await store.find('discord', CHANNEL.channelId))?.cron).toBe('0 9 * * *');
  });

  it('refuses a database from a newer version of the bot', () => {
    const db = open();
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    expect(() => open()).toThrow(/newer than this sakura-bot/);
  });
});

describe('subscriptions', () => {
  it('keeps one per channel; subscribing again changes the schedule and resumes it', async () => {
    const store = new SubscriptionStore(open());
    const { subscription, created } = await store.upsert(CHANNEL, T0);
    expect(created).toBe(true);
    await store.pause(subscription.id, 'Missing Access', at(1));
    expect(await store.active(['discord'])).toEqual([]);
    const again = await store.upsert({ ...CHANNEL, cron: '0 9 * * 1-5' }, at(5));
    expect(again.created).toBe(false);
    expect(again.subscription).toMatchObject({
      id: subscription.id,
      cron: '0 9 * * 1-5',
      pausedReason: null,
      scheduleFrom: at(5),
    });
  });

  it('leaves configured subscriptions alone on restart unless their schedule changed', async () => {
    const store = new SubscriptionStore(open());
    const configured = { ...CHANNEL, workspaceId: null, createdBy: 'config' };
    const find = () => store.find('discord', CHANNEL.channelId);
    expect(await store.ensure(configured, T0)).toBe('created');
    await store.markChecked([(await find())?.id ?? -1], at(30));
    expect(await store.ensure(configured, at(60))).toBe('unchanged');
    expect((await find())?.scheduleFrom).toEqual(T0);
    await store.pause((await find())?.id ?? -1, 'Missing Access', at(61));
    expect(await store.ensure(configured, at(62))).toBe('resumed');
    expect(await find()).toMatchObject({ pausedReason: null, scheduleFrom: T0 });
    expect(await store.ensure({ ...configured, cron: '0 8 * * *' }, at(90))).toBe('updated');
    expect(await store.removeConfiguredExcept('discord', 'config', [])).toBe(1);
  });

  it('lists a workspace its own channels only, and a configured one once its workspace is known', async () => {
    const store = new SubscriptionStore(open());
    const guildA = '444444444444444444';
    const guildB = '555555555555555555';
    await store.upsert({ ...CHANNEL, workspaceId: guildA, channelId: '600000000000000001' }, T0);
    await store.upsert({ ...CHANNEL, workspaceId: guildB, channelId: '600000000000000002' }, T0);
    const configured = { ...CHANNEL, workspaceId: null, createdBy: 'config' };
    await store.ensure({ ...configured, channelId: '600000000000000003' }, T0);
    const listed = async (workspace: string | null) =>
      (await store.listForWorkspace('discord', workspace)).map((sub) => sub.channelId);
    expect(await listed(guildA)).toEqual(['600000000000000001']);
    expect(await listed(guildB)).toEqual(['600000000000000002']);
    expect(await listed(null)).toEqual([]);
    expect((await store.withoutWorkspace('discord')).map((sub) => sub.channelId)).toEqual([
      '600000000000000003',
    ]);
    expect(await store.learnWorkspace('discord', '600000000000000003', guildB)).toBe(true);
    expect(await listed(guildA)).toEqual(['600000000000000001']);
    expect(await listed(guildB)).toEqual(['600000000000000002', '600000000000000003']);
    // Learned once; a later answer never moves a channel to another workspace.
    expect(await store.learnWorkspace('discord', '600000000000000003', guildA)).toBe(false);
  });
});

describe('delivery ledger', () => {
  const subscribed = async (db: Database) =>
    (await new SubscriptionStore(db).upsert(CHANNEL, T0)).subscription;

  it('lets exactly one of two connections claim a slot', async () => {
    const a = new DeliveryLedger(open(), 'process-a');
    const b = new DeliveryLedger(open(), 'process-b');
    const sub = await subscribed(dbs[0] as Database);
    const claims = await Promise.all([
      a.claim(sub.id, at(540), at(542), at(540)),
      b.claim(sub.id, at(540), at(542), at(540)),
    ]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await a.claim(sub.id, at(600), at(602), at(600))).toBeDefined();
  });

  it('hands over a claim only after its lease ran out, and only to one taker', async () => {
    const a = new DeliveryLedger(open(), 'process-a');
    const b = new DeliveryLedger(open(), 'process-b');
    const c = new DeliveryLedger(open(), 'process-c');
    const sub = await subscribed(dbs[0] as Database);
    const claim = await a.claim(sub.id, at(540), at(542), at(540));
    if (!claim) throw new Error('no claim');
    expect(await b.unsettled(T0, at(541))).toEqual([]);
    expect(await b.reclaim(claim, at(545), at(541))).toBeUndefined();
    const expired = await b.unsettled(T0, at(543));
    expect(expired.map((d) => d.id)).toEqual([claim.id]);
    const [byB, byC] = await Promise.all([
      b.reclaim(claim, at(545), at(543)),
      c.reclaim(claim, at(545), at(543)),
    ]);
    expect(byB?.fence).toBe(claim.fence + 1);
    expect(byC).toBeUndefined();
  });

  it('fences a stalled owner out: its renewals and late results change nothing', async () => {
    const db = open();
    const a = new DeliveryLedger(db, 'process-a');
    const b = new DeliveryLedger(open(), 'process-b');
    const sub = await subscribed(db);
    const stale = await a.claim(sub.id, at(540), at(542), at(540));
    if (!stale) throw new Error('no claim');
    const taken = await b.reclaim(stale, at(546), at(543));
    if (!taken) throw new Error('no take-over');
    expect(await a.renew(stale, at(548), at(544), { countAttempt: true })).toBe(false);
    expect(await b.settle(taken, 'sent', at(544), { messageId: 'by-b' })).toBe(true);
    expect(await a.settle(stale, 'sent', at(545), { messageId: 'by-a' })).toBe(false);
    expect(await a.settle(stale, 'failed', at(545), { error: 'late' })).toBe(false);
    expect(db.prepare('SELECT status, message_id, owner FROM deliveries').get()).toEqual({
      status: 'sent',
      message_id: 'by-b',
      owner: 'process-b',
    });
  });

  it('lets the owner renew a lease that ran out while nobody took it over', async () => {
    const a = new DeliveryLedger(open(), 'process-a');
    const sub = await subscribed(dbs[0] as Database);
    const claim = await a.claim(sub.id, at(540), at(542), at(540));
    if (!claim) throw new Error('no claim');
    expect(await a.renew(claim, at(546), at(543), { countAttempt: true })).toBe(true);
    expect(await a.unsettled(T0, at(544))).toEqual([]);
  });

  it('records missed slots once and remembers the last digest sent', async () => {
    const db = open();
    const ledger = new DeliveryLedger(db, 'p');
    const sub = await subscribed(db);
    expect(await ledger.recordMissed(sub.id, [at(60), at(120)], at(200))).toBe(2);
    expect(await ledger.recordMissed(sub.id, [at(60)], at(201))).toBe(0);
    expect(await ledger.claim(sub.id, at(60), at(202), at(200))).toBeUndefined();
    const claim = await ledger.claim(sub.id, at(180), at(202), at(200));
    expect(await ledger.lastSent(sub.id)).toBeUndefined();
    if (claim)
      await ledger.settle(claim, 'sent', at(200), { messageId: 'm1', shownRevisions: { a: 'r1' } });
    expect(await ledger.lastSent(sub.id)).toEqual({ slot: at(180), shownRevisions: { a: 'r1' } });
    expect(await ledger.countByStatus(sub.id)).toEqual({ missed: 2, sent: 1 });
    const stuck = await ledger.claim(sub.id, at(240), at(242), at(240));
    if (!stuck) throw new Error('no claim');
    await ledger.settle(stuck, 'retrying', at(241), { error: '503 Service Unavailable' });
    expect(await ledger.giveUp(stuck, at(400))).toBe(true);
    const row = db
      .prepare('SELECT status, error FROM deliveries WHERE slot = ?')
      .get(at(240).getTime());
    expect(row).toEqual({
      status: 'failed',
      error: 'gave up: older than the catch-up window; last error: 503 Service Unavailable',
    });
  });
});
