import type { RateLimitData, RESTOptions } from 'discord.js';

/** The route digests post to, as discord.js names its rate-limit bucket. */
export const CHANNEL_MESSAGES_ROUTE = '/channels/:id/messages';

/**
 * A digest send waits in discord.js's queue for a channel's rate limit up to this long (its
 * bucket resets within seconds); a longer one is handed back as a RateLimitError, and the
 * scheduler retries later instead of a send sitting in the queue.
 */
export const MAX_QUEUED_RATE_LIMIT_MS = 10_000;

/**
 * Which rate limits a digest request (a send, or a look-up in the channel) is handed back for
 * instead of waiting in discord.js. Every global one: after a global 429 discord.js holds every
 * request of the process for a second and then lets them all go at once, a burst that sets off
 * more 429s for every replica on the token. Handed back, each returns to the scheduler, which
 * waits the Retry-After and takes a new turn from the shared budget (ADR-008), so the pace stays
 * even. Interaction answers are not on this route and never wait for the global limit.
 */
function rejectDigestWaits(data: RateLimitData): boolean {
  if (data.route !== CHANNEL_MESSAGES_ROUTE) return false;
  return data.global || Math.max(data.retryAfter, data.timeToReset) > MAX_QUEUED_RATE_LIMIT_MS;
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
  rejectOnRateLimit: rejectDigestWaits,
};
