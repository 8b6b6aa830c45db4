import { type Logger as BoltLogger, webApi } from '@slack/bolt';

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
