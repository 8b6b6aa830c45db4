import { webApi } from '@slack/bolt';
import type { PostOutcome } from '../../schedule/poster.js';

export type PostFailure = Exclude<PostOutcome, { status: 'sent' }>;

/**
 * Slack error codes that will fail the same way however often we retry, with what an admin can
 * do about it (the reason is stored on the paused subscription and shown by `digest list`).
 */
const PERMANENT: Readonly<Record<string, string>> = {
  channel_not_found: 'the channel is gone, or the bot cannot see it',
  not_in_channel:
    'the bot is not in the channel: invite it (/invite @sakura-bot), then subscribe again',
  is_archived: 'the channel is archived',
  no_permission: 'the bot has no permission to post there',
  missing_scope: 'the app lacks a scope: reinstall it from slack/manifest.yml',
  ekm_access_denied: 'the workspace key management denies access',
  team_access_not_granted: 'the app is not granted access to this workspace',
  restricted_action: 'the workspace does not let the bot post there',
  restricted_action_read_only_channel: 'the channel is read-only',
  restricted_action_thread_only_channel: 'the channel only allows posts in threads',
  restricted_action_non_threadable_channel: 'the workspace does not let the bot post there',
  channel_is_archived: 'the channel is archived',
  // A digest Slack refuses as malformed is refused again on retry; pausing shows it.
  invalid_blocks: 'Slack rejected the message blocks',
  invalid_metadata_format: 'Slack rejected the message metadata',
  invalid_metadata_schema: 'Slack rejected the message metadata',
  msg_too_long: 'the message is too long for Slack',
};

/**
 * Codes that say the bot's token itself is refused: no channel can fix that, so the platform's
 * posting stops as a whole and resumes once auth.test accepts the token again.
 */
const TOKEN_REJECTED: Readonly<Record<string, string>> = {
  invalid_auth: 'the bot token is not valid',
  not_authed: 'the bot token is missing',
  account_inactive: 'the bot token belongs to a deactivated app or user',
  token_revoked: 'the bot token was revoked',
  token_expired: 'the bot token expired',
  not_allowed_token_type: 'SLACK_BOT_TOKEN is not a bot token',
};

/** Whether Slack refused the bot's token itself (not a channel, not the request). */
export function tokenRejected(error: unknown): boolean {
  const code = slackErrorCode(error);
  return code !== undefined && code in TOKEN_REJECTED;
}

/**
 * Slack documents these as "some aspect of the operation may have succeeded": the message may
 * be there, so the scheduler must look before posting again.
 */
const MAY_HAVE_POSTED = new Set(['internal_error', 'fatal_error']);

/** Socket errors raised before any byte of the request was written: nothing can have landed. */
const NOT_SENT = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** Error codes and names along an error's `cause` chain (fetch wraps the socket error). */
function causes(error: unknown): { codes: Set<string>; names: Set<string> } {
  const codes = new Set<string>();
  const names = new Set<string>();
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current instanceof Object; depth += 1) {
    const { code, name, cause, errors } = current as {
      code?: unknown;
      name?: unknown;
      cause?: unknown;
      errors?: unknown;
    };
    if (typeof code === 'string') codes.add(code);
    if (typeof name === 'string') names.add(name);
    // Happy-eyeballs connects fail with an AggregateError of one error per address.
    if (Array.isArray(errors)) {
      for (const inner of errors) {
        const innerCode = (inner as { code?: unknown }).code;
        if (typeof innerCode === 'string') codes.add(innerCode);
      }
    }
    current = cause;
  }
  return { codes, names };
}

function platformFailure(code: string): PostFailure {
  const rejected = TOKEN_REJECTED[code];
  if (rejected) return { status: 'unauthorized', reason: `${code}: ${rejected}` };
  const hint = PERMANENT[code];
  if (hint) return { status: 'permanent', reason: `${code}: ${hint}` };
  if (MAY_HAVE_POSTED.has(code)) return { status: 'unknown', reason: code };
  // `ratelimited`, `service_unavailable`, `request_timeout`, and codes we do not know: Slack
  // answered ok:false, so nothing was posted; trying again later is the safe choice.
  return { status: 'transient', reason: code };
}

/** The original socket or abort error under a WebAPIRequestError. */
function requestFailure(original: unknown): PostFailure {
  const { codes, names } = causes(original);
  if (names.has('TimeoutError') || names.has('AbortError')) {
    return { status: 'unknown', reason: 'timed out waiting for Slack' };
  }
  const reason = [...codes][0] ?? (original instanceof Error ? original.message : 'request failed');
  if ([...codes].some((code) => NOT_SENT.has(code))) return { status: 'transient', reason };
  // Reset or closed mid-request (ECONNRESET, UND_ERR_SOCKET, ...): it may have arrived.
  return { status: 'unknown', reason };
}

/**
 * What a failed Web API call means for a digest: permanent (pause the subscription), transient
 * (nothing was posted; retry), or unknown (it may have been posted; look before retrying).
 * The client runs with `rejectRateLimitedCalls` and no retries, so every failure arrives here.
 */
export function classifyWebApiError(error: unknown): PostFailure {
  const { code } = (error ?? {}) as { code?: unknown };
  switch (code) {
    case webApi.ErrorCode.PlatformError:
      return platformFailure(slackErrorCode(error) ?? '');
    case webApi.ErrorCode.RateLimitedError: {
      const seconds = (error as webApi.WebAPIRateLimitedError).retryAfter;
      return { status: 'transient', reason: 'rate limited (429)', retryAfterMs: seconds * 1000 };
    }
    case webApi.ErrorCode.HTTPError: {
      const status = (error as webApi.WebAPIHTTPError).statusCode;
      // A gateway that gave up waiting (504) may have passed the request on; other HTTP errors
      // come from Slack's edge before the request was handled.
      if (status === 504) return { status: 'unknown', reason: `HTTP ${status}` };
      return { status: 'transient', reason: `HTTP ${status}` };
    }
    case webApi.ErrorCode.RequestError:
      return requestFailure((error as webApi.WebAPIRequestError).original);
    default: {
      // The client throws a plain Error for a 429 without a usable Retry-After.
      const message = error instanceof Error ? error.message : String(error);
      if (/rate limit|retry header/i.test(message)) return { status: 'transient', reason: message };
      return { status: 'unknown', reason: message };
    }
  }
}

/** The `error` code of a Slack ok:false answer (`channel_not_found`, ...), if that is what failed. */
export function slackErrorCode(error: unknown): string | undefined {
  if ((error as { code?: unknown } | null)?.code !== webApi.ErrorCode.PlatformError)
    return undefined;
  return String((error as webApi.WebAPIPlatformError).data.error);
}

/** Channel errors after which the bot can neither read nor post there. */
const UNREACHABLE = new Set(['channel_not_found', 'not_in_channel', 'is_archived']);

/** Whether Slack said the channel cannot be read or posted to by the bot at all. */
export function channelUnreachable(error: unknown): boolean {
  return UNREACHABLE.has(slackErrorCode(error) ?? '');
}

/**
 * Whether Slack refused a message because a `slack_file` it shows is not there (deleted by an
 * admin, or never this workspace's): `invalid_blocks` naming the block's slack_file, e.g.
 * `invalid slack file [json-pointer:/blocks/2/slack_file]`, or a plain file_not_found.
 */
export function slackFileGone(error: unknown): boolean {
  const code = slackErrorCode(error);
  if (code === 'file_not_found' || code === 'file_deleted') return true;
  if (code !== 'invalid_blocks') return false;
  const data = (error as webApi.WebAPIPlatformError).data as {
    errors?: unknown;
    response_metadata?: { messages?: unknown };
  };
  const said = [data.errors, data.response_metadata?.messages].flatMap((list) =>
    Array.isArray(list) ? list.map(String) : [],
  );
  return said.some((line) => /slack[ _]file/i.test(line));
}
