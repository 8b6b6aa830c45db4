import type { RateLimitData, RESTOptions } from 'discord.js';

/** The route digests post to, as discord.js names its rate-limit bucket. */
export const CHANNEL_MESSAGES_ROUTE = '/channels/:id/messages';

/**
 * A digest send waits in discord.js's queue for a rate limit up to this long (a channel's
 * bucket resets within seconds, the global one within one); a longer one is handed back as a
 * RateLimitError, and the scheduler retries later instead of a send sitting in the queue.
 */
export const MAX_QUEUED_RATE_LIMIT_MS = 10_000;

function rejectLongDigestWaits(data: RateLimitData): boolean {
  return (
    data.route === CHANNEL_MESSAGES_ROUTE &&
    Math.max(data.retryAfter, data.timeToReset) > MAX_QUEUED_RATE_LIMIT_MS
  );
}

/**
 * REST settings for the whole client. discord.js retries a 5xx, a timeout or a reset connection
 * at once, without backoff, `retries` times (3 by default), and waits out every 429 however
 * long; one quick retry covers a dropped keep-alive socket, and the digest scheduler's own
 * backoff does the rest. Discord answers in well under a second, so 10 s per attempt (15 s by
 * default) only cuts off requests that hang.
 */
export const REST_DEFAULTS: Partial<RESTOptions> = {
  timeout: 10_000,
  retries: 1,
  rejectOnRateLimit: rejectLongDigestWaits,
};
