import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { digestAnswer } from '../../src/core/index.js';
import { type AdminRequest, DigestAdmin } from '../../src/schedule/admin.js';
import type { Clock } from '../../src/schedule/clock.js';
import { PostingHealth } from '../../src/schedule/posting-health.js';
import type { SubscriptionStore } from '../../src/store/contract.js';
import { SqliteStore } from '../../src/store/sqlite/store.js';
import { allText, story } from '../support/story.js';

const clock: Clock = { now: () => new Date('2026-04-10T00:00:00Z'), sleep: async () => undefined };
const admin = (): AdminRequest => ({
  platform: 'slack',
  workspaceId: 'T0123456',
  channelId: 'C0123456789',
  userId: 'U0123456',
  lang: 'en',
  isAdmin: true,
});

let digests: DigestAdmin;
let subscriptions: SubscriptionStore;
let health: PostingHealth;
let close: () => Promise<void>;
beforeEach(() => {
  const store = new SqliteStore(':memory:', 'test');
  subscriptions = store.subscriptions;
  health = new PostingHealth();
  digests = new DigestAdmin({
    story,
    subscriptions,
    ledger: store.ledger,
    health,
    clock,
  });
  close = () => store.close();
});
afterEach(() => close());

describe('digest admin commands', () => {
  it('refuses non-admins for every command, privately, and changes nothing', async () => {
    const user = { ...admin(), isAdmin: false };
    for (const reply of await Promise.all([
      digests.subscribe(user, { schedule: 'daily' }),
      digests.unsubscribe(user),
      digests.list(user),
      digests.preview(user),
    ])) {
      expect(reply.lead).toBe(
        'Only admins can change digests. Ask an admin of this workspace or server.',
      );
      expect(reply.visibility).toBe('private');
    }
    expect(await subscriptions.active(['slack'])).toEqual([]);
  });

  it('subscribes with a preset in Asia/Tokyo by default and shows the next posts', async () => {
    const reply = await digests.subscribe(admin(), { schedule: 'weekdays' });
    expect(reply.lead).toBe(
      'This channel will get the digest on schedule `0 9 * * 1-5` (Asia/Tokyo), in English.',
    );
    expect(reply.fields?.[0]?.label).toBe('Next posts');
    expect(reply.fields?.[0]?.value.split('\n')).toHaveLength(3);
    expect(await subscriptions.find('slack', 'C0123456789')).toMatchObject({
      timezone: 'Asia/Tokyo',
      lang: 'en',
      createdBy: 'U0123456',
    });
  });

  it('explains a bad cron, an unknown zone and a too-frequent schedule with a valid example', async () => {
    expect((await digests.subscribe(admin(), { schedule: '61 9 * * *' })).lead).toMatch(
      /^That is not a schedule I can read \(.+\)\. Try `daily`/,
    );
    expect((await digests.subscribe(admin(), { schedule: 'daily', timezone: 'Tokyo' })).lead).toBe(
      'Unknown time zone "Tokyo". Use an IANA name such as `Asia/Tokyo` or `America/New_York`.',
    );
    expect((await digests.subscribe(admin(), { schedule: '*/5 * * * *' })).lead).toContain(
      '`0 * * * *` posts every hour',
    );
    expect(await subscriptions.active(['slack'])).toEqual([]);
  });

  it('lists the channels with their state, including why one is paused', async () => {
    await digests.subscribe(admin(), {
      schedule: 'daily',
      timezone: 'America/New_York',
      digestLang: 'ja',
    });
    const sub = await subscriptions.find('slack', 'C0123456789');
    if (sub) await subscriptions.pause(sub.id, 'channel_not_found', clock.now());
    const reply = await digests.list(admin());
    expect(reply.lead).toBe('1 channel(s) get the digest:');
    expect(reply.fields?.[0]?.label).toBe('#C0123456789');
    expect(reply.fields?.[0]?.value).toContain('`0 9 * * *` (America/New_York, Japanese)');
    expect(reply.fields?.[0]?.value).toContain('paused: channel_not_found');
  });

  it("lists one workspace's channels to its admins and to nobody else", async () => {
    await digests.subscribe(admin(), { schedule: 'daily' });
    const other = { ...admin(), workspaceId: 'T0999999', channelId: 'C0999999999' };
    await digests.subscribe(other, { schedule: 'weekly' });
    const mine = await digests.list(admin());
    expect(mine.fields?.map((field) => field.label)).toEqual(['#C0123456789']);
    const theirs = await digests.list(other);
    expect(theirs.fields?.map((field) => field.label)).toEqual(['#C0999999999']);
    expect(allText(theirs)).not.toContain('C0123456789');
  });

  it('says while posting is stopped that the token was rejected, keeping every subscription', async () => {
    await digests.subscribe(admin(), { schedule: 'daily' });
    health.stop('slack', 'token_revoked: the bot token was revoked', clock.now());
    const reply = await digests.list(admin());
    expect(reply.lead).toContain(
      "Posting stopped: the bot's token was rejected (token_revoked: the bot token was revoked)",
    );
    expect(reply.fields?.[0]?.value).toContain('active');
    expect((await digests.list({ ...admin(), lang: 'ja' })).lead).toContain(
      '投稿を停止中：ボットのトークンが拒否されました',
    );
    health.resume('slack');
    expect((await digests.list(admin())).lead).toBe('1 channel(s) get the digest:');
  });

  it('unsubscribes, and says so when there was nothing to remove', async () => {
    await digests.subscribe(admin(), { schedule: 'daily' });
    expect((await digests.unsubscribe(admin())).lead).toBe(
      'This channel will no longer get the digest.',
    );
    expect((await digests.unsubscribe(admin())).lead).toBe(
      'This channel does not get the digest. An admin can subscribe it, for example with the schedule `daily`.',
    );
  });

  it('previews the digest privately, in Japanese when asked', async () => {
    const reply = await digests.preview({ ...admin(), lang: 'ja' });
    expect(reply.visibility).toBe('private');
    expect(reply.title).toContain('ダイジェスト');
    expect(allText(reply)).toContain('100億ドル');
  });
});

describe('digest composer', () => {
  it('says there is nothing new when no fact changed since the previous digest', () => {
    const reply = digestAnswer(story, 'en', { since: '2026-04-05', facts: [] });
    expect(reply.lead).toBe("The bot's facts have not changed since 5 April 2026.");
    expect(allText(reply)).toContain('$10 billion');
    expect(reply.visibility).toBe('public');
    expect(digestAnswer(story, 'ja', { since: '2026-04-05', facts: [] }).lead).toBe(
      '2026年4月5日以降、ボットが持つ情報に変更はありません。',
    );
  });

  it('opens with exactly the facts it is given as changed since the previous digest', () => {
    const changed = story.facts.slice(0, 2);
    const reply = digestAnswer(story, 'en', { since: '2026-04-02', facts: changed });
    expect(reply.lead).toBe("The bot's facts added or changed since 2 April 2026:");
    const fresh = reply.bullets?.filter((b) => b.startsWith('🆕')) ?? [];
    expect(fresh).toEqual(changed.map((fact) => `🆕 ${fact.text.en}`));
  });

  it("is the summary alone for a channel's first digest", () => {
    const reply = digestAnswer(story, 'en');
    expect(reply.bullets?.some((b) => b.startsWith('🆕'))).toBe(false);
    expect(reply.lead).not.toMatch(/since/);
  });
});
