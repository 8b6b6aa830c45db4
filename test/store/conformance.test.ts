import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/paths.js';
import type { Store } from '../../src/store/contract.js';
import { openStore } from '../../src/store/open-store.js';
import { cleanEnv } from '../support/built-bot.js';
import { CHANNEL } from '../support/subscription.js';
import { type EngineUnderTest, postgresEngine, sqliteEngine } from './engines.js';

/**
 * The storage contract, once, against both engines: whatever the scheduler and the admin
 * commands rely on must hold on SQLite and on PostgreSQL alike.
 */
const run = promisify(execFile);
const T0 = new Date('2026-04-03T00:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

describe.each([sqliteEngine(), postgresEngine()])('$name store', (engine: EngineUnderTest) => {
  beforeEach(() => engine.fresh());
  afterEach(() => engine.cleanUp());
  afterAll(() => engine.dispose());

  const subscribed = async (store: Store) =>
    (await store.subscriptions.upsert(CHANNEL, T0)).subscription;

  describe('migrations', () => {
    it('migrates once: opening again changes nothing and keeps the data', async () => {
      const first = await engine.open('a');
      await first.subscriptions.upsert(CHANNEL, T0);
      const second = await engine.open('b');
      expect((await second.subscriptions.find('discord', CHANNEL.channelId))?.cron).toBe(
        '0 9 * * *',
      );
    });

    it('answers a ping while open, and refuses one once closed (readiness)', async () => {
      const store = await engine.open('a');
      await expect(store.ping()).resolves.toBeUndefined();
      await store.close();
      await expect(store.ping()).rejects.toThrow();
    });

    it('refuses a database from a newer version of the bot', async () => {
      await engine.open('a');
      await engine.bumpSchemaVersion();
      await expect(engine.open('b')).rejects.toThrow(/newer than this sakura-bot/);
    });

    it('lets three processes that start together all migrate a new database, three times over', async () => {
      const child = join(PROJECT_ROOT, 'test', 'store', 'open-store-child.mjs');
      for (let round = 0; round < 3; round += 1) {
        if (round > 0) {
          await engine.cleanUp();
          await engine.fresh();
        }
        // Node takes a few hundred milliseconds to start: they all open it at this instant.
        const startAt = String(Date.now() + 800);
        const results = await Promise.allSettled(
          [1, 2, 3].map(() =>
            run(process.execPath, [child, engine.target(), startAt], { env: cleanEnv({}) }),
          ),
        );
        const failures = results.flatMap((r) =>
          r.status === 'rejected' ? [String(r.reason)] : [],
        );
        expect(failures).toEqual([]);
        const outputs = results.map((r) => (r.status === 'fulfilled' ? r.value.stdout : ''));
        expect(outputs).toEqual([1, 2, 3].map(() => `open ${engine.name} {}`));
      }
    }, 60_000);
  });

  describe('subscriptions', () => {
    it('keeps one per channel; subscribing again changes the schedule and resumes it', async () => {
      const { subscriptions } = await engine.open('a');
      const { subscription, created } = await subscriptions.upsert(CHANNEL, T0);
      expect(created).toBe(true);
      await subscriptions.pause(subscription.id, 'Missing Access', at(1));
      expect(await subscriptions.active(['discord'])).toEqual([]);
      const again = await subscriptions.upsert({ ...CHANNEL, cron: '0 9 * * 1-5' }, at(5));
      expect(again.created).toBe(false);
      expect(again.subscription).toMatchObject({
        id: subscription.id,
        cron: '0 9 * * 1-5',
        pausedReason: null,
        scheduleFrom: at(5),
        createdAt: T0,
      });
      expect((await subscriptions.get(subscription.id))?.cron).toBe('0 9 * * 1-5');
      expect(await subscriptions.remove('discord', CHANNEL.channelId)).toBe(true);
      expect(await subscriptions.remove('discord', CHANNEL.channelId)).toBe(false);
      expect(await subscriptions.get(subscription.id)).toBeUndefined();
    });

    it('leaves configured subscriptions alone on restart unless their schedule changed', async () => {
      const { subscriptions: store } = await engine.open('a');
      const configured = { ...CHANNEL, workspaceId: null, createdBy: 'config' };
      const find = () => store.find('discord', CHANNEL.channelId);
      expect(await store.ensure(configured, T0)).toBe('created');
      await store.markChecked([(await find())?.id ?? -1], at(30));
      // Never backwards.
      await store.markChecked([(await find())?.id ?? -1], at(10));
      expect((await find())?.checkedUntil).toEqual(at(30));
      expect(await store.ensure(configured, at(60))).toBe('unchanged');
      expect((await find())?.scheduleFrom).toEqual(T0);
      await store.pause((await find())?.id ?? -1, 'Missing Access', at(61));
      expect(await store.ensure(configured, at(62))).toBe('resumed');
      expect(await find()).toMatchObject({ pausedReason: null, scheduleFrom: T0 });
      expect(await store.ensure({ ...configured, cron: '0 8 * * *' }, at(90))).toBe('updated');
      expect(await find()).toMatchObject({ cron: '0 8 * * *', scheduleFrom: at(90) });
      await store.upsert({ ...CHANNEL, channelId: '222222222222222223' }, T0);
      expect(await store.removeConfiguredExcept('discord', 'config', ['999'])).toBe(1);
      expect((await store.active(['discord'])).map((sub) => sub.channelId)).toEqual([
        '222222222222222223',
      ]);
    });

    it('lets replicas ensure the same configured channel at once: one creates it', async () => {
      const [a, b, c] = await Promise.all(['a', 'b', 'c'].map((owner) => engine.open(owner)));
      const configured = { ...CHANNEL, workspaceId: null, createdBy: 'config' };
      const changes = await Promise.all(
        [a, b, c].map((store, i) => store?.subscriptions.ensure(configured, at(i))),
      );
      expect(changes.sort()).toEqual(['created', 'unchanged', 'unchanged']);
    });

    it('lists a workspace its own channels only, and a configured one once its workspace is known', async () => {
      const { subscriptions: store } = await engine.open('a');
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
      // Slack's channels are Slack's: the same workspace id on Discord lists nothing there.
      expect(await store.listForWorkspace('slack', guildA)).toEqual([]);
      expect(await store.active(['slack'])).toEqual([]);
      expect(await store.active([])).toEqual([]);
    });
  });

  describe('delivery ledger', () => {
    it('lets exactly one of two connections claim a slot', async () => {
      const [a, b] = [await engine.open('process-a'), await engine.open('process-b')];
      const sub = await subscribed(a);
      const claims = await Promise.all([
        a.ledger.claim(sub.id, at(540), at(542), at(540)),
        b.ledger.claim(sub.id, at(540), at(542), at(540)),
      ]);
      expect(claims.filter(Boolean)).toHaveLength(1);
      expect(await a.ledger.claim(sub.id, at(600), at(602), at(600))).toMatchObject({
        subscriptionId: sub.id,
        slot: at(600),
        status: 'claimed',
        attempts: 0,
        fence: 1,
      });
    });

    it('splits 200 slots raced by two connections: each claimed exactly once', async () => {
      const [a, b] = [await engine.open('process-a'), await engine.open('process-b')];
      const sub = await subscribed(a);
      const slots = Array.from({ length: 200 }, (_, i) => at(i));
      const race = (store: Store) =>
        Promise.all(slots.map((slot) => store.ledger.claim(sub.id, slot, at(500), at(0))));
      const [byA, byB] = await Promise.all([race(a), race(b)]);
      const won = slots.map((_, i) => Number(Boolean(byA[i])) + Number(Boolean(byB[i])));
      expect(won.every((n) => n === 1)).toBe(true);
      expect(await engine.query('SELECT CAST(COUNT(*) AS INTEGER) AS n FROM deliveries')).toEqual([
        { n: 200 },
      ]);
    });

    it('hands over a claim only after its lease ran out, and only to one taker', async () => {
      const a = (await engine.open('process-a')).ledger;
      const b = (await engine.open('process-b')).ledger;
      const c = (await engine.open('process-c')).ledger;
      const sub = await subscribed(await engine.open('admin'));
      const claim = await a.claim(sub.id, at(540), at(542), at(540));
      if (!claim) throw new Error('no claim');
      expect(await b.unsettled(T0, at(541))).toEqual([]);
      expect(await b.reclaim(claim, at(545), at(541))).toBeUndefined();
      const expired = await b.unsettled(T0, at(543));
      expect(expired.map((d) => d.id)).toEqual([claim.id]);
      expect(await b.unsettled(at(541), at(543))).toEqual([]);
      const [byB, byC] = await Promise.all([
        b.reclaim(claim, at(545), at(543)),
        c.reclaim(claim, at(545), at(543)),
      ]);
      // Either may win the race; exactly one does, with the next fence.
      const winners = [byB, byC].filter((taken) => taken !== undefined);
      expect(winners.map((taken) => taken.fence)).toEqual([claim.fence + 1]);
    });

    it('fences a stalled owner out: its renewals and late results change nothing', async () => {
      const storeA = await engine.open('process-a');
      const a = storeA.ledger;
      const b = (await engine.open('process-b')).ledger;
      const sub = await subscribed(storeA);
      const stale = await a.claim(sub.id, at(540), at(542), at(540));
      if (!stale) throw new Error('no claim');
      const taken = await b.reclaim(stale, at(546), at(543));
      if (!taken) throw new Error('no take-over');
      expect(await a.renew(stale, at(548), at(544), { countAttempt: true })).toBe(false);
      expect(await b.renew(taken, at(548), at(544), { countAttempt: true })).toBe(true);
      expect(await b.settle(taken, 'sent', at(544), { messageId: 'by-b' })).toBe(true);
      expect(await a.settle(stale, 'sent', at(545), { messageId: 'by-a' })).toBe(false);
      expect(await a.settle(stale, 'failed', at(545), { error: 'late' })).toBe(false);
      expect(await b.settle(taken, 'failed', at(545), { error: 'twice' })).toBe(false);
      expect(
        await engine.query('SELECT status, message_id, owner, attempts FROM deliveries'),
      ).toEqual([{ status: 'sent', message_id: 'by-b', owner: 'process-b', attempts: 1 }]);
    });

    it('lets the owner renew a lease that ran out while nobody took it over', async () => {
      const store = await engine.open('process-a');
      const sub = await subscribed(store);
      const claim = await store.ledger.claim(sub.id, at(540), at(542), at(540));
      if (!claim) throw new Error('no claim');
      expect(await store.ledger.renew(claim, at(546), at(543), { countAttempt: true })).toBe(true);
      expect(await store.ledger.unsettled(T0, at(544))).toEqual([]);
    });

    it('hands a retrying delivery to the next taker at once, with a new fence', async () => {
      const a = await engine.open('process-a');
      const b = await engine.open('process-b');
      const sub = await subscribed(a);
      const claim = await a.ledger.claim(sub.id, at(540), at(542), at(540));
      if (!claim) throw new Error('no claim');
      await a.ledger.settle(claim, 'retrying', at(540), { error: '503' });
      const [unsettled] = await b.ledger.unsettled(T0, at(540));
      expect(unsettled).toMatchObject({ id: claim.id, status: 'retrying' });
      const taken = unsettled && (await b.ledger.reclaim(unsettled, at(545), at(540)));
      expect(taken).toMatchObject({ id: claim.id, status: 'claimed', fence: 2 });
    });

    it(`takes over a dead owner's claims ${engine.detectsDeadOwners ? 'at once' : 'only once their lease ran out'}`, async () => {
      const doomed = await engine.open('process-doomed');
      const survivor = await engine.open('process-survivor');
      const sub = await subscribed(survivor);
      const claim = await doomed.ledger.claim(sub.id, at(540), at(542), at(540));
      if (!claim) throw new Error('no claim');
      expect(await survivor.ledger.unsettled(T0, at(540))).toEqual([]);
      // Closing is what the server sees when a process dies: its connections end.
      await doomed.close();
      const beforeLease = await survivor.ledger.unsettled(T0, at(541));
      expect(beforeLease.map((d) => d.id)).toEqual(engine.detectsDeadOwners ? [claim.id] : []);
      expect((await survivor.ledger.unsettled(T0, at(543))).map((d) => d.id)).toEqual([claim.id]);
    });

    it('records missed slots once and remembers the last digest sent', async () => {
      const store = await engine.open('p');
      const { ledger } = store;
      const sub = await subscribed(store);
      expect(await ledger.recordMissed(sub.id, [at(60), at(120)], at(200))).toBe(2);
      expect(await ledger.recordMissed(sub.id, [at(60)], at(201))).toBe(0);
      expect(await ledger.recordMissed(sub.id, [], at(201))).toBe(0);
      expect(await ledger.claim(sub.id, at(60), at(202), at(200))).toBeUndefined();
      const claim = await ledger.claim(sub.id, at(180), at(202), at(200));
      expect(await ledger.lastSent(sub.id)).toBeUndefined();
      if (claim)
        await ledger.settle(claim, 'sent', at(200), {
          messageId: 'm1',
          shownRevisions: { a: 'r1' },
        });
      expect(await ledger.lastSent(sub.id)).toEqual({
        slot: at(180),
        shownRevisions: { a: 'r1' },
      });
      expect(await ledger.countByStatus(sub.id)).toEqual({ missed: 2, sent: 1 });
      const stuck = await ledger.claim(sub.id, at(240), at(242), at(240));
      if (!stuck) throw new Error('no claim');
      await ledger.settle(stuck, 'retrying', at(241), { error: '503 Service Unavailable' });
      expect(await ledger.giveUp(stuck, at(400))).toBe(true);
      expect(await ledger.giveUp(stuck, at(401))).toBe(false);
      expect(
        await engine.query(
          `SELECT status, error FROM deliveries WHERE slot = ${at(240).getTime()}`,
        ),
      ).toEqual([
        {
          status: 'failed',
          error: 'gave up: older than the catch-up window; last error: 503 Service Unavailable',
        },
      ]);
      expect(await ledger.countByStatus()).toEqual({ missed: 2, sent: 1, failed: 1 });
      // Removing the subscription removes its deliveries.
      await store.subscriptions.remove('discord', CHANNEL.channelId);
      expect(await ledger.countByStatus()).toEqual({});
    });
  });

  describe('shared rate budget', () => {
    it('spaces turns across connections at the limit, after a burst', async () => {
      const [a, b] = [await engine.open('a'), await engine.open('b')];
      const limit = { perSecond: 10, burst: 3 };
      // When each reserved turn starts, on this clock: the call's midpoint plus the wait.
      const turns: number[] = [];
      // Alternating between two "replicas": one budget.
      for (let i = 0; i < 8; i += 1) {
        const before = performance.now();
        const wait = await (i % 2 ? a : b).rateBudget.reserve('discord:global', limit);
        turns.push((before + performance.now()) / 2 + wait);
      }
      const gaps = turns.slice(1).map((turn, i) => turn - (turns[i] as number));
      // The burst goes at once (a wait of 0: the gap is only the calls' own time), then one
      // turn every 100 ms however fast the calls come.
      for (const gap of gaps.slice(0, 2)) expect(gap).toBeLessThan(60);
      for (const gap of gaps.slice(3)) {
        expect(gap).toBeGreaterThan(60);
        expect(gap).toBeLessThan(140);
      }
      // Another budget is another budget.
      expect(await a.rateBudget.reserve('slack:global', limit)).toBe(0);
    });
  });
});

describe('a PostgreSQL that cannot be reached', () => {
  it('fails to open with where it looked and why, never the password', async () => {
    const attempt = openStore({
      DATABASE_PATH: '',
      // Port 1 on loopback: nothing listens there.
      DATABASE_URL: 'postgres://bot:secret-pw@127.0.0.1:1/sakura',
    });
    await expect(attempt).rejects.toThrow(
      /^the PostgreSQL database at 127\.0\.0\.1:1\/sakura could not be opened: .*ECONNREFUSED/,
    );
    await expect(attempt).rejects.not.toThrow(/secret-pw/);
  });
});
