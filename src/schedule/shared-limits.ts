import type { RateLimit } from '../store/contract.js';
import type { Platform } from './poster.js';

/** A limit that belongs to the bot token, not to a process (ADR-008). */
export interface SharedLimit {
  /** The pace all replicas keep together, through the store's shared rate budget. */
  rate: RateLimit;
  /**
   * Deliveries one replica holds at once on this platform (fewer than the poster's own
   * concurrency). At the shared pace a few are plenty, and each held one is a claim that waits
   * for its turn: a replica that dies leaves that many to be taken over, and one whose client
   * is held back (discord.js stops the whole process for a second after a global 429) sends
   * that many at once when it lets go.
   */
  inFlight: number;
}

/**
 * Discord allows 50 requests per second per bot token in all, however many processes share it.
 * A token bucket with rate r and burst b lets at most r + b through in any second; a turn used
 * up to L late (delivery.ts sends a turn at most 50 ms late) lets r·(1 + L) + b arrive in one:
 * 46.5 · 1.05 + 1 = 49.8, under 50. A fan-out has a turn waiting all the time, so a burst of 1
 * costs it nothing. Lateness is worth more than pace: a busy host wakes 30–50 ms late for
 * several turns in a hundred, and each turn given back is one nobody uses (47/s with 30 ms lost
 * more to that than the half request a second). A global 429 that still happens comes back to the scheduler, which retries
 * that one delivery after Retry-After (rest-options.ts). discord.js keeps its own per-process
 * limit as well.
 *
 * Slack has none here: its digest limits are per channel and per method per workspace, paced by
 * the adapter's RateGate, which backs off on every 429.
 */
export const SHARED_LIMITS: Partial<Record<Platform, SharedLimit>> = {
  discord: { rate: { perSecond: 46.5, burst: 1 }, inFlight: 6 },
};
