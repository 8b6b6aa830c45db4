import {
  type APIChannel,
  type APIMessage,
  DiscordAPIError,
  MessageType,
  type REST,
  type RESTPostAPIChannelMessageJSONBody,
  Routes,
} from 'discord.js';
import type { ChartImages } from '../../../chart/index.js';
import type { Answer } from '../../../core/index.js';
import type {
  CredentialCheck,
  DeliveryKey,
  DigestTarget,
  Poster,
  PostOutcome,
} from '../../../schedule/poster.js';
import { messageData, messageFiles, render } from '../reply.js';
import { classifyPostError } from './errors.js';

export interface DigestPosterOptions {
  /**
   * Sends in flight at once during a fan-out (default 50). discord.js's queue holds them to
   * Discord's limits (50 requests/s in all, 5 per 5 s per channel); this only bounds memory.
   */
  concurrency?: number;
  /** One post, queueing and discord.js's own retry included, gives up after this (default 30 s). */
  deadlineMs?: number;
  /** Draws the digest's chart as an attached image; without it the chart stays text. */
  charts?: ChartImages | undefined;
}

/** Discord's longest string nonce. */
export const NONCE_MAX = 25;

/**
 * The nonce of one digest post, the same for every attempt at it: `sd` + the subscription id +
 * the slot (minutes since the epoch), base 36, e.g. `sd1f.hm6v4w` (at most 20 characters).
 * Sent with `enforce_nonce`, Discord answers a repeat within its nonce window (a few minutes)
 * with the message it already created instead of posting again.
 */
export function digestNonce(key: DeliveryKey): string {
  const minutes = Math.floor(key.slot.getTime() / 60_000);
  return `sd${key.subscriptionId.toString(36)}.${minutes.toString(36)}`;
}

const DISCORD_EPOCH = 1_420_070_400_000n;

/** The smallest message id Discord could give a message created at `time`. */
function snowflakeAt(time: Date): string {
  return ((BigInt(time.getTime()) - DISCORD_EPOCH) << 22n).toString();
}

/** How far into a channel's messages after the slot `findPosted` looks. */
const HISTORY_PAGE = 100;

/** Looked for from a little before the slot, in case our clock runs ahead of Discord's. */
const CLOCK_SKEW_MS = 30_000;

/**
 * Discord keeps a nonce "for the past few minutes"; a minute after the slot, plus another
 * replica's clock up to CLOCK_SKEW_MS behind ours, stays well inside that.
 */
const NONCE_TRUSTED_MS = 60_000;

/**
 * Posts digests with the bot's REST client: one embed (with the chart attached), no mentions, and a nonce derived from
 * (subscription, slot) with `enforce_nonce`, so however often a send is repeated within Discord's
 * nonce window (discord.js's retry, the scheduler's) the channel gets one message. That is why
 * every failure that may have posted is reported as transient.
 *
 * Discord keeps a nonce for only a few minutes, while a process taking over a dead one's claim
 * may do so much later (a lease later, with one engine): `findPosted` covers that case.
 */
export class DiscordDigestPoster implements Poster {
  readonly platform = 'discord' as const;
  readonly concurrency: number;
  /** A claim taken over within a minute of its slot needs no look-up: the nonce covers it. */
  readonly repeatSafeForMs = NONCE_TRUSTED_MS;
  readonly #deadlineMs: number;
  readonly #charts: ChartImages | undefined;

  constructor(
    private readonly rest: REST,
    /** The bot's token: discord.js forgets it after a 401, and a re-check sets it again. */
    private readonly token: string,
    /** The bot's own user id (known once the client is ready). */
    private readonly botUserId: () => string | undefined,
    options: DigestPosterOptions = {},
  ) {
    this.concurrency = options.concurrency ?? 50;
    this.#deadlineMs = options.deadlineMs ?? 30_000;
    this.#charts = options.charts;
  }

  // post/findPosted have the Slack poster's and CountingPoster's signatures by design: all
  // three implement schedule/poster.ts's Poster; the bodies are each platform's own.
  async post(
    target: DigestTarget,
    digest: Answer,
    key: DeliveryKey,
    lease: AbortSignal,
  ): Promise<PostOutcome> {
    // The same body as an interaction reply (embed, attachment), plus the nonce.
    const rendered = render(digest, this.#charts);
    const body: RESTPostAPIChannelMessageJSONBody = {
      ...messageData(rendered, false),
      nonce: digestNonce(key),
      enforce_nonce: true,
    };
    const files = messageFiles(rendered);
    const deadline = AbortSignal.timeout(this.#deadlineMs);
    try {
      const message = (await this.rest.post(Routes.channelMessages(target.channelId), {
        body,
        // A copy: the list is shared by every message showing this chart (chart-attachment.ts).
        ...(files ? { files: [...files] } : {}),
        signal: AbortSignal.any([deadline, lease]),
      })) as APIMessage;
      return { status: 'sent', messageId: message.id };
    } catch (error) {
      // Aborted by our deadline or the claim's lease, wherever it was (queued, sending, between
      // retries): the nonce makes a later repeat safe.
      if (deadline.aborted || lease.aborted) {
        const which = deadline.aborted ? `within ${this.#deadlineMs} ms` : 'within the claim';
        return { status: 'transient', reason: `no answer ${which}` };
      }
      return classifyPostError(error);
    }
  }

  /** Sets the token again (discord.js drops it on a 401) and asks Discord who the bot is. */
  async checkCredentials(): Promise<CredentialCheck> {
    this.rest.setToken(this.token);
    try {
      await this.rest.get(Routes.user('@me'), { signal: AbortSignal.timeout(this.#deadlineMs) });
      return 'accepted';
    } catch (error) {
      return error instanceof DiscordAPIError && error.status === 401 ? 'rejected' : 'unreachable';
    }
  }

  /** The guild a configured channel is in, from the channel itself (needs View Channel). */
  async workspaceOf(channelId: string): Promise<string | undefined> {
    try {
      const channel = (await this.rest.get(Routes.channel(channelId), {
        signal: AbortSignal.timeout(this.#deadlineMs),
      })) as APIChannel;
      return 'guild_id' in channel && typeof channel.guild_id === 'string'
        ? channel.guild_id
        : undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * Asked before re-sending a claim taken over from a process that died mid-send: the bot's own
   * plain message in the channel since the slot, if there is one. The bot posts nothing else
   * into channels (answers go through interactions), so that message is this digest, or at
   * worst a newer one, and either way nothing is posted twice. Without Read Message History
   * Discord lists no messages: this finds nothing, and the nonce is the only guard.
   */
  async findPosted(
    target: DigestTarget,
    key: DeliveryKey,
    lease: AbortSignal,
  ): Promise<string | undefined> {
    const botId = this.botUserId();
    if (!botId) return undefined;
    const since = new Date(key.slot.getTime() - CLOCK_SKEW_MS);
    const query = new URLSearchParams({ after: snowflakeAt(since), limit: String(HISTORY_PAGE) });
    let messages: APIMessage[];
    try {
      messages = (await this.rest.get(Routes.channelMessages(target.channelId), {
        query,
        signal: AbortSignal.any([AbortSignal.timeout(this.#deadlineMs), lease]),
      })) as APIMessage[];
    } catch (error) {
      // A channel that is gone or closed to the bot: let the send say so, and pause it.
      if (classifyPostError(error).status === 'permanent') return undefined;
      // Anything passing: the scheduler backs off and checks again before sending.
      throw error;
    }
    return messages.find(
      (message) =>
        message.author.id === botId &&
        message.type === MessageType.Default &&
        message.webhook_id === undefined &&
        message.embeds.length > 0,
    )?.id;
  }
}
