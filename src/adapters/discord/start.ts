import type { REST, RESTOptions } from 'discord.js';
import { FIRST_RESPONSE_WITHIN_MS } from '../deadline.js';
import type { BotServices, RunningPlatform } from '../platform.js';
import { RenderedCache } from '../rendered-cache.js';
import { commandListJson } from './command-json.js';
import type { DigestPosterOptions } from './digest/poster.js';
import { InteractionRouter } from './interactions.js';
import { registerCommands } from './register.js';

/** Enough for every subcommand in both languages plus the popular questions. */
const CACHED_ANSWERS = 256;

export interface DiscordStartOptions {
  /** Defer a pending answer after this long (default 1 s; Discord allows 3 s in all). */
  deferAfterMs?: number;
  /** On stop, wait at most this long for interactions in flight (default 5 s). */
  drainTimeoutMs?: number;
  /**
   * Extra REST settings over REST_DEFAULTS: tests shorten the timeout or turn discord.js's retry
   * off. Production passes none.
   */
  rest?: Partial<RESTOptions>;
  /** Digest sending: fan-out width and the deadline of one post. */
  digest?: DigestPosterOptions;
}

export interface DiscordCredentials {
  token: string;
  applicationId: string;
}

/** main starts the adapter only when the token is set; the id's presence is config's rule too. */
export function discordCredentials(config: BotServices['config']): DiscordCredentials {
  const { DISCORD_TOKEN: token, DISCORD_APPLICATION_ID: applicationId } = config;
  if (!token || !applicationId) {
    throw new Error('DISCORD_TOKEN and DISCORD_APPLICATION_ID must both be set for Discord');
  }
  return { token, applicationId };
}

/**
 * Registers the commands when this process is the one meant to (`registerOnStart`: the whole
 * bot in one process, or asked for explicitly); replicas leave it to `npm run register`, so
 * they never race each other's bulk overwrites (ADR 004). Done before taking any traffic, so a
 * bad command list stops start-up before the bot appears online with commands that do not work.
 */
export async function registerIfOwner(
  services: BotServices,
  rest: REST,
  applicationId: string,
): Promise<void> {
  const { config, commands, catalog } = services;
  const logger = services.logger.child({ platform: 'discord' });
  if (!config.registerOnStart) {
    logger.info('discord commands left to npm run register (one of several replicas)');
    return;
  }
  const target = { applicationId, guildId: config.DISCORD_GUILD_ID };
  const body = commandListJson(commands, catalog.defaultStory);
  const outcome = await registerCommands(rest, target, body);
  logger.info({ outcome, guildId: target.guildId ?? 'global' }, 'discord commands registered');
}

/** The one router both modes answer through. */
export function createRouter(
  services: BotServices,
  rest: REST,
  applicationId: string,
  options: DiscordStartOptions,
): InteractionRouter {
  return new InteractionRouter({
    story: services.catalog.defaultStory,
    commands: services.commands,
    logger: services.logger.child({ platform: 'discord' }),
    deferAfterMs: options.deferAfterMs ?? FIRST_RESPONSE_WITHIN_MS,
    cache: new RenderedCache(CACHED_ANSWERS),
    digests: services.digests,
    rest,
    applicationId,
    metrics: services.metrics,
    charts: services.charts,
  });
}

/** Counts every rate-limit wait or refusal discord.js reports on this REST client. */
export function countRateLimits(services: BotServices, rest: REST): void {
  const { metrics } = services;
  if (metrics) rest.on('rateLimited', () => metrics.rateLimited.inc({ platform: 'discord' }));
}

/**
 * Starts Discord the way the configuration asks: over the HTTP interactions endpoint when
 * DISCORD_PUBLIC_KEY is set (no gateway at all), else over gateway shards.
 */
export async function startDiscord(
  services: BotServices,
  options: DiscordStartOptions = {},
): Promise<RunningPlatform> {
  if (services.config.discordMode === 'http') {
    const { startHttpInteractions } = await import('./start-http.js');
    return startHttpInteractions(services, options);
  }
  const { startGateway } = await import('./start-gateway.js');
  return startGateway(services, options);
}
