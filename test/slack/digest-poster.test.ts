import { createServer } from 'node:net';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { boltLogger } from '../../src/adapters/slack/bolt-logger.js';
import {
  createDigestClient,
  DIGEST_EVENT_TYPE,
  SlackDigestPoster,
} from '../../src/adapters/slack/digest/poster.js';
import { type SlackClients, singleClient } from '../../src/adapters/slack/oauth/clients.js';
import { digestAnswer } from '../../src/core/index.js';
import type { DeliveryKey, DigestTarget } from '../../src/schedule/poster.js';
import { BOT_TOKEN } from '../support/fake-slack/credentials.js';
import type { Fault } from '../support/fake-slack/fake-faults.js';
import { at, minutes, T0 } from './digest-support.js';
import { type SlackHarness, startHarness } from './harness.js';

const TIMEOUT_MS = 300;
let h: SlackHarness;
beforeAll(async () => {
  h = await startHarness({ slack: { digest: { timeoutMs: TIMEOUT_MS } } });
  h.api.now = () => at(minutes(1)).getTime();
});
afterAll(() => h.close());
beforeEach(() => {
  h.api.faults = undefined;
  h.api.channelErrors.clear();
});

let channels = 0;
/** A fresh channel per case, so counts and faults never leak between cases. */
function target(): DigestTarget {
  channels += 1;
  return { platform: 'slack', workspaceId: 'T0001', channelId: `C0POST${channels}` };
}
const key: DeliveryKey = { subscriptionId: 7, slot: T0 };
const digest = () => digestAnswer(h.story, 'en');
/** A claim's lease that never runs out during a test. */
const lease = () => new AbortController().signal;
const postsTo = (t: DigestTarget) =>
  h.api.calls.filter((c) => c.method === 'chat.postMessage' && c.body.channel === t.channelId);

/** Every call to this channel gets `fault`. */
function inject(t: DigestTarget, fault: Fault, method = 'chat.postMessage'): void {
  h.api.faults = (call) =>
    call.method === method && call.body.channel === t.channelId ? fault : undefined;
}

describe('SlackDigestPoster.post', () => {
  it('posts the digest once, as Block Kit with a fallback, no unfurls, and its key as metadata', async () => {
    const t = target();
    const outcome = await h.running.poster.post(t, digest(), key, lease());
    const [stored] = h.api.messages.in(t.channelId);
    expect(outcome).toEqual({ status: 'sent', messageId: stored?.ts });
    expect(postsTo(t)).toHaveLength(1);
    expect(postsTo(t)[0]?.authorization).toBe(`Bearer ${BOT_TOKEN}`);
    expect(stored).toMatchObject({
      unfurlLinks: 'false',
      unfurlMedia: 'false',
      metadata: {
        event_type: DIGEST_EVENT_TYPE,
        event_payload: { subscription_id: 7, slot: '2026-04-06T00:00:00.000Z' },
      },
    });
    expect(stored?.text).toContain('$10 billion');
    expect(stored?.blocks[0]).toMatchObject({ type: 'header' });
  });

  it.each<[string, Fault, Record<string, unknown>]>([
    ['HTTP 500', { kind: 'status', status: 500 }, { status: 'transient', reason: 'HTTP 500' }],
    ['HTTP 503', { kind: 'status', status: 503 }, { status: 'transient', reason: 'HTTP 503' }],
    ['HTTP 504', { kind: 'status', status: 504 }, { status: 'unknown', reason: 'HTTP 504' }],
    [
      'ok:false ratelimited',
      { kind: 'error', error: 'ratelimited' },
      { status: 'transient', reason: 'ratelimited' },
    ],
    [
      'internal_error ("may have succeeded")',
      { kind: 'error', error: 'internal_error' },
      { status: 'unknown', reason: 'internal_error' },
    ],
    ['channel_not_found', { kind: 'error', error: 'channel_not_found' }, { status: 'permanent' }],
    ['not_in_channel', { kind: 'error', error: 'not_in_channel' }, { status: 'permanent' }],
    ['is_archived', { kind: 'error', error: 'is_archived' }, { status: 'permanent' }],
    ['invalid_auth', { kind: 'error', error: 'invalid_auth' }, { status: 'unauthorized' }],
    ['token_revoked', { kind: 'error', error: 'token_revoked' }, { status: 'unauthorized' }],
    ['missing_scope', { kind: 'error', error: 'missing_scope' }, { status: 'permanent' }],
    ['restricted_action', { kind: 'error', error: 'restricted_action' }, { status: 'permanent' }],
    [
      'a timeout after the request landed',
      { kind: 'timeout', landed: true },
      { status: 'unknown', reason: 'timed out waiting for Slack' },
    ],
    ['a connection cut mid-request', { kind: 'reset', landed: false }, { status: 'unknown' }],
  ])('%s: one request, classified', async (_name, fault, expected) => {
    const t = target();
    inject(t, fault);
    const outcome = await h.running.poster.post(t, digest(), key, lease());
    expect(outcome).toMatchObject(expected);
    if (outcome.status === 'permanent') {
      const code = fault.kind === 'error' ? fault.error : '';
      expect(outcome.reason).toMatch(new RegExp(`^${code}: .+`));
    }
    // No hidden client retries: the scheduler decides whether and when to try again.
    expect(postsTo(t)).toHaveLength(1);
  });

  it('a 429 is transient with Retry-After in milliseconds, and is not retried by the client', async () => {
    const t = target();
    inject(t, { kind: 'ratelimited', retryAfterSeconds: 1 });
    // A poster of its own: the 429 holds its workspace's posts, which later cases would meet.
    const poster = new SlackDigestPoster({
      clients: singleClient(
        createDigestClient({
          token: BOT_TOKEN,
          slackApiUrl: h.api.url,
          logger: boltLogger(pino({ level: 'silent' })),
          timeoutMs: TIMEOUT_MS,
        }),
      ),
      logger: pino({ level: 'silent' }),
    });
    expect(await poster.post(t, digest(), key, lease())).toEqual({
      status: 'transient',
      reason: 'rate limited (429)',
      retryAfterMs: 1000,
    });
    expect(postsTo(t)).toHaveLength(1);
  });

  it('refused connections are transient: nothing can have been sent', async () => {
    // A port that was free a moment ago and now has nobody listening.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as { port: number };
    await new Promise((resolve) => probe.close(resolve));
    const poster = new SlackDigestPoster({
      clients: singleClient(
        createDigestClient({
          token: BOT_TOKEN,
          slackApiUrl: `http://127.0.0.1:${port}/api/`,
          logger: boltLogger(pino({ level: 'silent' })),
          timeoutMs: TIMEOUT_MS,
        }),
      ),
      logger: pino({ level: 'silent' }),
    });
    expect(await poster.post(target(), digest(), key, lease())).toMatchObject({
      status: 'transient',
      reason: 'ECONNREFUSED',
    });
  });
});

/**
 * OAuth mode's shape: each workspace's own client with its own token (the fake knows which team
 * a token is of), as TeamClients hands them out, without the installation store around it.
 */
function perWorkspaceClients(teams: string[]): SlackClients {
  const clients = new Map(
    teams.map((team) => [
      team,
      createDigestClient({
        token: h.api.oauth.botTokenFor(team),
        slackApiUrl: h.api.url,
        logger: boltLogger(pino({ level: 'silent' })),
        timeoutMs: TIMEOUT_MS,
      }),
    ]),
  );
  return {
    perWorkspace: true,
    forTeam: async (team) => (team ? clients.get(team) : undefined),
    tokenWorkspace: async () => undefined,
  };
}

describe('Slack limits are per workspace', () => {
  it('with a token per workspace, a 429 in one workspace holds its posts but not another workspace’s', async () => {
    const poster = new SlackDigestPoster({
      clients: perWorkspaceClients(['TPACEA', 'TPACEB']),
      logger: pino({ level: 'silent' }),
    });
    const a = { ...target(), workspaceId: 'TPACEA' };
    const b = { ...target(), workspaceId: 'TPACEB' };
    // Longer than the poster waits for a turn: a held post comes back at once, unsent.
    inject(a, { kind: 'ratelimited', retryAfterSeconds: 60 });
    expect(await poster.post(a, digest(), key, lease())).toMatchObject({
      status: 'transient',
      retryAfterMs: 60_000,
    });
    h.api.faults = undefined;

    const outcome = await poster.post(b, digest(), key, lease());
    expect(outcome).toEqual({ status: 'sent', messageId: h.api.messages.in(b.channelId)[0]?.ts });
    expect(postsTo(b)[0]?.authorization).toMatch(/^Bearer xoxb-TPACEB-/);
    // A's own posts still wait out its Retry-After, without asking Slack.
    const held = { ...target(), workspaceId: 'TPACEA' };
    expect(await poster.post(held, digest(), key, lease())).toMatchObject({
      status: 'transient',
      reason: 'rate limited (waiting)',
    });
    expect(postsTo(held)).toHaveLength(0);
  });

  it('a post held by a 429 is handed back for a new shared turn instead of going at the end of the hold', async () => {
    const poster = new SlackDigestPoster({
      clients: perWorkspaceClients(['TPACEC']),
      logger: pino({ level: 'silent' }),
    });
    const first = { ...target(), workspaceId: 'TPACEC' };
    inject(first, { kind: 'ratelimited', retryAfterSeconds: 1 });
    await poster.post(first, digest(), key, lease());
    h.api.faults = undefined;
    const next = { ...target(), workspaceId: 'TPACEC' };
    const outcome = await poster.post(next, digest(), key, lease());
    expect(outcome).toMatchObject({ status: 'transient', reason: 'rate limited (waiting)' });
    // The scheduler waits this long before it takes a new turn of the workspace's budget.
    expect(outcome.status === 'transient' && outcome.retryAfterMs).toBeGreaterThan(500);
    expect(postsTo(next)).toHaveLength(0);
  });

  it('names the shared limit by workspace, and with one bot token one name for every channel', () => {
    const oauth = new SlackDigestPoster({
      clients: perWorkspaceClients([]),
      logger: pino({ level: 'silent' }),
    });
    const single = h.running.poster;
    const inA = { ...target(), workspaceId: 'TPACEA' };
    const inB = { ...target(), workspaceId: 'TPACEB' };
    expect(oauth.sharedLimitKey(inA)).toBe('slack:TPACEA');
    expect(oauth.sharedLimitKey(inB)).toBe('slack:TPACEB');
    // A configured channel whose team is not learned yet shares the token's budget all the same.
    const unlearned = { ...target(), workspaceId: null };
    expect(new Set([inA, inB, unlearned].map((t) => single.sharedLimitKey?.(t))).size).toBe(1);
  });
});

describe('SlackDigestPoster.findPosted', () => {
  it('finds a post that landed although its answer timed out, by metadata, from just before the slot', async () => {
    const t = target();
    inject(t, { kind: 'timeout', landed: true });
    expect((await h.running.poster.post(t, digest(), key, lease())).status).toBe('unknown');
    h.api.faults = undefined;
    const [stored] = h.api.messages.in(t.channelId);
    expect(await h.running.poster.findPosted(t, key, lease())).toBe(stored?.ts);
    const history = h.api.calls.filter(
      (c) => c.method === 'conversations.history' && c.body.channel === t.channelId,
    );
    expect(history).toHaveLength(1);
    expect(history[0]?.body).toMatchObject({
      include_all_metadata: 'true',
      oldest: ((T0.getTime() - minutes(5)) / 1000).toFixed(6),
    });
    // Another slot or another subscription in the same channel is not this digest.
    expect(await h.running.poster.findPosted(t, { ...key, slot: at(minutes(60)) }, lease())).toBe(
      undefined,
    );
    expect(await h.running.poster.findPosted(t, { ...key, subscriptionId: 8 }, lease())).toBe(
      undefined,
    );
  });

  it('reads at most three pages in a busy channel', async () => {
    const t = target();
    await h.running.poster.post(t, digest(), key, lease());
    for (let i = 0; i < 700; i += 1) h.api.messages.post({ channel: t.channelId, text: `${i}` });
    const before = h.api.count('conversations.history');
    expect(await h.running.poster.findPosted(t, key, lease())).toBe(undefined);
    expect(h.api.count('conversations.history') - before).toBe(3);
  });

  it('a channel the bot cannot reach holds nothing of ours; other failures throw', async () => {
    const gone = target();
    h.api.channelErrors.set(gone.channelId, 'channel_not_found');
    expect(await h.running.poster.findPosted(gone, key, lease())).toBe(undefined);

    // Without channels:history the bot cannot tell, so it must not guess "not posted".
    const unscoped = target();
    inject(unscoped, { kind: 'error', error: 'missing_scope' }, 'conversations.history');
    await expect(h.running.poster.findPosted(unscoped, key, lease())).rejects.toThrow(
      /missing_scope/,
    );

    const slow = target();
    inject(
      slow,
      { kind: 'timeout', landed: false, holdMs: TIMEOUT_MS * 3 },
      'conversations.history',
    );
    await expect(h.running.poster.findPosted(slow, key, lease())).rejects.toThrow(/timed out/);
  });
});
