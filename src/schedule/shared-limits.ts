import type { RateLimit } from '../store/contract.js';
import type { Platform } from './poster.js';

/**
 * Limits that belong to the bot token, not to a process, so every replica shares one budget in
 * the store (ADR-004). Discord allows 50 requests per second per bot token in all; a token
 * bucket with rate r and burst b lets at most r + b through in any second, and 47 + 3 leaves
 * none over. discord.js keeps its own per-process limit as well.
 *
 * Slack has none here: its digest limits are per channel and per method per workspace, paced by
 * the adapter's RateGate, which backs off on every 429.
 */
export const SHARED_LIMITS: Partial<Record<Platform, RateLimit>> = {
  discord: { perSecond: 47, burst: 3 },
};
