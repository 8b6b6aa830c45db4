import { setTimeout as delay } from 'node:timers/promises';
import { type FakeUser, messageObject } from './payloads.js';
import { snowflake } from './snowflake.js';

/**
 * Channel messages as Discord keeps them: stored per channel, with `nonce` + `enforce_nonce`
 * dedupe, per-channel refusals, and faults a test injects into chosen sends.
 */

export interface StoredMessage {
  id: string;
  channelId: string;
  nonce: string | undefined;
  body: Record<string, unknown>;
  /** performance.now() when it was created. */
  at: number;
}

/** One POST /channels/:id/messages as the fault function sees it; `n` counts from 1. */
export interface MessagePost {
  n: number;
  channelId: string;
  nonce: string | undefined;
}

/**
 * What a send meets instead of a plain 200:
 * - `error`: that status (500, 502, ...); `stored` when Discord created the message anyway;
 * - `rateLimit`: a per-route 429 with `retry_after` and X-RateLimit headers, nothing stored;
 * - `slow`: stored at once, answered after `delayMs` (past the client's timeout);
 * - `hold`: answered only by `releaseHeld()` (a bot killed mid-send never hears back);
 *   `stored` says whether the message was created before the bot died.
 */
export type MessageFault =
  | { kind: 'error'; status: number; stored?: boolean }
  | { kind: 'rateLimit'; retryAfterS: number }
  | { kind: 'slow'; delayMs: number }
  | { kind: 'hold'; stored: boolean };

export type Refusal = 'unknownChannel' | 'missingAccess' | 'missingPermissions' | 'nonText';

/** Discord's answers for channels a bot cannot post in. */
export const REFUSALS: Record<Refusal, { status: number; code: number; message: string }> = {
  unknownChannel: { status: 404, code: 10003, message: 'Unknown Channel' },
  missingAccess: { status: 403, code: 50001, message: 'Missing Access' },
  missingPermissions: { status: 403, code: 50013, message: 'Missing Permissions' },
  nonText: { status: 400, code: 50008, message: 'Cannot send messages in a non-text channel' },
};

export interface ChannelReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface ChannelStats {
  /** Every POST that reached the channel store (not those the global limit turned away). */
  posts: number;
  created: number;
  /** Sends answered with an earlier message because their nonce was seen before. */
  deduped: number;
  refused: number;
  faults: Record<MessageFault['kind'], number>;
}

/** Discord remembers a nonce for a few minutes; the fake keeps it for its whole life. */
const noStats = (): ChannelStats => ({
  posts: 0,
  created: 0,
  deduped: 0,
  refused: 0,
  faults: { error: 0, rateLimit: 0, slow: 0, hold: 0 },
});

export class FakeChannels {
  stats: ChannelStats = noStats();
  readonly #messages = new Map<string, StoredMessage[]>();
  readonly #byNonce = new Map<string, StoredMessage>();
  readonly #refusals = new Map<string, Refusal>();
  readonly #held = new Set<() => void>();
  #fault: ((post: MessagePost) => MessageFault | undefined) | undefined;
  /** The bot lacks Read Message History everywhere: Discord then lists no messages. */
  historyHidden = false;
  readonly #guilds = new Map<string, string>();

  constructor(private readonly author: FakeUser) {}

  /** Messages in one channel, oldest first. */
  messages(channelId: string): readonly StoredMessage[] {
    return this.#messages.get(channelId) ?? [];
  }

  /** Channels with at least one message, and how many each has. */
  counts(): Map<string, number> {
    return new Map([...this.#messages].map(([channel, list]) => [channel, list.length]));
  }

  /** Puts a channel in a server other than the fake's default one. */
  place(channelId: string, guildId: string): void {
    this.#guilds.set(channelId, guildId);
  }

  /**
   * GET /channels/:id: the channel object, in its server (`defaultGuild` unless placed
   * elsewhere); Unknown Channel for one refused as gone.
   */
  channel(channelId: string, defaultGuild: string): ChannelReply {
    if (this.#refusals.get(channelId) === 'unknownChannel') {
      const { status, code, message } = REFUSALS.unknownChannel;
      return { status, body: { message, code } };
    }
    const guildId = this.#guilds.get(channelId) ?? defaultGuild;
    return { status: 200, body: { id: channelId, type: 0, guild_id: guildId, name: 'general' } };
  }

  /** From now on, sends to this channel are refused the way Discord refuses them. */
  refuse(channelId: string, refusal: Refusal): void {
    this.#refusals.set(channelId, refusal);
  }

  /** Decides a fault per send (undefined: a normal send); `undefined` turns faults off. */
  setFault(fault: ((post: MessagePost) => MessageFault | undefined) | undefined): void {
    this.#fault = fault;
  }

  /** As if Discord's nonce window (a few minutes) had passed for every message so far. */
  forgetNonces(): void {
    this.#byNonce.clear();
  }

  /**
   * GET /channels/:id/messages?after=&limit=: the messages after that id, newest first, as
   * fetched messages come (without their nonce, which Discord returns only on creation).
   */
  history(channelId: string, after: string | undefined, limit: number): ChannelReply {
    const refusal = this.#refusals.get(channelId);
    if (refusal) {
      const { status, code, message } = REFUSALS[refusal];
      return { status, body: { message, code } };
    }
    if (this.historyHidden) return { status: 200, body: [] };
    const from = after === undefined ? -1n : BigInt(after);
    const page = this.messages(channelId)
      .filter((stored) => BigInt(stored.id) > from)
      .slice(0, Math.min(100, Math.max(1, limit)))
      .reverse()
      .map((stored) => {
        const { nonce: _, ...fetched } = this.#json(stored);
        return fetched;
      });
    return { status: 200, body: page };
  }

  /** Starts the counters (and the `n` the fault function sees) from zero. */
  resetStats(): void {
    this.stats = noStats();
  }

  get heldCount(): number {
    return this.#held.size;
  }

  /** Answers every held send now (with the message, or a 500 when none was stored). */
  releaseHeld(): void {
    for (const release of this.#held) release();
    this.#held.clear();
  }

  async post(channelId: string, body: Record<string, unknown>): Promise<ChannelReply> {
    this.stats.posts += 1;
    const nonce = typeof body.nonce === 'string' ? body.nonce : undefined;
    const refusal = this.#refusals.get(channelId);
    if (refusal) {
      this.stats.refused += 1;
      const { status, code, message } = REFUSALS[refusal];
      return { status, body: { message, code } };
    }
    const fault = this.#fault?.({ n: this.stats.posts, channelId, nonce });
    if (fault) this.stats.faults[fault.kind] += 1;
    switch (fault?.kind) {
      case 'error': {
        if (fault.stored) this.#store(channelId, body, nonce);
        return { status: fault.status, body: { message: `${fault.status}: fake outage`, code: 0 } };
      }
      case 'rateLimit':
        return rateLimited(fault.retryAfterS);
      case 'slow': {
        const reply = this.#store(channelId, body, nonce);
        // Not ref'd: a test that ends first does not wait for the late answer.
        await delay(fault.delayMs, undefined, { ref: false });
        return reply;
      }
      case 'hold': {
        const reply = fault.stored ? this.#store(channelId, body, nonce) : undefined;
        return new Promise((resolve) => {
          this.#held.add(() =>
            resolve(reply ?? { status: 500, body: { message: 'held send dropped', code: 0 } }),
          );
        });
      }
      default:
        return this.#store(channelId, body, nonce);
    }
  }

  /** Creates the message, or with an enforced nonce seen before, returns the earlier one. */
  #store(channelId: string, body: Record<string, unknown>, nonce: string | undefined) {
    const key = nonce === undefined ? undefined : `${channelId}:${nonce}`;
    const earlier = key && body.enforce_nonce === true ? this.#byNonce.get(key) : undefined;
    if (earlier) {
      this.stats.deduped += 1;
      return { status: 200, body: this.#json(earlier) };
    }
    const stored: StoredMessage = {
      id: snowflake(),
      channelId,
      nonce,
      body,
      at: performance.now(),
    };
    this.stats.created += 1;
    const list = this.#messages.get(channelId) ?? [];
    list.push(stored);
    this.#messages.set(channelId, list);
    if (key) this.#byNonce.set(key, stored);
    return { status: 200, body: this.#json(stored) };
  }

  /** The message object Discord returns for a channel send (type 0, nonce echoed). */
  #json(stored: StoredMessage) {
    return {
      // Channel sends are type 0; the bot sets no flags on them.
      ...messageObject(
        { ...stored.body, flags: 0 },
        {
          id: stored.id,
          type: 0,
          channelId: stored.channelId,
          author: this.author,
        },
      ),
      ...(stored.nonce === undefined ? {} : { nonce: stored.nonce }),
    };
  }
}

/** Discord's Retry-After header is whole seconds, rounded up; the body has the exact value. */
const retryAfterHeader = (seconds: number) => String(Math.max(1, Math.ceil(seconds)));

/**
 * A per-route 429 as Discord sends it. discord.js waits out X-RateLimit-Reset-After (exact)
 * for a route's limit, and Retry-After (whole seconds) for the global one.
 */
function rateLimited(retryAfterS: number): ChannelReply {
  return {
    status: 429,
    body: { message: 'You are being rate limited.', retry_after: retryAfterS, global: false },
    headers: {
      'Retry-After': retryAfterHeader(retryAfterS),
      'X-RateLimit-Limit': '5',
      'X-RateLimit-Remaining': '0',
      'X-RateLimit-Reset-After': String(retryAfterS),
      'X-RateLimit-Bucket': 'fake-channel-messages',
      'X-RateLimit-Scope': 'user',
    },
  };
}

/**
 * Discord's global limit (50 requests per second per bot) in fixed one-second windows, each
 * starting with the first request after the previous one ended. Interaction callbacks and
 * webhooks are exempt, as on Discord.
 */
export class GlobalLimit {
  #windowStart = Number.NEGATIVE_INFINITY;
  #count = 0;
  /** Requests turned away with a global 429. */
  limited = 0;
  /** When each request was let through and each was turned away (performance.now()): the
   * replica bench draws its timeline from them. */
  readonly admittedAt: number[] = [];
  readonly limitedAt: number[] = [];

  constructor(readonly perSecond: number) {}

  /** Counts the request, or returns the 429 to send when the window is full. */
  take(now: number): ChannelReply | undefined {
    if (now - this.#windowStart >= 1000) {
      this.#windowStart = now;
      this.#count = 0;
    }
    if (this.#count < this.perSecond) {
      this.#count += 1;
      this.admittedAt.push(now);
      return undefined;
    }
    this.limited += 1;
    this.limitedAt.push(now);
    const retryAfterS = Math.max(0.001, (this.#windowStart + 1000 - now) / 1000);
    return {
      status: 429,
      body: { message: 'You are being rate limited.', retry_after: retryAfterS, global: true },
      headers: {
        'Retry-After': retryAfterHeader(retryAfterS),
        'X-RateLimit-Global': 'true',
        'X-RateLimit-Scope': 'global',
      },
    };
  }
}
