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
 * Slack's chat.postMessage limit is per app per workspace (we assume about 50 a second: Slack
 * does not publish it), so its budget is one per workspace (the poster's sharedLimitKey), kept
 * by every replica together with the same arithmetic and a little more room: 45 · 1.05 + 1 =
 * 48.25. A Slack post goes through more after its turn (the per-workspace RateGate, the chart's
 * source, the Web API client) before it reaches Slack, so arrivals bunch more than Discord's;
 * 45 leaves more room for that on a busy host than 46.5 (ADR-008's amendment has the runs).
 * Its in-flight count is the poster's own concurrency: a Slack call takes longer than a Discord
 * one, and fewer would slow a single process's fan-out. The adapter's RateGate, one per
 * workspace, still holds that workspace's posts for a 429's Retry-After and slows them down
 * after one.
 */
export const SHARED_LIMITS: Partial<Record<Platform, SharedLimit>> = {
  discord: { rate: { perSecond: 46.5, burst: 1 }, inFlight: 6 },
  slack: { rate: { perSecond: 45, burst: 1 }, inFlight: 10 },
};
