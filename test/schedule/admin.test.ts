import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { digestAnswer } from '../../src/core/index.js';
import { type AdminRequest, DigestAdmin } from '../../src/schedule/admin.js';
import type { Clock } from '../../src/schedule/clock.js';
import { openDatabase } from '../../src/schedule/database.js';
import { DeliveryLedger } from '../../src/schedule/deliveries.js';
import { SubscriptionStore } from '../../src/schedule/subscriptions.js';
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
let close: () => void;
beforeEach(() => {
  const db = openDatabase(':memory:');
  subscriptions = new SubscriptionStore(db);
  digests = new DigestAdmin({
    story,
    subscriptions,
    ledger: new DeliveryLedger(db, 'test'),
    clock,
  });
  close = () => {
    digests.close();
    db.close();
  };
});
afterEach(() => close());

describe('digest admin commands', () => {
  it('refuses non-admins for every command, privately, and changes nothing', () => {
    const user = { ...admin(), isAdmin: false };
    for (const reply of [
      digests.subscribe(user, { schedule: 'daily' }),
      digests.unsubscribe(user),
      digests.list(user),
      digests.preview(user),
    ]) {
      expect(reply.lead).toBe(
        'Only admins can change digests. Ask an admin of this workspace or server.',
      );
      expect(reply.visibility).toBe('private');
    }
    expect(subscriptions.active(['slack'])).toEqual([]);
  });

  it('subscribes with a preset in Asia/Tokyo by default and shows the next posts', () => {
    const reply = digests.subscribe(admin(), { schedule: 'weekdays' });
    expect(reply.lead).toBe(
      'This channel will get the digest on schedule `0 9 * * 1-5` (Asia/Tokyo), in English.',
    );
    expect(reply.fields?.[0]?.label).toBe('Next posts');
    expect(reply.fields?.[0]?.value.split('\n')).toHaveLength(3);
    expect(subscriptions.find('slack', 'C0123456789')).toMatchObject({
      timezone: 'Asia/Tokyo',
      lang: 'en',
      createdBy: 'U0123456',
    });
  });

  it('explains a bad cron, an unknown zone and a too-frequent schedule with a valid example', () => {
    expect(digests.subscribe(admin(), { schedule: '61 9 * * *' }).lead).toMatch(
      /^That is not a schedule I can read \(.+\)\. Try `daily`/,
    );
    expect(digests.subscribe(admin(), { schedule: 'daily', timezone: 'Tokyo' }).lead).toBe(
      'Unknown time zone "Tokyo". Use an IANA name such as `Asia/Tokyo` or `America/New_York`.',
    );
    expect(digests.subscribe(admin(), { schedule: '*/5 * * * *' }).lead).toContain(
      '`0 * * * *` posts every hour',
    );
    expect(subscriptions.active(['slack'])).toEqual([]);
  });

  it('lists the channels with their state, including why one is paused', () => {
    digests.subscribe(admin(), {
      schedule: 'daily',
      timezone: 'America/New_York',
      digestLang: 'ja',
    });
    const sub = subscriptions.find('slack', 'C0123456789');
    if (sub) subscriptions.pause(sub.id, 'channel_not_found', clock.now());
    const reply = digests.list(admin());
    expect(reply.lead).toBe('1 channel(s) get the digest:');
    expect(reply.fields?.[0]?.label).toBe('#C0123456789');
    expect(reply.fields?.[0]?.value).toContain('`0 9 * * *` (America/New_York, Japanese)');
    expect(reply.fields?.[0]?.value).toContain('paused: channel_not_found');
  });

  it('unsubscribes, and says so when there was nothing to remove', () => {
    digests.subscribe(admin(), { schedule: 'daily' });
    expect(digests.unsubscribe(admin()).lead).toBe('This channel will no longer get the digest.');
    expect(digests.unsubscribe(admin()).lead).toBe(
      'This channel does not get the digest. An admin can subscribe it, for example with the schedule `daily`.',
    );
  });

  it('previews the digest privately, in Japanese when asked', () => {
    const reply = digests.preview({ ...admin(), lang: 'ja' });
    expect(reply.visibility).toBe('private');
    expect(reply.title).toContain('ダイジェスト');
    expect(allText(reply)).toContain('100億ドル');
  });
});

describe('digest composer', () => {
  it('says there is nothing new when no fact changed since the previous digest', () => {
    // Issue 11 added and reworded facts on 2026-11-30; none changed after that.
    const reply = digestAnswer(story, 'en', '2026-12-01');
    expect(reply.lead).toBe("The bot's facts have not changed since 1 December 2026.");
    expect(allText(reply)).toContain('$10 billion');
    expect(reply.visibility).toBe('public');
  });

  it('opens with the facts added or changed since the previous digest', () => {
    const reply = digestAnswer(story, 'en', '2026-04-02');
    expect(reply.lead).toBe("The bot's facts added or changed since 2 April 2026:");
    const fresh = reply.bullets?.filter((b) => b.startsWith('🆕')) ?? [];
    expect(fresh).toHaveLength(story.facts.length);
    expect(digestAnswer(story, 'ja', '2026-12-01').lead).toBe(
      '2026年12月1日以降、botが持つ情報に変更はありません。',
    );
  });
});
