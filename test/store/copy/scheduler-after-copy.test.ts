import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { copyStore } from '../../../src/store/copy/copy.js';
import { openSource } from '../../../src/store/copy/source.js';
import { createPool } from '../../../src/store/postgres/connect.js';
import {
  channelIds,
  type DigestBot,
  manage,
  startDigestBot,
  TestClock,
  tempDatabase,
} from '../../discord/digest-helpers.js';
import { FakeDiscord } from '../../support/fake-discord/fake-discord.js';
import { postgresEngine } from '../engines.js';

/**
 * The move as an operator makes it, with the real Discord adapter against the fake Discord: a
 * bot on SQLite posts a slot to one channel and is left retrying another (Discord answered
 * 500), is stopped, its file is copied, and a bot on PostgreSQL takes over. The sent slot is not
 * sent again; the one still owed is sent, once.
 */
const SLOT = new Date('2026-04-06T00:00:00Z');
const MINUTE = 60_000;

const target = postgresEngine();
let fake: FakeDiscord;
let db: ReturnType<typeof tempDatabase>;
const bots: DigestBot[] = [];

beforeAll(async () => {
  fake = await FakeDiscord.start();
});
afterAll(async () => {
  await fake?.close();
  await target.dispose();
});
beforeEach(async () => {
  db = tempDatabase();
  await target.fresh();
});
afterEach(async () => {
  fake.channels.setFault(undefined);
  for (const bot of bots.splice(0)) await bot.stop().catch(() => undefined);
  await target.cleanUp();
  db.remove();
});

it('a PostgreSQL bot after the copy neither sends a slot again nor loses one owed', async () => {
  const [sent = '', owed = ''] = channelIds(2);
  const clock = new TestClock(new Date(SLOT.getTime() - 30 * MINUTE));
  const options = { databasePath: db.path, clock, start: { rest: { retries: 0 } } };
  const before = await startDigestBot(fake, options);
  bots.push(before);
  await manage(fake, 'subscribe', sent, { schedule: 'daily' });
  await manage(fake, 'subscribe', owed, { schedule: 'daily' });
  fake.channels.setFault(({ channelId }) =>
    channelId === owed ? { kind: 'error', status: 500 } : undefined,
  );
  clock.set(SLOT);
  await before.tick(SLOT);
  expect(fake.channels.messages(sent)).toHaveLength(1);
  expect(fake.channels.messages(owed)).toHaveLength(0);
  expect(await before.digests.ledger.countByStatus()).toEqual({ sent: 1, retrying: 1 });
  bots.splice(0);
  await before.stop();
  fake.channels.setFault(undefined);

  const source = openSource(db.path);
  const pool = createPool(target.target());
  try {
    await copyStore(source, pool, { dryRun: false, merge: false });
  } finally {
    await pool.end();
    source.close();
  }

  clock.set(new Date(SLOT.getTime() + 2 * MINUTE));
  const after = await startDigestBot(fake, { ...options, env: { DATABASE_URL: target.target() } });
  bots.push(after);
  expect(after.digests.store.engine).toBe('postgres');
  await after.tick(clock.now());
  await after.tick(new Date(SLOT.getTime() + 3 * MINUTE));
  expect(fake.channels.messages(sent)).toHaveLength(1);
  expect(fake.channels.messages(owed)).toHaveLength(1);
  expect(await after.digests.ledger.countByStatus()).toEqual({ sent: 2 });
});
