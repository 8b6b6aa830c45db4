import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SLACK_DIGEST_CONCURRENCY } from '../../src/adapters/slack/digest/poster.js';
import { DEFAULT_LEASE_MS as LEASE_MS } from '../../src/schedule/delivery.js';
import type { Fault } from '../support/fake-slack/fake-faults.js';
import { type FakeWebApi, startFakeWebApi } from '../support/fake-slack/fake-web-api.js';
import { sqliteDb } from '../support/sqlite-db.js';
import { visibleText } from './block-kit-check.js';
import {
  at,
  type BotOptions,
  type BotProcess,
  FakeClock,
  minutes,
  postsPerChannel,
  reply,
  startBot,
  T0,
  tempDatabase,
} from './digest-support.js';

const ADMIN = 'U0ADMIN01';
const channelIds = (n: number) =>
  Array.from({ length: n }, (_, i) => `C0CHAN${String(i + 1).padStart(4, '0')}`);
/** Channels configured the way an operator would: a list and a schedule (daily, 09:00 Tokyo). */
const configured = (channels: readonly string[], extra: Record<string, string> = {}) => ({
  SLACK_DIGEST_CHANNELS: channels.join(','),
  DIGEST_CRON: '0 9 * * *',
  SLACK_ADMIN_USER_IDS: ADMIN,
  ...extra,
});

let api: FakeWebApi;
let db: ReturnType<typeof tempDatabase>;
let bots: BotProcess[];
/** Slack's clock follows whichever bot "process" the test is looking at. */
let slackTime: FakeClock;

beforeEach(async () => {
  api = await startFakeWebApi();
  db = tempDatabase();
  bots = [];
  slackTime = new FakeClock(at(-minutes(60)));
  api.now = () => slackTime.now().getTime();
});
afterEach(async () => {
  for (const bot of bots) await bot.h.close();
  await api.close();
  db.remove();
});

async function bot(
  clock: FakeClock,
  env: Record<string, string>,
  extra: Partial<BotOptions> = {},
): Promise<BotProcess> {
  slackTime = clock;
  const started = await startBot({ api, databasePath: db.path, clock, env, ...extra });
  bots.push(started);
  return started;
}

const ledgerOf = async (b: BotProcess) => (await b.h.digests?.ledger.countByStatus()) ?? {};

describe('configured channels', () => {
  it('SLACK_DIGEST_CHANNELS and DIGEST_CRON create subscriptions at start-up, posted at their slot', async () => {
    const channels = channelIds(3);
    const b = await bot(new FakeClock(at(-minutes(60))), configured(channels));
    const list = visibleText(await reply(b.h, 'digest list'));
    expect(list).toContain('3 channel(s) get the digest:');
    for (const channel of channels) expect(list).toContain(`#${channel}`);
    expect(list).toContain('`0 9 * * *` (Asia/Tokyo, English)\nactive');
    expect(list).toContain('config');

    // Nothing before the first slot; then one post each.
    await b.scheduler.tick(at(-minutes(1)));
    expect(api.count('chat.postMessage')).toBe(0);
    b.clock.set(T0);
    const [report] = await b.scheduler.tick(T0);
    expect(report).toMatchObject({ slot: T0.toISOString(), sent: 3, skipped: 0, paused: 0 });
    expect(postsPerChannel(api, channels)).toEqual([1, 1, 1]);
    expect(b.h.logs.some((l) => l.msg === 'digest slot' && l.sent === 3)).toBe(true);
  });
});

describe('exactly one post per channel per slot', () => {
  it('when the process is killed in the middle of a fan-out and restarted', async () => {
    const channels = channelIds(10);
    const env = configured(channels);
    // Process A: Slack answers four posts, takes three more but never answers, and holds the
    // last three before they land. A long client timeout keeps A waiting until it is killed.
    const a = await bot(new FakeClock(at(-minutes(60))), env, {
      slack: { digest: { timeoutMs: 60_000 } },
    });
    api.faults = ({ method, body }): Fault | undefined => {
      if (method !== 'chat.postMessage') return undefined;
      const i = channels.indexOf(String(body.channel));
      if (i >= 7) return { kind: 'timeout', landed: false };
      if (i >= 4) return { kind: 'timeout', landed: true };
      return undefined;
    };
    a.clock.set(at(10_000));
    const tickA = a.scheduler.tick(a.clock.now()).catch(() => 'killed');
    await api.waitForCalls('chat.postMessage', 10);
    expect(api.messages.all()).toHaveLength(7);

    // Killed: nothing A started will run on, its connections die, its database handle closes.
    a.clock.kill();
    api.dropHeld();
    if (a.h.digests) sqliteDb(a.h.digests).close();
    await a.h.running.stop();
    api.faults = undefined;

    // Process B on the same file, after A's claims have run out of lease, inside catch-up.
    const b = await bot(new FakeClock(at(LEASE_MS + minutes(1))), env);
    const [report] = await b.scheduler.tick(b.clock.now());
    expect(report?.slot).toBe(T0.toISOString());
    expect(postsPerChannel(api, channels)).toEqual(channels.map(() => 1));
    expect(await ledgerOf(b)).toEqual({ sent: 10 });
    // B looked before posting for every claim A had not settled, and posted only the three
    // that never landed.
    expect(api.count('conversations.history')).toBeGreaterThanOrEqual(6);
    expect(api.count('chat.postMessage')).toBe(13);
    // A restart later finds nothing left to do.
    await b.scheduler.tick(at(LEASE_MS + minutes(5)));
    expect(api.messages.all()).toHaveLength(10);
    void tickA;
  });

  it('with two schedulers on two connections to one database file ticking the same slot', async () => {
    const channels = channelIds(12);
    const env = configured(channels);
    const clock = new FakeClock(at(-minutes(60)));
    const a = await bot(clock, env);
    const b = await bot(clock, env);
    // Slow answers keep A's fan-out in flight while B ticks again a minute later.
    api.faults = ({ method }) =>
      method === 'chat.postMessage' ? { kind: 'slow', delayMs: 30 } : undefined;
    clock.set(at(5_000));
    const reports = await Promise.all([
      a.scheduler.tick(at(5_000)),
      b.scheduler.tick(at(5_000)),
      (async () => {
        await api.waitForCalls('chat.postMessage', 2);
        return b.scheduler.tick(at(minutes(1)));
      })(),
    ]);
    const sent = reports.flat().reduce((sum, r) => sum + r.sent, 0);
    expect(sent).toBe(12);
    expect(postsPerChannel(api, channels)).toEqual(channels.map(() => 1));
    expect(await ledgerOf(a)).toEqual({ sent: 12 });
  });

  it('when the owner stalls past its lease and another takes the slot over: one post, and the stalled one sends nothing', async () => {
    const [channel = ''] = channelIds(1);
    const env = configured([channel]);
    // A holds its claim for 2 s of real time between renewals; its posts are bounded by that.
    const a = await bot(new FakeClock(at(-minutes(60))), env, { leaseMs: 2_000 });
    const b = await bot(new FakeClock(at(-minutes(60))), env);
    // A's first post meets a 429 asking for 3 s: A then waits that long for its next turn.
    api.faults = ({ method, attempt }) =>
      method === 'chat.postMessage' && attempt === 1
        ? { kind: 'ratelimited', retryAfterSeconds: 3 }
        : undefined;
    a.clock.set(T0);
    const tickA = a.scheduler.tick(T0);
    await api.waitForCalls('chat.postMessage', 1);
    // B comes by after A's lease ran out, finds nothing posted, and posts the digest itself.
    b.clock.set(at(minutes(1)));
    const reportsB = await b.scheduler.tick(at(minutes(1)));
    expect(reportsB.reduce((sum, r) => sum + r.sent, 0)).toBe(1);
    // A's turn comes after its claim ran out: it gives up instead of posting a second time.
    const reportsA = await tickA;
    expect(reportsA.reduce((sum, r) => sum + r.sent, 0)).toBe(0);
    expect(api.messages.in(channel)).toHaveLength(1);
    const row =
      b.h.digests &&
      sqliteDb(b.h.digests).prepare('SELECT status, message_id FROM deliveries').get();
    expect(row).toEqual({ status: 'sent', message_id: api.messages.in(channel)[0]?.ts });
    expect(a.h.logs.some((l) => String(l.msg).includes('taken over by another process'))).toBe(
      true,
    );
  });

  it('when 500s, 429s and timeouts hit a fifth of the sends', async () => {
    const channels = channelIds(25);
    const b = await bot(new FakeClock(at(-minutes(60))), configured(channels), {
      slack: { digest: { timeoutMs: 250 } },
    });
    const faults: Fault[] = [
      { kind: 'status', status: 500 },
      { kind: 'ratelimited', retryAfterSeconds: 1 },
      { kind: 'timeout', landed: true },
      { kind: 'status', status: 503 },
      { kind: 'timeout', landed: false },
      { kind: 'reset', landed: true },
    ];
    let sends = 0;
    api.faults = ({ method }) => {
      if (method !== 'chat.postMessage') return undefined;
      sends += 1;
      return sends % 5 === 1 ? faults[Math.floor(sends / 5) % faults.length] : undefined;
    };
    b.clock.set(T0);
    // A delivery that used up its attempts is retried by a later tick; a few ticks at most.
    for (let minute = 0; minute < 5; minute += 1) {
      await b.scheduler.tick(at(minutes(minute)));
      if ((await ledgerOf(b)).sent === channels.length) break;
    }
    expect(postsPerChannel(api, channels)).toEqual(channels.map(() => 1));
    expect(await ledgerOf(b)).toEqual({ sent: 25 });
    expect(sends).toBeGreaterThan(25);
    expect(b.h.logs.some((l) => l.msg === 'digest retry')).toBe(true);
    // Timeouts and cut connections were checked in the history before any second post.
    expect(api.count('conversations.history')).toBeGreaterThan(0);
  });
});

describe('permanent errors', () => {
  it('pause the subscription with the reason, which digest list shows', async () => {
    const channels = channelIds(4);
    const b = await bot(new FakeClock(at(-minutes(60))), configured(channels));
    api.channelErrors.set(channels[0] as string, 'channel_not_found');
    api.channelErrors.set(channels[1] as string, 'not_in_channel');
    api.channelErrors.set(channels[2] as string, 'is_archived');
    const [report] = await b.scheduler.tick(T0);
    expect(report).toMatchObject({ sent: 1, paused: 3 });
    expect(postsPerChannel(api, channels)).toEqual([0, 0, 0, 1]);

    const list = visibleText(await reply(b.h, 'digest list'));
    expect(list).toContain('paused: channel_not_found: the channel is gone');
    expect(list).toContain('paused: not_in_channel: the bot is not in the channel');
    expect(list).toContain('paused: is_archived: the channel is archived');
    expect(list.match(/\nactive\n/g)).toHaveLength(1);

    // Paused channels are not tried again at the next slot; the healthy one is posted.
    const calls = api.count('chat.postMessage');
    await b.scheduler.tick(at(minutes(24 * 60)));
    expect(api.count('chat.postMessage')).toBe(calls + 1);

    // Subscribing again is how an admin says "fixed, try again".
    api.channelErrors.delete(channels[1] as string);
    const again = await reply(b.h, 'digest subscribe daily', ADMIN, channels[1]);
    expect(visibleText(again)).toContain('now runs on `0 9 * * *`');
    await b.scheduler.tick(at(minutes(48 * 60)));
    expect(api.messages.in(channels[1] as string)).toHaveLength(1);
  });
});

describe('a bot token Slack rejects', () => {
  it.each(['token_revoked', 'invalid_auth'])(
    '%s stops posting on Slack without pausing a channel, says so in list, and resumes by itself',
    async (code) => {
      const channels = channelIds(3);
      const b = await bot(new FakeClock(at(-minutes(60))), configured(channels));
      api.reject = code;
      b.clock.set(T0);
      const [report] = await b.scheduler.tick(T0);
      expect(report).toMatchObject({ sent: 0, paused: 0 });
      // The first refusal stops the platform: the other channels are not even tried.
      expect(api.count('chat.postMessage')).toBeLessThanOrEqual(SLACK_DIGEST_CONCURRENCY);
      const list = visibleText(await reply(b.h, 'digest list'));
      expect(list).toContain(`Posting stopped: the bot's token was rejected (${code}`);
      expect(list.match(/\nactive\n/g)).toHaveLength(3);

      const tried = api.count('chat.postMessage');
      await b.scheduler.tick(at(minutes(2)));
      expect(api.count('chat.postMessage')).toBe(tried);
      expect(api.count('auth.test')).toBeGreaterThanOrEqual(1);

      api.reject = undefined;
      b.clock.set(at(minutes(10)));
      const reports = await b.scheduler.tick(at(minutes(10)));
      expect(reports.reduce((sum, r) => sum + r.sent, 0)).toBe(3);
      expect(postsPerChannel(api, channels)).toEqual([1, 1, 1]);
      expect(visibleText(await reply(b.h, 'digest list'))).not.toContain('Posting stopped');
    },
  );
});

describe('catch-up after the bot was down', () => {
  /** Subscriptions made two days and an hour before T0, by a bot that then went down. */
  async function downSince(channels: readonly string[]) {
    const before = await bot(new FakeClock(at(-minutes(49 * 60))), configured(channels));
    await before.h.close();
    bots = [];
  }

  it('posts the latest slot once at start-up when it is younger than DIGEST_CATCHUP_MINUTES', async () => {
    const channels = channelIds(2);
    await downSince(channels);
    const b = await bot(new FakeClock(at(minutes(30))), configured(channels));
    // What main does: start the scheduler (which ticks at once), and later stop it.
    b.h.digests?.startScheduler([b.h.running.poster]);
    await b.h.digests?.stopScheduler();
    expect(postsPerChannel(api, channels)).toEqual([1, 1]);
    const [message] = api.messages.in(channels[0] as string);
    expect(message?.metadata?.event_payload.slot).toBe(T0.toISOString());
    // The two earlier slots (T0 - 2 days, T0 - 1 day) are recorded as missed, per channel.
    expect(await ledgerOf(b)).toEqual({ sent: 2, missed: 4 });
  });

  it('records an older slot as missed and posts nothing', async () => {
    const channels = channelIds(2);
    await downSince(channels);
    const b = await bot(new FakeClock(at(minutes(90))), configured(channels));
    b.h.digests?.startScheduler([b.h.running.poster]);
    await b.h.digests?.stopScheduler();
    expect(api.count('chat.postMessage')).toBe(0);
    expect(await ledgerOf(b)).toEqual({ missed: 6 });
  });
});
