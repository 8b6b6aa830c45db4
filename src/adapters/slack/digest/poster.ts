import { type Logger as BoltLogger, webApi } from '@slack/bolt';
import type { Answer } from '../../../core/index.js';
import type { Logger } from '../../../logger.js';
import type {
  CredentialCheck,
  DeliveryKey,
  DigestTarget,
  Poster,
  PostOutcome,
} from '../../../schedule/poster.js';
import type { SlackCharts } from '../chart-source.js';
import { answerToMessage } from '../message.js';
import type { SlackClients } from '../oauth/clients.js';
import { PAUSED_TOKEN_REJECTED, PAUSED_UNINSTALLED } from '../oauth/scopes.js';
import {
  channelUnreachable,
  classifyWebApiError,
  slackFileGone,
  tokenRejected,
} from '../web-api-errors.js';
import { WorkspaceGates, workspaceLimitKey } from './workspace-gates.js';

/** How long one digest call (post, history, users.info) may take before we stop waiting. */
export const DIGEST_TIMEOUT_MS = 10_000;

export interface DigestClientOptions {
  token: string | undefined;
  slackApiUrl: string | undefined;
  logger: BoltLogger;
  timeoutMs: number;
}

/**
 * A Web API client of its own for digests and admin checks. Bolt's client retries for a long
 * time on its own, and a retried chat.postMessage has no idempotency key: it could post twice
 * without anyone looking first. Here every call is made once, within `timeoutMs`; 429s come back
 * as errors (not a silent wait that stalls the whole client); the scheduler does the retrying,
 * checking conversations.history before any retry whose earlier attempt may have landed.
 */
export function createDigestClient(options: DigestClientOptions): webApi.WebClient {
  return new webApi.WebClient(options.token, digestClientOptions(options));
}

/** The options of a digest client, for OAuth mode's one client per workspace too. */
export function digestClientOptions(
  options: Omit<DigestClientOptions, 'token'>,
): webApi.WebClientOptions {
  return {
    ...(options.slackApiUrl ? { slackApiUrl: options.slackApiUrl } : {}),
    logger: options.logger,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: options.timeoutMs,
  };
}

/** `metadata.event_type` of every digest post; conversations.history finds them by it. */
export const DIGEST_EVENT_TYPE = 'sakura_digest';

/**
 * Digests in flight at once. Each channel gets one message per slot, so Slack's one message per
 * second per channel is never the limit; the workspace-wide limit is, and the pace below keeps
 * under it. Ten in flight covers Slack's usual latency at that pace.
 */
export const SLACK_DIGEST_CONCURRENCY = 10;
/**
 * chat.postMessage calls per second from this process into one workspace. Slack does not
 * publish the workspace-wide limit; we assume about 50 a second. All replicas together keep
 * under it through the store's shared budget per workspace (schedule/shared-limits.ts); this
 * process's own pace is a little above that budget's, so it only matters after a 429: that
 * halves the workspace's pace and holds its posts for the Retry-After, so a lower real limit
 * costs a pause, not a flood of failures.
 */
export const SLACK_DIGEST_POSTS_PER_SECOND = 47;
/** Longer waits for a history read's turn are handed back to the scheduler as a retry-after. */
const MAX_TURN_WAIT_MS = 20_000;
/**
 * A post comes here with its turn of the workspace's shared budget (schedule/delivery.ts). One
 * this process's gate would hold longer (a 429's Retry-After, the slower pace after one) is
 * handed back to the scheduler, which waits and takes a new turn: sent at the end of the hold,
 * the posts held meanwhile would all go at once on top of the other replicas' turns, and draw
 * more 429s.
 */
const MAX_POST_WAIT_MS = 25;
/** Slack's clock and ours may differ a little; a digest is never posted before its slot. */
const HISTORY_MARGIN_MS = 5 * 60_000;
const HISTORY_PAGE = 200;
/** Pages of history read at most when looking for an earlier post. */
const HISTORY_PAGES = 3;

export interface SlackPosterOptions {
  /** The one bot token's client, or (OAuth mode) each workspace's own. */
  clients: SlackClients;
  /** Where a digest's chart image comes from; without it the chart is text. */
  charts?: SlackCharts;
  logger: Logger;
  concurrency?: number;
  postsPerSecond?: number;
}

/** Seconds since the epoch with microseconds, the way Slack writes a message `ts`. */
function slackTs(ms: number): string {
  return (ms / 1000).toFixed(6);
}

function metadataFor(key: DeliveryKey) {
  return {
    event_type: DIGEST_EVENT_TYPE,
    event_payload: { subscription_id: key.subscriptionId, slot: key.slot.toISOString() },
  };
}

function isDigestFor(
  metadata: { event_type?: string; event_payload?: Record<string, unknown> } | undefined,
  key: DeliveryKey,
): boolean {
  const payload = metadata?.event_payload;
  return (
    metadata?.event_type === DIGEST_EVENT_TYPE &&
    String(payload?.subscription_id) === String(key.subscriptionId) &&
    payload?.slot === key.slot.toISOString()
  );
}

/**
 * Posts digests to Slack channels for the scheduler. Slack has no idempotency key, so each post
 * carries its (subscription, slot) in message metadata, and `findPosted` looks for it in the
 * channel's history whenever an earlier attempt may have landed.
 */
export class SlackDigestPoster implements Poster {
  readonly platform = 'slack' as const;
  readonly concurrency: number;
  readonly #clients: SlackClients;
  readonly #charts: SlackCharts | undefined;
  readonly #log: Logger;
  /** Per workspace: a 429 in one holds only that workspace's calls. */
  readonly #gates: WorkspaceGates;

  constructor(options: SlackPosterOptions) {
    this.#clients = options.clients;
    this.#charts = options.charts;
    this.#log = options.logger.child({ component: 'slack-digest' });
    this.concurrency = options.concurrency ?? SLACK_DIGEST_CONCURRENCY;
    this.#gates = new WorkspaceGates(
      options.postsPerSecond ?? SLACK_DIGEST_POSTS_PER_SECOND,
      MAX_POST_WAIT_MS,
      MAX_TURN_WAIT_MS,
    );
  }

  /** Slack's limits are per workspace: every replica's posts there share one budget. */
  sharedLimitKey(target: DigestTarget): string {
    return workspaceLimitKey(target, this.#clients.perWorkspace);
  }

  /**
   * The Web API client takes no abort signal, but each call ends within its own timeout (10 s),
   * far inside the lease's share: only the wait for a turn can outlast the claim, so the lease
   * is checked after it, before anything is sent.
   *
   * The same signature as the Discord poster's and CountingPoster's by design: all three
   * implement schedule/poster.ts's Poster.
   */
  async post(
    target: DigestTarget,
    digest: Answer,
    key: DeliveryKey,
    lease: AbortSignal,
  ): Promise<PostOutcome> {
    const gate = this.#gates.for(this.sharedLimitKey(target)).posts;
    const turn = await gate.take();
    if (!turn.ok) {
      return {
        status: 'transient',
        reason: 'rate limited (waiting)',
        retryAfterMs: turn.retryAfterMs,
      };
    }
    if (lease.aborted) return { status: 'transient', reason: 'the claim ran out while waiting' };
    let client: webApi.WebClient | undefined;
    try {
      client = await this.#clients.forTeam(target.workspaceId);
    } catch (error) {
      // The workspace's token could not be read or refreshed now: nothing was sent.
      return { status: 'transient', reason: `no usable token for the workspace: ${String(error)}` };
    }
    // Not installed there (any more): pause until a reinstall resumes it.
    if (!client) return { status: 'permanent', reason: PAUSED_UNINSTALLED };
    // Uploaded once per image (or our URL): a failed upload posts the chart as text instead.
    let chart = await this.#charts?.sourceFor(digest);
    const send = () =>
      client.chat.postMessage({
        channel: target.channelId,
        ...answerToMessage(digest, chart),
        unfurl_links: false,
        unfurl_media: false,
        metadata: metadataFor(key),
      });
    try {
      let result: webApi.ChatPostMessageResponse;
      try {
        result = await send();
      } catch (error) {
        // The uploaded chart was deleted in Slack meanwhile (ok:false: nothing was posted):
        // upload it again, once, rather than pause the channel for a malformed message.
        if (!chart || !this.#charts || !('slack_file' in chart) || !slackFileGone(error))
          throw error;
        chart = await this.#charts.replaceGone(digest, chart);
        result = await send();
      }
      gate.passed();
      return { status: 'sent', messageId: result.ts ?? '' };
    } catch (error) {
      const failure = classifyWebApiError(error);
      if (failure.status === 'transient' && failure.retryAfterMs !== undefined) {
        gate.block(failure.retryAfterMs);
      }
      // With a token per workspace a rejected one stops that workspace, not the platform.
      if (failure.status === 'unauthorized' && this.#clients.perWorkspace)
        return { status: 'permanent', reason: PAUSED_TOKEN_REJECTED };
      return failure;
    }
  }

  /**
   * The `ts` of this digest if it is already in the channel. Reads a bounded number of pages
   * from just before the slot; throws when it cannot tell (the scheduler then waits and asks
   * again rather than risk a second post).
   */
  async findPosted(
    target: DigestTarget,
    key: DeliveryKey,
    lease: AbortSignal,
  ): Promise<string | undefined> {
    const client = await this.#clients.forTeam(target.workspaceId);
    // Not installed there: nothing can have been posted with a token it no longer has, and the
    // post that follows pauses the subscription.
    if (!client) return undefined;
    const gate = this.#gates.for(this.sharedLimitKey(target)).history;
    let cursor: string | undefined;
    for (let page = 0; page < HISTORY_PAGES; page += 1) {
      const turn = await gate.take();
      if (!turn.ok) throw new Error('conversations.history is rate limited; will look again');
      lease.throwIfAborted();
      let result: webApi.ConversationsHistoryResponse;
      try {
        result = await client.conversations.history({
          channel: target.channelId,
          oldest: slackTs(key.slot.getTime() - HISTORY_MARGIN_MS),
          include_all_metadata: true,
          limit: HISTORY_PAGE,
          ...(cursor ? { cursor } : {}),
        });
      } catch (error) {
        // A channel the bot can neither read nor post to holds no digest of ours, and the post
        // that follows fails permanently and pauses the subscription: nothing can double.
        if (channelUnreachable(error)) return undefined;
        const failure = classifyWebApiError(error);
        if (failure.status === 'transient' && failure.retryAfterMs !== undefined) {
          gate.block(failure.retryAfterMs);
        }
        throw new Error(`could not read the channel history: ${failure.reason}`, {
          cause: error,
        });
      }
      const found = result.messages?.find((message) => isDigestFor(message.metadata, key));
      if (found?.ts) return found.ts;
      cursor = result.response_metadata?.next_cursor || undefined;
      if (!cursor) return undefined;
    }
    // Hundreds of messages since the slot and ours not among the newest: in a channel that busy
    // a repeat is the lesser harm than never posting, and the log says it happened.
    this.#log.warn(
      { channel: target.channelId, subscription: key.subscriptionId, pages: HISTORY_PAGES },
      'digest not found in the recent history of a busy channel; posting it',
    );
    return undefined;
  }

  /** Per workspace (OAuth mode) a rejected token pauses its workspace, never the platform. */
  async checkCredentials(): Promise<CredentialCheck> {
    const client = await this.#clients.forTeam(null);
    if (!client) return 'accepted';
    try {
      await client.auth.test();
      return 'accepted';
    } catch (error) {
      return tokenRejected(error) ? 'rejected' : 'unreachable';
    }
  }

  /**
   * The team of a configured channel. With one bot token every channel it can post to is in the
   * token's own workspace, so the token's team answers for all of them.
   */
  async workspaceOf(): Promise<string | undefined> {
    return this.#clients.tokenWorkspace().catch(() => undefined);
  }
}
