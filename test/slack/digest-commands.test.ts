import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { blockKitProblems, type ReplyJson, visibleText } from './block-kit-check.js';
import { at, FakeClock, minutes, reply, tempDatabase } from './digest-support.js';
import { type SlackHarness, startHarness } from './harness.js';

const CONFIGURED_ADMIN = 'U0ADMIN01';
const WORKSPACE_ADMIN = 'U0WSADMIN1';
const OWNER = 'U0OWNER01';
const MEMBER = 'U0MEMBER01';
const CHANNEL = 'C0DIGEST01';

let db: ReturnType<typeof tempDatabase>;
let h: SlackHarness;
beforeEach(async () => {
  db = tempDatabase();
  h = await startHarness({
    digestClock: new FakeClock(at(-minutes(60))),
    env: { DATABASE_PATH: db.path, SLACK_ADMIN_USER_IDS: CONFIGURED_ADMIN },
  });
  h.api.users.set(WORKSPACE_ADMIN, { is_admin: true });
  h.api.users.set(OWNER, { is_owner: true, is_primary_owner: true });
  h.api.users.set(MEMBER, { is_admin: false });
});
afterEach(async () => {
  await h.close();
  db.remove();
});

/** The reply, checked to be private and within Block Kit's rules. */
async function ephemeral(text: string, user = CONFIGURED_ADMIN): Promise<string> {
  const body = await reply(h, text, user, CHANNEL);
  expect(blockKitProblems(body)).toEqual([]);
  expect(body.response_type).toBe('ephemeral');
  return visibleText(body);
}

const subscription = () => h.digests?.subscriptions.find('slack', CHANNEL);

describe('/sakura digest, for admins', () => {
  it('subscribe, list, preview and unsubscribe, each answered privately', async () => {
    const subscribed = await ephemeral('digest subscribe daily');
    expect(subscribed).toContain(
      'This channel will get the digest on schedule `0 9 * * *` (Asia/Tokyo), in English.',
    );
    // The next three posts in the subscription's zone, counted from the scheduler's clock
    // (08:00 on Monday 6 April in Tokyo).
    expect(subscribed).toContain(
      '*Next posts*\n6 Apr 2026, 09:00\n7 Apr 2026, 09:00\n8 Apr 2026, 09:00',
    );
    expect(await subscription()).toMatchObject({
      platform: 'slack',
      workspaceId: 'T0001',
      cron: '0 9 * * *',
      timezone: 'Asia/Tokyo',
      lang: 'en',
      createdBy: CONFIGURED_ADMIN,
      pausedReason: null,
    });

    const list = await ephemeral('digest list');
    expect(list).toContain('1 channel(s) get the digest:');
    expect(list).toContain(`#${CHANNEL}`);
    expect(list).toContain('`0 9 * * *` (Asia/Tokyo, English)\nactive');

    const preview = await ephemeral('digest preview');
    expect(preview).toContain('only you see this preview');
    expect(preview).toContain('$10 billion');

    const again = await ephemeral('digest subscribe weekdays tz:America/New_York');
    expect(again).toContain("This channel's digest now runs on `0 9 * * 1-5` (America/New_York)");

    expect(await ephemeral('digest unsubscribe')).toContain(
      'This channel will no longer get the digest.',
    );
    expect(await subscription()).toBeUndefined();
    expect(await ephemeral('digest list')).toContain('No channel here gets the digest yet.');
    // SLACK_ADMIN_USER_IDS needs no lookup, and digest replies are never taken from the cache.
    expect(h.api.count('users.info')).toBe(0);
  });

  it('workspace admins and owners are recognised through users.info, asked once a minute', async () => {
    const first = await h.slash('digest subscribe weekly', {
      fields: { user_id: WORKSPACE_ADMIN, channel_id: CHANNEL },
    });
    // Unknown yet: an empty ack, then the answer through response_url after users.info.
    expect(first.json).toBeUndefined();
    const answered = (await h.responses.waitFor(first.responseUrl)).body as ReplyJson;
    expect(answered.response_type).toBe('ephemeral');
    expect(visibleText(answered)).toContain('`0 9 * * 1` (Asia/Tokyo)');
    expect(h.api.calls.find((c) => c.method === 'users.info')?.body).toMatchObject({
      user: WORKSPACE_ADMIN,
    });

    // Known now: answered in the ack, without asking Slack again.
    const second = await h.slash('digest list', {
      fields: { user_id: WORKSPACE_ADMIN, channel_id: CHANNEL },
    });
    expect(visibleText(second.json as ReplyJson)).toContain('1 channel(s) get the digest:');
    expect(h.api.count('users.info')).toBe(1);

    expect(await ephemeral('digest preview', OWNER)).toContain('only you see this preview');
  });

  it('lang:ja answers in Japanese and makes the digest Japanese', async () => {
    const text = await ephemeral('digest subscribe 30 8 * * 1-5 tz:asia/tokyo lang:ja');
    expect(text).toContain('`30 8 * * 1-5`');
    expect(text).toContain('日本語');
    expect(await subscription()).toMatchObject({ cron: '30 8 * * 1-5', lang: 'ja' });
    // Full-width input from a Japanese keyboard reads the same.
    expect(await ephemeral('ｄｉｇｅｓｔ ｌｉｓｔ ｌａｎｇ：ｊａ')).toContain('1件のチャンネル');
  });
});

describe('/sakura digest refuses', () => {
  it('members who are not admins, for every subcommand, and changes nothing', async () => {
    for (const text of [
      'digest subscribe daily',
      'digest unsubscribe',
      'digest list',
      'digest preview',
    ]) {
      expect(await ephemeral(text, MEMBER)).toContain('Only admins can change digests.');
    }
    // Someone users.info does not know is no admin either.
    expect(await ephemeral('digest subscribe daily', 'U0STRANGER1')).toContain(
      'Only admins can change digests.',
    );
    expect(await subscription()).toBeUndefined();
  });

  it('says so, privately, when Slack cannot tell whether the user is an admin', async () => {
    h.api.faults = ({ method }) =>
      method === 'users.info' ? { kind: 'status', status: 503 } : undefined;
    const text = await ephemeral('digest subscribe daily', WORKSPACE_ADMIN);
    expect(text).toContain('Could not check with Slack whether you are an admin.');
    expect(await subscription()).toBeUndefined();
  });

  it('bad schedules, with an example that works', async () => {
    const cases: [string, string[]][] = [
      ['digest subscribe 0 9 * *', ['expected 5 fields', '`0 9 * * 1-5`', '`daily`']],
      ['digest subscribe 61 9 * * *', ['not a schedule I can read', '`0 9 * * 1-5`']],
      ['digest subscribe fortnightly', ['not a schedule I can read', '`weekly`']],
      [
        'digest subscribe daily tz:Mars/Olympus_Mons',
        ['Unknown time zone "Mars/Olympus_Mons"', '`Asia/Tokyo`'],
      ],
      ['digest subscribe */30 * * * *', ['at most hourly', '`0 * * * *`']],
      ['digest subscribe * * * * *', ['at most hourly', '`0 * * * *`']],
    ];
    for (const [text, expected] of cases) {
      const shown = await ephemeral(text);
      for (const phrase of expected) expect(shown, text).toContain(phrase);
    }
    expect(await subscription()).toBeUndefined();
  });

  it('unknown or incomplete digest commands, with the usage', async () => {
    const usage = 'Use `digest subscribe &lt;daily|weekdays|weekly|cron&gt; [tz:Area/City]';
    for (const text of [
      'digest',
      'digest subscribe',
      'digest frobnicate',
      'digest list everything',
    ]) {
      expect(await ephemeral(text, MEMBER), text).toContain(usage);
    }
    expect(await ephemeral('digest list lang:fr')).toContain('lang must be en or ja.');
    const dm = await reply(h, 'digest subscribe daily', CONFIGURED_ADMIN, 'D0DIRECT01');
    expect(visibleText(dm)).toContain('Digests are posted to channels');
    expect(h.api.count('users.info')).toBe(0);
  });
});

describe('/sakura digest without a digest database', () => {
  it('answers with a clear private error', async () => {
    const bare = await startHarness();
    try {
      const body = await reply(bare, 'digest subscribe daily');
      expect(body.response_type).toBe('ephemeral');
      expect(visibleText(body)).toContain('Scheduled digests are not available in this bot');
    } finally {
      await bare.close();
    }
  });
});
