import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import type { Platform } from '../schedule/poster.js';
import type { CommandOutcome } from './command-label.js';

export type { CommandOutcome } from './command-label.js';

/**
 * The bot's Prometheus metrics, in a registry of its own (so two bots in one test process do not
 * share counters). Labels are bounded sets only: platform, command name, outcome. Never a guild,
 * channel, team or user id: each would be a new time series per community.
 */
export class BotMetrics {
  readonly registry = new Registry();
  readonly commands = new Counter({
    name: 'sakura_commands_total',
    help: 'Slash commands handled, by platform, command and outcome.',
    labelNames: ['platform', 'command', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly commandDuration = new Histogram({
    name: 'sakura_command_duration_seconds',
    help: 'From receiving a command to its answer being sent.',
    labelNames: ['platform'] as const,
    // Discord allows 3 s for the first response; the buckets resolve well below that.
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10],
    registers: [this.registry],
  });
  readonly digestPosts = new Counter({
    name: 'sakura_digest_posts_total',
    help: 'Digest post attempts, by platform and outcome (sent, transient, unknown, permanent, error).',
    labelNames: ['platform', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly digestSlotLag = new Histogram({
    name: 'sakura_digest_slot_lag_seconds',
    help: 'How long after its scheduled slot a digest was posted.',
    labelNames: ['platform'] as const,
    buckets: [1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600],
    registers: [this.registry],
  });
  readonly rateLimited = new Counter({
    name: 'sakura_rate_limited_total',
    help: "Requests held back or refused by a platform's rate limit.",
    labelNames: ['platform'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** One command, timed from `startedAt` (performance.now()). */
  command(platform: Platform, command: string, outcome: CommandOutcome, startedAt: number): void {
    this.commands.inc({ platform, command, outcome });
    this.commandDuration.observe({ platform }, (performance.now() - startedAt) / 1000);
  }

  /** The Prometheus text exposition and its content type. */
  async exposition(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
