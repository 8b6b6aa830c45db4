import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/schedule/database.js';
import { DeliveryLedger } from '../../src/schedule/deliveries.js';
import { SCHEMA_VERSION } from '../../src/schedule/migrations.js';
import { SubscriptionStore } from '../../src/schedule/subscriptions.js';

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

  it('migrates once: opening again changes nothing and keeps the data', () => {
    const first = open();
    new SubscriptionStore(first).upsert(CHANNEL, T0);
    const second = open();
    expect(new SubscriptionStore(second).find('discord', CHANNEL.channelId)?.cron).toBe(
      '0 9 * * *',
    );
  });

  it('refuses a database from a newer version of the bot', () => {
    const db = open();
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    expect(() => open()).toThrow(/newer than this sakura-bot/);
  });
});

describe('subscriptions', () => {
  it('keeps one per channel; subscribing again changes the schedule and resumes it', () => {
    const store = new SubscriptionStore(open());
    const { subscription, created } = store.upsert(CHANNEL, T0);
    expect(created).toBe(true);
    store.pause(subscription.id, 'Missing Access', at(1));
    expect(store.active(['discord'])).toEqual([]);
    const again = store.upsert({ ...CHANNEL, cron: '0 9 * * 1-5' }, at(5));
    expect(again.created).toBe(false);
    expect(again.subscription).toMatchObject({
      id: subscription.id,
      cron: '0 9 * * 1-5',
      pausedReason: null,
      scheduleFrom: at(5),
    });
  });

  it('leaves configured subscriptions alone on restart unless their schedule changed', () => {
    const store = new SubscriptionStore(open());
    const configured = { ...CHANNEL, workspaceId: null, createdBy: 'config' };
    expect(store.ensure(configured, T0)).toBe('created');
    store.markChecked([store.find('discord', CHANNEL.channelId)?.id ?? -1], at(30));
    expect(store.ensure(configured, at(60))).toBe('unchanged');
    expect(store.find('discord', CHANNEL.channelId)?.scheduleFrom).toEqual(T0);
    const id = store.find('discord', CHANNEL.channelId)?.id ?? -1;
    store.pause(id, 'Missing Access', at(61));
    expect(store.ensure(configured, at(62))).toBe('resumed');
    expect(store.find('discord', CHANNEL.channelId)).toMatchObject({
      pausedReason: null,
      scheduleFrom: T0,
    });
    expect(store.ensure({ ...configured, cron: '0 8 * * *' }, at(90))).toBe('updated');
    expect(store.removeConfiguredExcept('discord', 'config', [])).toBe(1);
  });
});

describe('delivery ledger', () => {
  it('lets exactly one of two connections claim a slot', () => {
    const a = new DeliveryLedger(open(), 'process-a');
    const b = new DeliveryLedger(open(), 'process-b');
    const sub = new SubscriptionStore(dbs[0] as Database).upsert(CHANNEL, T0).subscription;
    const claims = [
      a.claim(sub.id, at(540), at(542), at(540)),
      b.claim(sub.id, at(540), at(542), at(540)),
    ];
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(a.claim(sub.id, at(600), at(602), at(600))).toBeDefined();
  });

  it('hands over a claim only after its lease ran out, and only to one taker', () => {
    const a = new DeliveryLedger(open(), 'process-a');
    const b = new DeliveryLedger(open(), 'process-b');
    const c = new DeliveryLedger(open(), 'process-c');
    const sub = new SubscriptionStore(dbs[0] as Database).upsert(CHANNEL, T0).subscription;
    const claim = a.claim(sub.id, at(540), at(542), at(540));
    if (!claim) throw new Error('no claim');
    expect(b.unsettled(T0, at(541))).toEqual([]);
    expect(b.reclaim(claim.id, at(545), at(541))).toBe(false);
    expect(b.unsettled(T0, at(543)).map((d) => d.id)).toEqual([claim.id]);
    expect([b.reclaim(claim.id, at(545), at(543)), c.reclaim(claim.id, at(545), at(543))]).toEqual([
      true,
      false,
    ]);
  });

  it('records missed slots once and remembers the last digest sent', () => {
    const db = open();
    const ledger = new DeliveryLedger(db, 'p');
    const sub = new SubscriptionStore(db).upsert(CHANNEL, T0).subscription;
    expect(ledger.recordMissed(sub.id, [at(60), at(120)], at(200))).toBe(2);
    expect(ledger.recordMissed(sub.id, [at(60)], at(201))).toBe(0);
    expect(ledger.claim(sub.id, at(60), at(202), at(200))).toBeUndefined();
    const claim = ledger.claim(sub.id, at(180), at(202), at(200));
    expect(ledger.lastSentSlot(sub.id)).toBeUndefined();
    if (claim) ledger.settle(claim.id, 'sent', at(200), { messageId: 'm1' });
    expect(ledger.lastSentSlot(sub.id)).toEqual(at(180));
    expect(ledger.countByStatus(sub.id)).toEqual({ missed: 2, sent: 1 });
    const stuck = ledger.claim(sub.id, at(240), at(242), at(240));
    if (stuck) ledger.settle(stuck.id, 'retrying', at(241), { error: '503 Service Unavailable' });
    if (stuck) ledger.giveUp(stuck.id, at(400));
    const row = db
      .prepare('SELECT status, error FROM deliveries WHERE slot = ?')
      .get(at(240).getTime());
    expect(row).toEqual({
      status: 'failed',
      error: 'gave up: older than the catch-up window; last error: 503 Service Unavailable',
    });
  });
});
