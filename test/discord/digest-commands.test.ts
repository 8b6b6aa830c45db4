import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/sqlite/database.js';
import { FakeDiscord, MANAGER_PERMISSIONS } from '../support/fake-discord/fake-discord.js';
import {
  channelIds,
  type DigestBot,
  manage,
  startDigestBot,
  TestClock,
  tempDatabase,
} from './digest-helpers.js';
import { embedOf, embedText, expectWellFormed, isEphemeral } from './embed-checks.js';
import { startBot } from './helpers.js';

/**
 * `/sakura-digest subscribe|unsubscribe|list|preview` through INTERACTION_CREATE, answered by
 * the real DigestAdmin on a temporary database. Every answer is ephemeral.
 */

const T0 = new Date('2026-04-05T23:30:00Z');

let fake: FakeDiscord;
let bot: DigestBot;
let db: ReturnType<typeof tempDatabase>;
beforeAll(async () => {
  fake = await FakeDiscord.start();
});
afterAll(async () => {
  await fake?.close();
});
beforeEach(async () => {
  db = tempDatabase();
  bot = await startDigestBot(fake, { databasePath: db.path, clock: new TestClock(T0) });
});
afterEach(async () => {
  await bot?.stop();
  db.remove();
});

const lead = (request: Parameters<typeof embedOf>[0]) => embedOf(request).description ?? '';

describe('subscribe', () => {
  it('subscribes this channel with a preset, in Asia/Tokyo by default, privately', async () => {
    const [channel = ''] = channelIds(1);
    const reply = await manage(fake, 'subscribe', channel, { schedule: 'weekdays' });
    expectWellFormed(reply);
    expect(isEphemeral(reply)).toBe(true);
    expect(lead(reply)).toBe(
      'This channel will get the digest on schedule `0 9 * * 1-5` (Asia/Tokyo), in English.',
    );
    // The next three weekdays at 09:00 in Tokyo, counted from the scheduler's clock (T0 is
    // 08:30 on Monday 6 April there).
    expect(embedOf(reply).fields?.[0]).toMatchObject({
      name: 'Next posts',
      value: '6 Apr 2026, 09:00\n7 Apr 2026, 09:00\n8 Apr 2026, 09:00',
    });
    expect(await bot.digests.subscriptions.find('discord', channel)).toMatchObject({
      workspaceId: fake.guildId,
      channelId: channel,
      cron: '0 9 * * 1-5',
      timezone: 'Asia/Tokyo',
      lang: 'en',
      createdBy: fake.asker.id,
      pausedReason: null,
    });
  });

  it('takes a cron, a time zone and the digest language; answers in the asker’s language', async () => {
    const [channel = ''] = channelIds(1);
    const reply = await manage(
      fake,
      'subscribe',
      channel,
      { schedule: '30 7 * * 1', timezone: 'america/new_york', language: 'en' },
      'ja',
    );
    expect(isEphemeral(reply)).toBe(true);
    expect(lead(reply)).toBe(
      'このチャンネルにスケジュール `30 7 * * 1`（America/New_York）でダイジェストを英語で投稿します。',
    );
    expect(await bot.digests.subscriptions.find('discord', channel)).toMatchObject({
      cron: '30 7 * * 1',
      timezone: 'America/New_York',
      lang: 'en',
    });
    const again = await manage(fake, 'subscribe', channel, { schedule: 'daily' });
    expect(lead(again)).toBe(
      "This channel's digest now runs on `0 9 * * *` (Asia/Tokyo), in English.",
    );
  });

  it('explains a bad cron with a valid example, and saves nothing', async () => {
    const [channel = ''] = channelIds(1);
    for (const schedule of ['61 9 * * *', 'every morning', '0 9 * *']) {
      const reply = await manage(fake, 'subscribe', channel, { schedule });
      expect(isEphemeral(reply)).toBe(true);
      expect(embedOf(reply).title).toBe('That did not work');
      expect(lead(reply)).toMatch(/^That is not a schedule I can read \(.+\)\. Try `daily`/);
      expect(lead(reply)).toContain('`0 9 * * 1-5` (09:00 on weekdays)');
    }
    expect(await bot.digests.subscriptions.find('discord', channel)).toBeUndefined();
  });

  it('explains an unknown time zone with examples', async () => {
    const [channel = ''] = channelIds(1);
    const reply = await manage(fake, 'subscribe', channel, {
      schedule: 'daily',
      timezone: 'Tokyo',
    });
    expect(isEphemeral(reply)).toBe(true);
    expect(lead(reply)).toBe(
      'Unknown time zone "Tokyo". Use an IANA name such as `Asia/Tokyo` or `America/New_York`.',
    );
    expect(await bot.digests.subscriptions.find('discord', channel)).toBeUndefined();
  });

  it('refuses a schedule more often than hourly, with an hourly example', async () => {
    const [channel = ''] = channelIds(1);
    for (const schedule of ['*/5 * * * *', '* 9 * * *', '0,30 * * * *']) {
      const reply = await manage(fake, 'subscribe', channel, { schedule });
      expect(isEphemeral(reply)).toBe(true);
      expect(lead(reply)).toBe(
        'From chat a digest can run at most hourly. For example `0 * * * *` posts every hour on the hour, `daily` at 09:00.',
      );
    }
    const hourly = await manage(fake, 'subscribe', channel, { schedule: '0 * * * *' });
    expect(lead(hourly)).toContain('`0 * * * *`');
    expect((await bot.digests.subscriptions.find('discord', channel))?.cron).toBe('0 * * * *');
  });

  it('refuses a language Discord would never send', async () => {
    const [channel = ''] = channelIds(1);
    const reply = await manage(fake, 'subscribe', channel, { schedule: 'daily', language: 'fr' });
    expect(lead(reply)).toBe('lang must be en or ja.');
    expect(await bot.digests.subscriptions.find('discord', channel)).toBeUndefined();
  });
});

describe('who may', () => {
  it('refuses a member without Manage Server, for every subcommand, and changes nothing', async () => {
    const [channel = ''] = channelIds(1);
    await manage(fake, 'subscribe', channel, { schedule: 'daily' });
    for (const sub of ['subscribe', 'unsubscribe', 'list', 'preview']) {
      // The payload's member.permissions lack Manage Server (bit 5): the bot decides on that,
      // whatever the server's command settings let this member see.
      const reply = await fake.ask({
        command: 'sakura-digest',
        sub,
        channelId: channel,
        options: sub === 'subscribe' ? { schedule: 'weekly' } : {},
      });
      expect(isEphemeral(reply)).toBe(true);
      expect(lead(reply)).toBe(
        'Only admins can change digests. Ask an admin of this workspace or server.',
      );
    }
    expect((await bot.digests.subscriptions.find('discord', channel))?.cron).toBe('0 9 * * *');
  });
});

describe('unsubscribe, list, preview', () => {
  it('lists this server’s digest channels, and unsubscribes one', async () => {
    const [a = '', b = ''] = channelIds(2);
    await manage(fake, 'subscribe', a, { schedule: 'daily' });
    await manage(fake, 'subscribe', b, { schedule: 'weekly', language: 'ja' });
    const list = await manage(fake, 'list', a);
    expect(isEphemeral(list)).toBe(true);
    expect(lead(list)).toBe('2 channel(s) get the digest:');
    const text = embedText(list);
    expect(text).toContain(`#${a}\n\`0 9 * * *\` (Asia/Tokyo, English)\nactive`);
    expect(text).toContain(`#${b}\n\`0 9 * * 1\` (Asia/Tokyo, Japanese)\nactive`);

    const removed = await manage(fake, 'unsubscribe', a);
    expect(isEphemeral(removed)).toBe(true);
    expect(lead(removed)).toBe('This channel will no longer get the digest.');
    expect(lead(await manage(fake, 'unsubscribe', a))).toMatch(/^This channel does not get/);
    expect(lead(await manage(fake, 'list', a))).toBe('1 channel(s) get the digest:');
  });

  it('defers privately while another process holds the database, then fills the answer in', async () => {
    const [channel = ''] = channelIds(1);
    // Another process on the same file holds its write lock for longer than the bot waits
    // before deferring (1 s).
    const holder = openDatabase(db.path);
    holder.exec('BEGIN IMMEDIATE');
    setTimeout(() => {
      holder.exec('COMMIT');
      holder.close();
    }, 1_500);
    const sent = fake.interact({
      command: 'sakura-digest',
      sub: 'subscribe',
      options: { schedule: 'daily' },
      channelId: channel,
      permissions: MANAGER_PERMISSIONS,
    });
    const first = await fake.waitFor((r) => r.path.startsWith(`/interactions/${sent.id}/`));
    // Seen by the admin alone: the channel never shows a "thinking…" for a private answer.
    expect(first.body).toEqual({ type: 5, data: { flags: 64 } });
    const edit = await fake.waitFor((r) => r.method === 'PATCH' && r.path.includes(sent.token));
    expect(lead(edit)).toMatch(/^This channel will get the digest/);
    expect(fake.exchange(sent).map((r) => r.method)).toEqual(['POST', 'PATCH']);
    expect((await bot.digests.subscriptions.find('discord', channel))?.cron).toBe('0 9 * * *');
  });

  it('previews the digest privately, with the next post times', async () => {
    const [channel = ''] = channelIds(1);
    const before = await manage(fake, 'preview', channel);
    expect(isEphemeral(before)).toBe(true);
    expect(lead(before)).toContain('This channel does not get the digest.');
    await manage(fake, 'subscribe', channel, { schedule: 'daily', language: 'ja' });
    const reply = await manage(fake, 'preview', channel);
    expectWellFormed(reply);
    expect(isEphemeral(reply)).toBe(true);
    expect(embedOf(reply).title).toMatch(/^ダイジェスト：/);
    expect(lead(reply)).toMatch(/^This is what the digest would look like now/);
    expect(embedText(reply)).toMatch(/Next posts\n\d{1,2} \w{3} \d{4}, 09:00\n/);
    // A preview is not a post.
    expect(fake.channels.messages(channel)).toEqual([]);
  });
});

describe('without digests', () => {
  it('says clearly, privately, that digests are not running', async () => {
    const plain = await startBot(fake);
    try {
      const reply = await manage(fake, 'list', fake.channelId);
      expect(isEphemeral(reply)).toBe(true);
      expect(lead(reply)).toBe(
        'Scheduled digests are not running in this bot, so they cannot be set up here. Ask whoever runs the bot.',
      );
    } finally {
      await plain.platform.stop();
    }
  });
});
