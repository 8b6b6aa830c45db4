import type { Answer } from '../core/index.js';

export type Platform = 'discord' | 'slack';

export interface DigestTarget {
  platform: Platform;
  /** Guild or Slack team id; null for channels configured by id alone. */
  workspaceId: string | null;
  channelId: string;
}

/** Which digest a post is: the same key always means the same message. */
export interface DeliveryKey {
  subscriptionId: number;
  slot: Date;
}

/**
 * What one attempt to post came to. The adapter classifies its platform's errors; the scheduler
 * decides what to do next.
 */
export type PostOutcome =
  /** Posted; `messageId` is the platform's id for it. */
  | { status: 'sent'; messageId: string }
  /** Did not post, or posting again cannot double it (Discord's enforced nonce): retry. */
  | { status: 'transient'; reason: string; retryAfterMs?: number }
  /** May have posted (timed out after the request left): check `findPosted` before retrying. */
  | { status: 'unknown'; reason: string }
  /** Will never work as things are (channel gone, no access): pause the subscription. */
  | { status: 'permanent'; reason: string }
  /**
   * The platform rejected the bot's own credentials (a revoked or wrong token): nothing the
   * channel can fix, so stop posting on the whole platform until `checkCredentials` passes.
   */
  | { status: 'unauthorized'; reason: string };

/** What `checkCredentials` found: accepted, rejected, or no answer (try again later). */
export type CredentialCheck = 'accepted' | 'rejected' | 'unreachable';

/** What a platform adapter gives the scheduler to post digests with. */
export interface Poster {
  readonly platform: Platform;
  /** Posts in flight at once during a fan-out; the platform's own limits shape this. */
  readonly concurrency: number;
  /**
   * Posts one digest. `signal` aborts when the claim's lease is about to run out: a post that
   * would outlive its lease must be abandoned, since another process may then take the slot.
   */
  post(
    target: DigestTarget,
    digest: Answer,
    key: DeliveryKey,
    signal: AbortSignal,
  ): Promise<PostOutcome>;
  /**
   * How long after an attempt a repeat of `post` for the same key surely does not post twice
   * (Discord's enforced nonce), for a platform that has such a window. A claim taken over while
   * every earlier attempt is this recent is posted again without `findPosted`.
   */
  readonly repeatSafeForMs?: number;
  /**
   * For platforms without idempotency keys: the id of a message already posted for `key`, if
   * one exists. Asked before any retry whose earlier attempt may have landed.
   */
  findPosted?(
    target: DigestTarget,
    key: DeliveryKey,
    signal: AbortSignal,
  ): Promise<string | undefined>;
  /**
   * The name of the shared limit (SHARED_LIMITS) a post to `target` counts against, when the
   * platform's limit is not one per bot token: Slack's is per workspace. Without it,
   * `<platform>:global`.
   */
  sharedLimitKey?(target: DigestTarget): string;
  /** Asks the platform whether the bot's credentials work again, after an `unauthorized`. */
  checkCredentials(): Promise<CredentialCheck>;
  /**
   * The workspace (guild, team) a channel belongs to, for channels configured by id alone;
   * undefined when the platform cannot say (the channel is gone or hidden from the bot).
   */
  workspaceOf(channelId: string): Promise<string | undefined>;
}
