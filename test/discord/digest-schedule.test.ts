import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { digestNonce } from '../../src/adapters/discord/digest/poster.js';
import { CONFIGURED_BY } from '../../src/schedule/digests.js';
import { FakeDiscord, MANAGER_PERMISSIONS } from '../support/fake-discord/fake-discord.js';
import { snowflake } from '../support/fake-discord/snowflake.js';
import { sqliteDb } from '../support/sqlite-db.js';
import {
  channelIds,
  type DigestBot,
  type DigestBotOptions,
  manage,
  startDigestBot,
  TestClock,
  tempDatabase,
} from './digest-helpers.js';
import { embedOf, embedText, type MessageData, messageText } from './embed-checks.js';
import { story } from './helpers.js';

/**
 * When digests are posted: catch-up after downtime inside and outside DIGEST_CATCHUP_MINUTES,
 * slot instants in Asia/Tokyo and across America/New_York's daylight-saving changes, and
 * channels configured by DISCORD_DIGEST_CHANNELS + DIGEST_CRON.
 */

const MINUTE = 60_000;
/** 09:00 in Tokyo on Monday 6 April 2026. */
const SLOT = new Date('2026-04-06T00:00:00Z');

let fake: FakeDiscord;
let db: ReturnType<typeof tempDatabase>;
let bots: DigestBot[];
beforeAll(async () => {
  fake = await FakeDiscord.start();
});
afterAll(async () => {
  await fake?.close();
});
beforeEach(() => {
  db = tempDatabase();
  bots = [];
});
afterEach(async () => {
  for (const bot of bots) await bot.stop().catch(() => undefined);
  db.remove();
});

async function start(clock: TestClock, options: Partial<DigestBotOptions> = {}) {
  const bot = await startDigestBot(fake, { databasePath: db.path, clock, ...options });
  bots.push(bot);
  return bot;
}

async function stop(bot: DigestBot) {
  bots.splice(bots.indexOf(bot), 1);
  await bot.stop();
}

const slotStatus = async (bot: DigestBot, channel: string) => {
  const id = (await bot.digests.subscriptions.find('discord', channel))?.id;
  return sqliteDb(bot.digests)
    .prepare('SELECT slot, status FROM deliveries WHERE subscription_id = ? ORDER BY slot')
    .all(id) as { slot: number; status: string }[];
};

describe('catch-up after the bot was down', () => {
  /** Subscribed at 08:30, down over 09:00, started again `downMinutes` after 09:00. */
  async function downOverSlot(downMinutes: number, env: Record<string, string> = {}) {
    const [channel = ''] = channelIds(1);
    const clock = new TestClock(new Date(SLOT.getTime() - 30 * MINUTE));
    const before = await start(clock, { env });
    await manage(fake, 'subscribe', channel, { schedule: 'daily' });
    await stop(before);
    clock.set(new Date(SLOT.getTime() + downMinutes * MINUTE));
    // Started as main starts it: the scheduler's first tick is at once, on start-up.
    const after = await start(clock, { env });
    after.digests.startScheduler([after.poster]);
    await after.digests.stopScheduler();
    return { channel, bot: after };
  }

  it('posts a slot missed 30 minutes ago once, at start-up (default window 60 minutes)', async () => {
    const { channel, bot } = await downOverSlot(30);
    expect(fake.channels.messages(channel)).toHaveLength(1);
    expect(await slotStatus(bot, channel)).toEqual([{ slot: SLOT.getTime(), status: 'sent' }]);
    // Later ticks in the window do not post it again.
    await bot.tick(new Date(SLOT.getTime() + 31 * MINUTE));
    expect(fake.channels.messages(channel)).toHaveLength(1);
  });

  it('records a slot missed 90 minutes ago as missed, and posts nothing', async () => {
    const { channel, bot } = await downOverSlot(90);
    expect(fake.channels.messages(channel)).toEqual([]);
    expect(await slotStatus(bot, channel)).toEqual([{ slot: SLOT.getTime(), status: 'missed' }]);
    expect(bot.logs).toContainEqual(
      expect.objectContaining({ msg: 'digest slot', slot: SLOT.toISOString(), missed: 1 }),
    );
  });

  it('follows DIGEST_CATCHUP_MINUTES: 120 posts the slot missed 90 minutes ago', async () => {
    const { channel, bot } = await downOverSlot(90, { DIGEST_CATCHUP_MINUTES: '120' });
    expect(fake.channels.messages(channel)).toHaveLength(1);
    expect(await slotStatus(bot, channel)).toEqual([{ slot: SLOT.getTime(), status: 'sent' }]);
  });

  it('posts only the latest of several missed slots, the older ones recorded as missed', async () => {
    const [channel = ''] = channelIds(1);
    const clock = new TestClock(new Date(SLOT.getTime() - 30 * MINUTE));
    const bot = await start(clock);
    await manage(fake, 'subscribe', channel, { schedule: '0 * * * *' });
    await bot.tick(new Date(SLOT.getTime() + 3 * 60 * MINUTE + 10 * MINUTE));
    expect(fake.channels.messages(channel)).toHaveLength(1);
    expect((await slotStatus(bot, channel)).map((d) => d.status)).toEqual([
      'missed',
      'missed',
      'missed',
      'sent',
    ]);
  });
});

describe('slot instants', () => {
  /**
   * Ticks every `stepMinutes` from `from` to `to`, as node-cron would at those minutes, and
   * returns the instants at which the channel got a post (each must carry that slot's nonce).
   */
  async function postInstants(
    bot: DigestBot,
    clock: TestClock,
    channel: string,
    from: Date,
    to: Date,
    stepMinutes: number,
  ) {
    const instants: string[] = [];
    const id = (await bot.digests.subscriptions.find('discord', channel))?.id ?? 0;
    for (let t = from.getTime(); t <= to.getTime(); t += stepMinutes * MINUTE) {
      const before = fake.channels.messages(channel).length;
      clock.set(new Date(t));
      await bot.tick(new Date(t));
      const after = fake.channels.messages(channel);
      if (after.length > before) {
        instants.push(new Date(t).toISOString());
        expect(after.at(-1)?.nonce).toBe(digestNonce({ subscriptionId: id, slot: new Date(t) }));
      }
    }
    return instants;
  }

  // One channel subscribed to `daily` in a zone, ticked every 15 minutes from `from` to `until`:
  // the instants it was posted at show whether 09:00 local follows the zone's clock changes.
  it.each([
    {
      name: 'posts `daily` at 09:00 in Asia/Tokyo: 00:00 UTC',
      timezone: undefined,
      from: '2026-04-05T22:00:00Z',
      until: '2026-04-07T02:00:00Z',
      expected: ['2026-04-06T00:00:00.000Z', '2026-04-07T00:00:00.000Z'],
    },
    {
      // Clocks go forward at 02:00 on Sunday 8 March 2026.
      name: 'posts 09:00 America/New_York at 14:00 UTC before the spring change and 13:00 after',
      timezone: 'America/New_York',
      from: '2026-03-07T10:00:00Z',
      until: '2026-03-09T16:00:00Z',
      expected: [
        '2026-03-07T14:00:00.000Z',
        '2026-03-08T13:00:00.000Z',
        '2026-03-09T13:00:00.000Z',
      ],
    },
    {
      // Clocks go back at 02:00 on Sunday 1 November 2026.
      name: 'posts 09:00 America/New_York at 13:00 UTC before the autumn change and 14:00 after',
      timezone: 'America/New_York',
      from: '2026-10-31T10:00:00Z',
      until: '2026-11-02T16:00:00Z',
      expected: [
        '2026-10-31T13:00:00.000Z',
        '2026-11-01T14:00:00.000Z',
        '2026-11-02T14:00:00.000Z',
      ],
    },
  ])('$name', async ({ timezone, from, until, expected }) => {
    const [channel = ''] = channelIds(1);
    const first = new Date(from);
    const clock = new TestClock(first);
    const bot = await start(clock);
    await manage(
      fake,
      'subscribe',
      channel,
      timezone ? { schedule: 'daily', timezone } : { schedule: 'daily' },
    );
    const instants = await postInstants(
      bot,
      clock,
      channel,
      new Date(first.getTime() + 15 * MINUTE),
      new Date(until),
      15,
    );
    expect(instants).toEqual(expected);
  });
  /** The "Next posts" lines of a subscribe or preview reply. */
  const nextPosts = (reply: Awaited<ReturnType<typeof manage>>) =>
    embedOf(reply)
      .fields?.find((field) => field.name === 'Next posts')
      ?.value.split('\n') ?? [];

  // Across the daylight-saving changes, what subscribe promises (computed from the scheduler's
  // clock, not the real one) is what the tick posts: once per local date and time for fixed
  // times, the first minute after a skipped hour, every real hour for a wildcard hour.
  it.each([
    {
      name: '`30 2 * * *` New York: the skipped 02:30 posts at 03:00 EDT',
      schedule: '30 2 * * *',
      timezone: 'America/New_York',
      from: '2026-03-07T10:00:00Z',
      until: '2026-03-09T12:00:00Z',
      expected: ['2026-03-08T07:00:00.000Z', '2026-03-09T06:30:00.000Z'],
      shown: ['8 Mar 2026, 03:00', '9 Mar 2026, 02:30'],
    },
    {
      name: '`30 1 * * *` New York: the repeated 01:30 posts once, at its first pass',
      schedule: '30 1 * * *',
      timezone: 'America/New_York',
      from: '2026-10-31T10:00:00Z',
      until: '2026-11-02T12:00:00Z',
      expected: ['2026-11-01T05:30:00.000Z', '2026-11-02T06:30:00.000Z'],
      shown: ['1 Nov 2026, 01:30', '2 Nov 2026, 01:30'],
    },
    {
      name: '`30 1 * * *` London: the skipped 01:30 posts at 02:00 BST',
      schedule: '30 1 * * *',
      timezone: 'Europe/London',
      from: '2026-03-28T10:00:00Z',
      until: '2026-03-30T12:00:00Z',
      expected: ['2026-03-29T01:00:00.000Z', '2026-03-30T00:30:00.000Z'],
      shown: ['29 Mar 2026, 02:00', '30 Mar 2026, 01:30'],
    },
    {
      name: '`0 1 * * *` London: the repeated 01:00 posts once, at its first pass',
      schedule: '0 1 * * *',
      timezone: 'Europe/London',
      from: '2026-10-24T10:00:00Z',
      until: '2026-10-26T12:00:00Z',
      expected: ['2026-10-25T00:00:00.000Z', '2026-10-26T01:00:00.000Z'],
      shown: ['25 Oct 2026, 01:00', '26 Oct 2026, 01:00'],
    },
    {
      name: '`0 * * * *` New York: every real hour, both 01:00s of the autumn change',
      schedule: '0 * * * *',
      timezone: 'America/New_York',
      from: '2026-11-01T03:30:00Z',
      until: '2026-11-01T06:30:00Z',
      expected: [
        '2026-11-01T04:00:00.000Z',
        '2026-11-01T05:00:00.000Z',
        '2026-11-01T06:00:00.000Z',
      ],
      shown: ['1 Nov 2026, 00:00', '1 Nov 2026, 01:00', '1 Nov 2026, 01:00'],
    },
  ])('$name', async ({ schedule, timezone, from, until, expected, shown }) => {
    const [channel = ''] = channelIds(1);
    const first = new Date(from);
    const clock = new TestClock(first);
    const bot = await start(clock);
    const reply = await manage(fake, 'subscribe', channel, { schedule, timezone });
    expect(nextPosts(reply).slice(0, shown.length)).toEqual(shown);
    const instants = await postInstants(
      bot,
      clock,
      channel,
      new Date(first.getTime() + 30 * MINUTE),
      new Date(until),
      30,
    );
    expect(instants).toEqual(expected);
  });

  it("preview promises the next posts from the scheduler's clock", async () => {
    const [channel = ''] = channelIds(1);
    const clock = new TestClock(new Date('2026-03-07T10:00:00Z'));
    await start(clock);
    await manage(fake, 'subscribe', channel, {
      schedule: '30 2 * * *',
      timezone: 'America/New_York',
    });
    clock.set(new Date('2026-03-08T07:30:00Z'));
    expect(nextPosts(await manage(fake, 'preview', channel))).toEqual([
      '9 Mar 2026, 02:30',
      '10 Mar 2026, 02:30',
      '11 Mar 2026, 02:30',
    ]);
  });
});

describe('a schedule stored before croner checked them', () => {
  it('pauses that channel with the reason, and every other channel still gets its digest', async () => {
    const [kept = '', legacy = ''] = channelIds(2);
    const clock = new TestClock(new Date(SLOT.getTime() - 30 * MINUTE));
    const bot = await start(clock);
    await manage(fake, 'subscribe', kept, { schedule: 'daily' });
    await manage(fake, 'subscribe', legacy, { schedule: 'daily' });
    // node-cron accepted a step larger than its field; croner refuses it. Such a row can exist.
    sqliteDb(bot.digests)
      .prepare('UPDATE subscriptions SET cron = ? WHERE channel_id = ?')
      .run('*/61 9 * * *', legacy);

    clock.set(SLOT);
    const [report] = await bot.tick(SLOT);
    expect(report).toMatchObject({ slot: SLOT.toISOString(), sent: 1 });
    expect(fake.channels.messages(kept)).toHaveLength(1);
    expect(fake.channels.messages(legacy)).toEqual([]);
    const paused = (await bot.digests.subscriptions.find('discord', legacy))?.pausedReason;
    expect(paused).toMatch(/^the schedule `\*\/61 9 \* \* \*` can no longer be read \(.+\)\./);
    expect(embedText(await manage(fake, 'list', fake.channelId))).toContain(`paused: ${paused}`);
    expect(bot.logs).toContainEqual(
      expect.objectContaining({ msg: 'digest subscription paused', reason: paused }),
    );
  });
});

describe('channels from configuration', () => {
  it('DISCORD_DIGEST_CHANNELS + DIGEST_CRON subscribe at start-up, and post at the slot', async () => {
    const channels = channelIds(3);
    const env = {
      DISCORD_DIGEST_CHANNELS: channels.join(','),
      DIGEST_CRON: '30 8 * * 1-5',
      DIGEST_TIMEZONE: 'Asia/Tokyo',
    };
    // Two servers: the bot asks Discord whose each channel is.
    const otherGuild = snowflake();
    fake.channels.place(channels[2] ?? '', otherGuild);
    const clock = new TestClock(new Date('2026-04-05T23:00:00Z'));
    const bot = await start(clock, { env });
    for (const [i, channel] of channels.entries()) {
      expect(await bot.digests.subscriptions.find('discord', channel)).toMatchObject({
        workspaceId: i < 2 ? fake.guildId : otherGuild,
        cron: '30 8 * * 1-5',
        timezone: 'Asia/Tokyo',
        createdBy: CONFIGURED_BY,
        pausedReason: null,
      });
    }
    // Each server's list shows its own configured channels, and never the other's.
    const list = embedText(await manage(fake, 'list', fake.channelId));
    for (const channel of channels.slice(0, 2))
      expect(list).toContain(`#${channel}\n\`30 8 * * 1-5\``);
    expect(list).not.toContain(channels[2]);
    const otherList = embedText(
      await fake.ask({
        command: 'sakura-digest',
        sub: 'list',
        channelId: channels[2],
        guildId: otherGuild,
        permissions: MANAGER_PERMISSIONS,
      }),
    );
    expect(otherList).toContain(`#${channels[2]}`);
    for (const channel of channels.slice(0, 2)) expect(otherList).not.toContain(channel);

    // 08:30 Monday in Tokyo is 23:30 Sunday UTC.
    const slot = new Date('2026-04-05T23:30:00Z');
    clock.set(slot);
    const [report] = await bot.tick(slot);
    expect(report).toMatchObject({ slot: slot.toISOString(), sent: 3 });
    expect(channels.map((c) => fake.channels.messages(c).length)).toEqual([1, 1, 1]);

    // Restarted with one channel fewer: that one is no longer subscribed, the others unchanged
    // (their schedule does not move, which would lose slots missed while the bot was down).
    const kept = await bot.digests.subscriptions.find('discord', channels[1] ?? '');
    await stop(bot);
    const fewer = { ...env, DISCORD_DIGEST_CHANNELS: channels.slice(1).join(',') };
    const again = await start(clock, { env: fewer });
    expect(await again.digests.subscriptions.find('discord', channels[0] ?? '')).toBeUndefined();
    expect(await again.digests.subscriptions.find('discord', channels[1] ?? '')).toEqual(kept);
  });
});

/** What the `n`th digest posted in a channel says. */
const posted = (channel: string, n: number) =>
  messageText(fake.channels.messages(channel)[n]?.body as unknown as MessageData);

describe('what changed since the previous digest', () => {
  it("lists a fact corrected on the same day as the last digest, dated in the channel's own zone", async () => {
    const channel = channelIds(1)[0] ?? '';
    // 20:00 in New York is already the next day in UTC.
    const first = new Date('2026-04-07T00:00:00Z');
    const clock = new TestClock(new Date(first.getTime() - 30 * MINUTE));
    const bot = await start(clock);
    await bot.digests.subscriptions.upsert(
      {
        platform: 'discord',
        workspaceId: fake.guildId,
        channelId: channel,
        cron: '0 20 * * *',
        timezone: 'America/New_York',
        lang: 'en',
        createdBy: fake.asker.id,
      },
      clock.now(),
    );
    clock.set(first);
    expect((await bot.tick(first))[0]).toMatchObject({ sent: 1 });
    const firstDigest = posted(channel, 0);
    expect(firstDigest).not.toContain('🆕');
    await stop(bot);

    // The data file is corrected the same day (its `updated` date does not move), and the bot
    // restarted: the next digest names exactly that fact.
    const [corrected, ...rest] = story.facts;
    if (!corrected) throw new Error('the story has no facts');
    const edited = {
      ...story,
      facts: [
        { ...corrected, text: { ...corrected.text, en: `${corrected.text.en} (corrected)` } },
        ...rest,
      ],
    };
    const next = new Date(first.getTime() + 24 * 60 * MINUTE);
    clock.set(next);
    const restarted = await start(clock, { story: edited });
    expect((await restarted.tick(next))[0]).toMatchObject({ sent: 1 });
    const secondDigest = posted(channel, 1);
    expect(secondDigest).toContain("The bot's facts added or changed since 6 April 2026:");
    expect(secondDigest.match(/🆕/g)).toHaveLength(1);
    expect(secondDigest).toContain(`🆕 ${corrected.text.en} (corrected)`);

    // Nothing changed after that: the third says so, again in New York's date.
    const third = new Date(next.getTime() + 24 * 60 * MINUTE);
    clock.set(third);
    await restarted.tick(third);
    const thirdDigest = posted(channel, 2);
    expect(thirdDigest).toContain('since 7 April 2026');
    expect(thirdDigest).not.toContain('🆕');
  });
});
