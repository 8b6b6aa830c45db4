import {
  type APIMessage,
  type REST,
  type RESTPostAPIChannelMessageJSONBody,
  Routes,
} from 'discord.js';
import type { Answer } from '../../core/index.js';
import type { DeliveryKey, DigestTarget, Poster, PostOutcome } from '../../schedule/poster.js';
import { classifyPostError } from './digest-errors.js';
import { digestNonce } from './digest-nonce.js';
import { answerToEmbed } from './embed.js';

export interface DigestPosterOptions {
  /**
   * Sends in flight at once during a fan-out (default 50). discord.js's queue holds them to
   * Discord's limits (50 requests/s in all, 5 per 5 s per channel); this only bounds memory.
   */
  concurrency?: number;
  /** One post, queueing and discord.js's own retry included, gives up after this (default 30 s). */
  deadlineMs?: number;
}

/**
 * Posts digests with the bot's REST client: one embed, no mentions, and a nonce derived from
 * (subscription, slot) with `enforce_nonce`, so however often a send is repeated (discord.js's
 * retry, the scheduler's, another process taking over a dead one's claim) the channel gets one
 * message. That is why every failure that may have posted is reported as transient and no
 * `findPosted` is needed.
 */
export class DiscordDigestPoster implements Poster {
  readonly platform = 'discord' as const;
  readonly concurrency: number;
  readonly #deadlineMs: number;

  constructor(
    private readonly rest: REST,
    options: DigestPosterOptions = {},
  ) {
    this.concurrency = options.concurrency ?? 50;
    this.#deadlineMs = options.deadlineMs ?? 30_000;
  }

  async post(target: DigestTarget, digest: Answer, key: DeliveryKey): Promise<PostOutcome> {
    const body: RESTPostAPIChannelMessageJSONBody = {
      embeds: [answerToEmbed(digest)],
      allowed_mentions: { parse: [] },
      nonce: digestNonce(key),
      enforce_nonce: true,
    };
    const deadline = AbortSignal.timeout(this.#deadlineMs);
    try {
      const message = (await this.rest.post(Routes.channelMessages(target.channelId), {
        body,
        signal: deadline,
      })) as APIMessage;
      return { status: 'sent', messageId: message.id };
    } catch (error) {
      // Aborted by our deadline, wherever it was (queued, sending, between retries).
      if (deadline.aborted) {
        return { status: 'transient', reason: `no answer within ${this.#deadlineMs} ms` };
      }
      return classifyPostError(error);
    }
  }
}
