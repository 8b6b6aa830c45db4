import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { digestNonce } from '../../src/adapters/discord/digest/poster.js';
import { digestAnswer } from '../../src/core/index.js';
import { DEFAULT_LEASE_MS as LEASE_MS } from '../../src/schedule/delivery.js';
import type { TickReport } from '../../src/schedule/scheduler.js';
import { FakeDiscord, type MessageFault } from '../support/fake-discord/fake-discord.js';
import {
  channelIds,
  type DigestBot,
  manage,
  RealSleepClock,
  startDigestBot,
  TestClock,
  tempDatabase,
  until,
} from './digest-helpers.js';
import { startDigestProcess } from './digest-process.js';
import { embedText } from './embed-checks.js';
import { story } from './helpers.js';

/**
 * Posting a slot exactly once per channel against the fake Discord: a process killed in the
 * middle of a fan-out, two processes on one database file, faults on a fifth of the sends,
 * Discord's global limit, and channels Discord refuses.
 */

/** 09:00 in Tokyo on Monday 6 April 2026; subscriptions are made half an hour before. */
const SLOT = new Date('2026-04-06T00:00:00Z');
const T0 = new Date(SLOT.getTime() - 30 * 60_000);

let fake: FakeDiscord;
let db: ReturnType<typeof tempDatabase>;
let clock: TestClock;
let bots: DigestBot[];

beforeAll(async () => {
  fake = await FakeDiscord.start();
});
afterAll(async () => {
  await fake?.close();
});
beforeEach(() => {
  db = tempDatabase();
  clock = new TestClock(T0);
  bots = [];
  fake.channels.setFault(undefined);
  fake.channels.resetStats();
  fake.channels.historyHidden = false;
});
afterEach(async () => {
  fake.channels.setFault(undefined);
  fake.channels.releaseHeld();
  for (const bot of bots) await bot.stop().catch(() => undefined);
  db.remove();
});

async function start(
  options: Partial<Parameters<typeof startDigestBot>[1]> = {},
  on: FakeDiscord = fake,
) {
  const bot = await startDigestBot(on, { databasePath: db.path, clock, ...options });
  bots.push(bot);
  return bot;
}

/** Subscribes each channel to 09:00 Tokyo, as `/sakura-digest subscribe daily` would. */
async function subscribe(bot: DigestBot, channels: readonly string[], on: FakeDiscord = fake) {
  for (const channelId of channels) {
    await bot.digests.subscriptions.upsert(
      {
        platform: 'discord',
        workspaceId: on.guildId,
        channelId,
        cron: '0 9 * * *',
        timezone: 'Asia/Tokyo',
        lang: 'en',
        createdBy: on.asker.id,
      },
      clock.now(),
    );
  }
}

/** Messages per channel, for every channel asked about (0 where none arrived). */
const postsPer = (channels: readonly string[], on: FakeDiscord = fake) =>
  channels.map((channel) => on.channels.messages(channel).length);

const total = (reports: { sent: number; skipped: number; retrying: number; paused: number }[]) =>
  reports.reduce(
    (sum, r) => ({
      sent: sum.sent + r.sent,
      skipped: sum.skipped + r.skipped,
      retrying: sum.retrying + r.retrying,
      paused: sum.paused + r.paused,
    }),
    { sent: 0, skipped: 0, retrying: 0, paused: 0 },
  );

describe('a process killed in the middle of a fan-out', () => {
  it.each([
    {
      when: 'within Discord’s nonce window, without Read Message History: the nonce',
      afterKill: () => {
        fake.channels.historyHidden = true;
      },
      deduped: 2,
    },
    {
      when: 'after Discord forgot the nonces, with Read Message History: findPosted',
      afterKill: () => fake.channels.forgetNonces(),
      deduped: 0,
    },
  ])(
    'is taken over after its lease, each channel posted once ($when)',
    async ({ afterKill, deduped }) => {
      const channels = channelIds(12);
      // Four sends at a time, so some are done, some in flight and some not started at the kill.
      // No discord.js retry: a killed process sends nothing more once it is dead.
      const killed = await start({ start: { digest: { concurrency: 4 }, rest: { retries: 0 } } });
      await subscribe(killed, channels);
      // Sends 1 and 2 are answered; from the 3rd, Discord holds every send: it creates every other
      // message (odd sends) before the process dies, and none of the answers reach it.
      fake.channels.setFault(({ n }) =>
        n <= 2 ? undefined : { kind: 'hold', stored: n % 2 === 1 },
      );
      clock.set(SLOT);
      const abandoned = killed.tick(SLOT).then(
        () => 'finished',
        (error: unknown) => error,
      );
      await until(() => fake.channels.heldCount === 4, 'four sends in flight');
      expect(fake.channels.stats.posts).toBe(6);
      expect(fake.channels.stats.created).toBe(4);

      // The kill: its database handle and its client go; nothing it has in flight gets answered.
      killed.digests.close();
      await killed.platform.stop();
      afterKill();

      // A new process on the same file, once the dead one's claims have run out.
      fake.channels.setFault(undefined);
      clock.advance(LEASE_MS + 60_000);
      const restarted = await start();
      const reports = await restarted.tick(clock.now());
      expect(total(reports)).toMatchObject({ sent: 10, retrying: 0, paused: 0 });
      expect(postsPer(channels)).toEqual(channels.map(() => 1));
      // The two messages created before the kill were found, through the nonce or the history.
      expect(fake.channels.stats.deduped).toBe(deduped);
      expect(fake.channels.stats.posts).toBe(6 + 10 - (2 - deduped));
      expect(await restarted.digests.ledger.countByStatus()).toEqual({ sent: 12 });

      // The dead process's sends now get their answers: it can record nothing, and posts nothing.
      fake.channels.releaseHeld();
      expect(await abandoned).toBeInstanceOf(Error);
      expect(postsPer(channels)).toEqual(channels.map(() => 1));
      fake.channels.historyHidden = false;
    },
  );
});

describe('a claim taken over soon after its slot', () => {
  it('is sent again on the nonce alone, without looking in the channel first', async () => {
    const channels = channelIds(8);
    // A short lease, so a survivor takes the claims over seconds after the slot, as a replica
    // does once a dead one's liveness lock is gone.
    const lease = { scheduler: { leaseMs: 10_000 } };
    const killed = await start({
      ...lease,
      start: { digest: { concurrency: 4 }, rest: { retries: 0 } },
    });
    await subscribe(killed, channels);
    // Sends 1 and 2 are answered; from the 3rd every send is held, every other one created.
    fake.channels.setFault(({ n }) => (n <= 2 ? undefined : { kind: 'hold', stored: n % 2 === 1 }));
    clock.set(SLOT);
    const abandoned = killed.tick(SLOT).catch((error: unknown) => error);
    await until(() => fake.channels.heldCount === 4, 'four sends in flight');
    killed.digests.close();
    await killed.platform.stop();

    fake.channels.setFault(undefined);
    clock.advance(20_000);
    const restarted = await start(lease);
    const before = fake.requests.length;
    const reports = await restarted.tick(clock.now());
    expect(total(reports)).toMatchObject({ sent: 6, retrying: 0, paused: 0 });
    expect(postsPer(channels)).toEqual(channels.map(() => 1));
    // The two created before the kill came back through their nonce...
    expect(fake.channels.stats.deduped).toBe(2);
    // ...and no turn of the shared pace went on reading channel history.
    const lookups = fake.requests
      .slice(before)
      .filter((r) => r.method === 'GET' && /^\/channels\/\d+\/messages$/.test(r.path));
    expect(lookups).toHaveLength(0);
    fake.channels.releaseHeld();
    await abandoned;
  });
});

describe('a claim taken over for a channel deleted meanwhile', () => {
  it('pauses the subscription instead of retrying the history check', async () => {
    const [channel = ''] = channelIds(1);
    const killed = await start({ start: { rest: { retries: 0 } } });
    await subscribe(killed, [channel]);
    fake.channels.setFault(() => ({ kind: 'hold', stored: false }));
    clock.set(SLOT);
    const abandoned = killed.tick(SLOT).catch((error: unknown) => error);
    await until(() => fake.channels.heldCount === 1, 'the send in flight');
    killed.digests.close();
    await killed.platform.stop();

    fake.channels.setFault(undefined);
    fake.channels.refuse(channel, 'unknownChannel');
    clock.advance(LEASE_MS + 60_000);
    const restarted = await start();
    expect(total(await restarted.tick(clock.now()))).toMatchObject({ sent: 0, paused: 1 });
    expect((await restarted.digests.subscriptions.find('discord', channel))?.pausedReason).toMatch(
      /^Unknown Channel/,
    );
    fake.channels.releaseHeld();
    await abandoned;
  });
});

describe('two schedulers on one database file', () => {
  it('send each channel’s slot once between them, in one process', async () => {
    const channels = channelIds(20);
    const first = await start();
    const second = await start();
    await subscribe(first, channels);
    clock.set(SLOT);
    const [a = [], b = []] = await Promise.all([first.tick(SLOT), second.tick(SLOT)]);
    // Each claims a channel only when it has room to send it (ADR-008), so the two may split the
    // slot any way; between them every channel is sent once (the race between processes is the
    // next test).
    expect(total(a).sent + total(b).sent).toBe(20);
    expect(total([...a, ...b])).toMatchObject({ retrying: 0, paused: 0 });
    expect(postsPer(channels)).toEqual(channels.map(() => 1));
    expect(fake.channels.stats.deduped).toBe(0);
  });

  it('send each channel’s slot once between them, as two processes starting the same instant', async () => {
    const channels = channelIds(60);
    const here = await start();
    await subscribe(here, channels);
    const other = await startDigestProcess(fake, db.path);
    try {
      // Both tick the slot at the same wall-clock instant, racing for the claims.
      const at = Date.now() + 300;
      clock.set(SLOT);
      const [mine, theirs] = await Promise.all([
        delay(at - Date.now()).then(() => here.tick(SLOT)),
        other.tick(SLOT, at),
      ]);
      // However the claims interleaved (runs split them 60/0 or 29/31), 60 were sent in all.
      const both = total([...mine, ...theirs]);
      expect(both.sent).toBe(60);
      expect(both).toMatchObject({ retrying: 0, paused: 0 });
      expect(postsPer(channels)).toEqual(channels.map(() => 1));
      expect(await here.digests.ledger.countByStatus()).toEqual({ sent: 60 });
    } finally {
      await other.stop();
    }
  });
});

/**
 * Ticks from the clock's time, then each following minute as node-cron does, until `count`
 * deliveries are sent (five ticks at most); the reports of every tick. A tick gives each
 * delivery five attempts, and the test clock lets their backoff pass at once: on a starved host
 * a 250 ms request timeout also cuts off ordinary answers, so one delivery can spend all five
 * inside one stall and wait, `retrying`, for the next tick. That is the schedule working, not a
 * lost digest: the next tick takes it over and sends it once.
 */
async function ticksUntilSettled(bot: DigestBot, count: number): Promise<TickReport[]> {
  const reports: TickReport[] = [];
  for (let tick = 0; tick < 5; tick += 1) {
    if (tick > 0) clock.advance(60_000);
    reports.push(...(await bot.tick(clock.now())));
    if ((await bot.digests.ledger.countByStatus()).sent === count) break;
  }
  return reports;
}

describe('faults on a fifth of the sends', () => {
  const faults: MessageFault[] = [
    { kind: 'error', status: 500 },
    { kind: 'error', status: 502, stored: true },
    { kind: 'rateLimit', retryAfterS: 0.2 },
    { kind: 'slow', delayMs: 1_000 },
  ];

  it.each([
    ['discord.js retrying once, then the scheduler', 1],
    ['the scheduler alone (discord.js retries off)', 0],
  ])('500s, 429s and timeouts still end with one post per channel: %s', async (_, retries) => {
    const channels = channelIds(30);
    // A 250 ms request timeout, so a "slow" answer is a timeout for the bot.
    const bot = await start({ start: { rest: { timeout: 250, retries } } });
    await subscribe(bot, channels);
    fake.channels.resetStats();
    fake.channels.setFault(({ n }) => (n % 5 === 0 ? faults[(n / 5) % faults.length] : undefined));
    clock.set(SLOT);
    const reports = await ticksUntilSettled(bot, channels.length);
    // Each channel sent once over the ticks, none paused, none left retrying.
    expect(total(reports)).toMatchObject({ sent: 30, skipped: 0, paused: 0 });
    expect(postsPer(channels)).toEqual(channels.map(() => 1));
    const { faults: seen } = fake.channels.stats;
    expect(seen.error).toBeGreaterThanOrEqual(2);
    expect(seen.rateLimit).toBeGreaterThanOrEqual(1);
    expect(seen.slow).toBeGreaterThanOrEqual(1);
    expect(await bot.digests.ledger.countByStatus()).toEqual({ sent: 30 });
    if (retries === 0) {
      // Every 500 and timeout came back to the scheduler, which backed off and sent again (or,
      // at a delivery's fifth attempt in a tick, left it for the next tick).
      const retried = bot.logs.filter(
        (line) =>
          line.msg === 'digest retry' ||
          line.msg === 'digest not sent yet; will retry on a later tick',
      );
      expect(retried.length).toBeGreaterThanOrEqual(seen.error + seen.slow);
      expect(retried.map((line) => line.reason)).toContain(
        'timed out (the nonce makes a repeat safe)',
      );
    }
  });

  it('keeps to a global limit Discord enforces with 429s', async () => {
    // Stricter than discord.js's own 50/s, so the fake's global 429s are what slows the bot.
    const limited = await FakeDiscord.start({ globalLimitPerSecond: 8 });
    try {
      const channels = channelIds(16);
      // Each global 429 comes back to the scheduler, whose backoff must wait real seconds.
      clock = new RealSleepClock(T0);
      const bot = await start({}, limited);
      await subscribe(bot, channels, limited);
      clock.set(SLOT);
      const reports = await bot.tick(SLOT);
      expect(total(reports)).toMatchObject({ sent: 16, retrying: 0, paused: 0 });
      expect(postsPer(channels, limited)).toEqual(channels.map(() => 1));
      expect(limited.globalLimited).toBeGreaterThan(0);
    } finally {
      await bots.pop()?.stop();
      await limited.close();
    }
  });
});

describe('a delivery that used up its attempts in one tick', () => {
  it('is sent by the next tick, once, though one of its attempts landed', async () => {
    const [unlucky = '', other = ''] = channelIds(2);
    const bot = await start({ start: { rest: { retries: 0 } } });
    await subscribe(bot, [unlucky, other]);
    // Every send to one channel in the first tick is a 502 after Discord stored the message,
    // as a send cut off by a stalled host may be: posted, but the bot never hears so.
    let firstTick = true;
    fake.channels.setFault(({ channelId }) =>
      firstTick && channelId === unlucky ? { kind: 'error', status: 502, stored: true } : undefined,
    );
    clock.set(SLOT);
    expect(total(await bot.tick(SLOT))).toMatchObject({ sent: 1, retrying: 1 });
    expect(await bot.digests.ledger.countByStatus()).toEqual({ sent: 1, retrying: 1 });

    firstTick = false;
    clock.advance(60_000);
    expect(total(await bot.tick(clock.now()))).toMatchObject({ sent: 1, retrying: 0 });
    expect(postsPer([unlucky, other])).toEqual([1, 1]);
    expect(await bot.digests.ledger.countByStatus()).toEqual({ sent: 2 });
  });
});

describe('a global 429', () => {
  it('is handed back to the scheduler at once, not held in discord.js and sent in a burst', async () => {
    // One request a second for the whole token: the second post of the same second is refused.
    const limited = await FakeDiscord.start({ globalLimitPerSecond: 1 });
    try {
      const bot = await start({}, limited);
      const [first, second] = channelIds(2);
      const post = (channelId = '', subscriptionId = 0) =>
        bot.poster.post(
          { platform: 'discord', workspaceId: limited.guildId, channelId },
          digestAnswer(story, 'en'),
          { subscriptionId, slot: SLOT },
          new AbortController().signal,
        );
      // Start-up's own requests are over; the next second is the posts' alone.
      await delay(1_100);
      expect((await post(first, 1)).status).toBe('sent');
      const startedAt = performance.now();
      const outcome = await post(second, 2);
      // Handed back with Discord's Retry-After: the scheduler waits it and takes a new turn.
      expect(outcome).toMatchObject({ status: 'transient' });
      expect(outcome.status === 'transient' && outcome.retryAfterMs).toBeGreaterThan(0);
      expect(performance.now() - startedAt).toBeLessThan(500);
      expect(limited.channels.messages(second ?? '')).toHaveLength(0);
      // And the same for whatever the process sends while discord.js counts the second as
      // spent: not queued behind it.
      const third = await post(channelIds(1)[0], 3);
      expect(third.status).toBe('transient');
      expect(performance.now() - startedAt).toBeLessThan(500);
    } finally {
      await bots.pop()?.stop();
      await limited.close();
    }
  });
});

describe('channels Discord refuses', () => {
  it('pause their subscription with the reason, which /sakura-digest list shows', async () => {
    const [open = '', gone = '', hidden = '', muted = '', voice = ''] = channelIds(5);
    const bot = await start();
    await subscribe(bot, [open, gone, hidden, muted, voice]);
    fake.channels.refuse(gone, 'unknownChannel');
    fake.channels.refuse(hidden, 'missingAccess');
    fake.channels.refuse(muted, 'missingPermissions');
    fake.channels.refuse(voice, 'nonText');
    clock.set(SLOT);
    const reports = await bot.tick(SLOT);
    expect(total(reports)).toMatchObject({ sent: 1, paused: 4, retrying: 0 });
    // One try each: a refusal is not retried.
    expect(fake.channels.stats.refused).toBe(4);
    const reason = async (channel: string) =>
      (await bot.digests.subscriptions.find('discord', channel))?.pausedReason;
    expect(await reason(open)).toBeNull();
    expect(await reason(gone)).toMatch(/^Unknown Channel: .* \(Discord 10003\)\./);
    expect(await reason(hidden)).toMatch(
      /^Missing Access: the bot needs View Channel .* \(Discord 50001\)/,
    );
    expect(await reason(muted)).toMatch(
      /^Missing Permissions: the bot needs Send Messages and Embed Links here \(Discord 50013\)/,
    );
    expect(await reason(voice)).toMatch(/voice or other non-text channel \(Discord 50008\)/);

    const list = embedText(await manage(fake, 'list', open));
    expect(list).toContain(
      `#${gone}\n\`0 9 * * *\` (Asia/Tokyo, English)\npaused: Unknown Channel`,
    );
    expect(list).toContain('paused: Missing Access');
    expect(list).toContain(`#${open}\n\`0 9 * * *\` (Asia/Tokyo, English)\nactive`);

    // The next day nothing is sent to the paused channels; subscribing again resumes one (which,
    // still refused, is paused again).
    await manage(fake, 'subscribe', hidden, { schedule: 'daily' });
    const nextDay = new Date(SLOT.getTime() + 24 * 3_600_000);
    clock.set(nextDay);
    const posts = fake.channels.stats.posts;
    expect(total(await bot.tick(nextDay))).toMatchObject({ sent: 1, paused: 1 });
    expect(fake.channels.stats.posts - posts).toBe(2);
  });
});

describe('what a digest post looks like', () => {
  it('is one embed, mentions nobody, and carries the slot’s nonce, enforced', async () => {
    const [channel = ''] = channelIds(1);
    const bot = await start();
    await subscribe(bot, [channel]);
    clock.set(SLOT);
    await bot.tick(SLOT);
    const [message] = fake.channels.messages(channel);
    const id = (await bot.digests.subscriptions.find('discord', channel))?.id ?? 0;
    expect(message?.nonce).toBe(digestNonce({ subscriptionId: id, slot: SLOT }));
    expect(message?.body).toMatchObject({
      allowed_mentions: { parse: [] },
      enforce_nonce: true,
      embeds: [{ title: expect.stringMatching(/^Digest: /) }],
    });
    expect(await bot.digests.ledger.countByStatus()).toEqual({ sent: 1 });
  });
});

describe('a bot token Discord rejects', () => {
  it('stops posting on Discord without touching the subscriptions, says so in list, and resumes once the token works', async () => {
    const channels = channelIds(3);
    const bot = await start();
    await subscribe(bot, channels);
    fake.state.tokenRevoked = true;
    try {
      clock.set(SLOT);
      expect(total(await bot.tick(SLOT))).toMatchObject({ sent: 0, paused: 0 });
      expect(postsPer(channels)).toEqual([0, 0, 0]);
      for (const channel of channels) {
        expect((await bot.digests.subscriptions.find('discord', channel))?.pausedReason).toBeNull();
      }
      expect(bot.logs.some((l) => String(l.msg).includes('rejected the bot token'))).toBe(true);
      // Interactions answer with their own token, so admins can still ask what is going on.
      const list = embedText(await manage(fake, 'list', channels[0] ?? ''));
      expect(list).toContain("Posting stopped: the bot's token was rejected");
      for (const channel of channels) expect(list).toContain(`#${channel}\n`);

      // While it lasts, ticks send nothing; the token is re-checked with growing waits.
      const sendsBefore = fake.channels.stats.posts;
      for (const minute of [1, 2, 3]) await bot.tick(new Date(SLOT.getTime() + minute * 60_000));
      expect(fake.channels.stats.posts).toBe(sendsBefore);
      const checks = fake.requests.filter((r) => r.path === '/users/@me');
      expect(checks.length).toBeGreaterThanOrEqual(1);
      expect(checks.length).toBeLessThanOrEqual(2);
    } finally {
      fake.state.tokenRevoked = false;
    }
    // The token works again (the operator fixed it): the next check resumes posting, and the
    // slot still inside the catch-up window goes out once per channel.
    const later = new Date(SLOT.getTime() + 10 * 60_000);
    clock.set(later);
    expect(total(await bot.tick(later))).toMatchObject({ sent: 3 });
    expect(postsPer(channels)).toEqual([1, 1, 1]);
    expect(embedText(await manage(fake, 'list', channels[0] ?? ''))).not.toContain(
      'Posting stopped',
    );
  });
});
