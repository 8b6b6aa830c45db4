import { DiscordAPIError, HTTPError, RateLimitError, RESTJSONErrorCodes } from 'discord.js';
import type { PostOutcome } from '../../../schedule/poster.js';

type Failure = Exclude<PostOutcome, { status: 'sent' }>;

/** Refusals about the channel itself: posting again cannot help until someone fixes it. */
const CHANNEL_REFUSALS: ReadonlyMap<number, string> = new Map([
  [RESTJSONErrorCodes.UnknownChannel, 'Unknown Channel: it was deleted, or the bot cannot see it'],
  [RESTJSONErrorCodes.UnknownGuild, 'Unknown Server: the bot is no longer in this server'],
  [
    RESTJSONErrorCodes.MissingAccess,
    'Missing Access: the bot needs View Channel here (and in the parent channel of a thread)',
  ],
  [
    RESTJSONErrorCodes.MissingPermissions,
    'Missing Permissions: the bot needs Send Messages and Embed Links here',
  ],
  [
    RESTJSONErrorCodes.CannotSendMessagesInNonTextChannel,
    'Cannot send messages in this channel: it is a voice or other non-text channel',
  ],
  [
    RESTJSONErrorCodes.CannotSendAMessageInAForumChannel,
    'Cannot post in a forum channel itself: subscribe in one of its posts',
  ],
  [RESTJSONErrorCodes.InvalidActionOnArchivedThread, 'The thread is archived'],
  [RESTJSONErrorCodes.ThreadLocked, 'The thread is locked'],
  [
    RESTJSONErrorCodes.MessageWasBlockedByAutomaticModeration,
    "The server's AutoMod blocked the digest",
  ],
]);

/** Refusals that pass: slowmode, a channel's write limit, sending disabled for a while. */
const PASSING: ReadonlySet<number> = new Set([
  RESTJSONErrorCodes.ActionCannotBePerformedDueToSlowmodeRateLimit,
  RESTJSONErrorCodes.ChannelSendRateLimit,
  RESTJSONErrorCodes.SendMessagesHasBeenTemporarilyDisabled,
]);

const resubscribe = 'Fix it, then run /sakura-digest subscribe again in the channel.';

/**
 * Discord refused the bot token. After the first 401 discord.js drops the token and fails every
 * later request inside the bot with this message, before anything reaches Discord.
 */
function isTokenRejected(error: unknown): boolean {
  if (error instanceof DiscordAPIError) return error.status === 401;
  return (
    error instanceof Error &&
    error.message.startsWith('Expected token to be set for this request, but none was present')
  );
}

/**
 * What a failed send means for the schedule. Every send carries an enforced nonce, so anything
 * that may or may not have posted (timeouts, 5xx, a dropped connection) is safe to send again:
 * transient, never `unknown`. Permanent is kept for what is wrong with the channel; a rejected
 * token is `unauthorized` (the platform's posting stops as a whole), and a refusal that would
 * hit every channel for another reason (a body Discord rejects) stays transient, so fixing the
 * bot heals every subscription instead of leaving them all paused.
 */
export function classifyPostError(error: unknown): Failure {
  if (isTokenRejected(error)) {
    return { status: 'unauthorized', reason: 'Discord answered 401 Unauthorized' };
  }
  if (error instanceof RateLimitError) {
    return {
      status: 'transient',
      reason: `rate limited for ${Math.ceil(error.retryAfter)} ms (${error.global ? 'global' : error.route})`,
      retryAfterMs: error.retryAfter,
    };
  }
  if (error instanceof DiscordAPIError) {
    const code = typeof error.code === 'number' ? error.code : Number.NaN;
    const known = CHANNEL_REFUSALS.get(code);
    if (known) return { status: 'permanent', reason: `${known} (Discord ${code}). ${resubscribe}` };
    if (PASSING.has(code) || error.status === 429 || error.status >= 500) {
      return { status: 'transient', reason: `Discord ${error.status} ${code}: ${error.message}` };
    }
    if (error.status === 403 || error.status === 404) {
      return {
        status: 'permanent',
        reason: `Discord refused the channel (${error.status} ${code}: ${error.message}). ${resubscribe}`,
      };
    }
    return { status: 'transient', reason: `Discord ${error.status} ${code}: ${error.message}` };
  }
  if (error instanceof HTTPError) {
    return { status: 'transient', reason: `Discord ${error.status} ${error.message}` };
  }
  if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError')) {
    return { status: 'transient', reason: 'timed out (the nonce makes a repeat safe)' };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { status: 'transient', reason: `network: ${message}` };
}
