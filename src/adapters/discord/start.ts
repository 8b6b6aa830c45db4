import { once } from 'node:events';
import { Events, type RESTOptions } from 'discord.js';
import type { Config } from '../../config.js';
import type { BotServices, RunningPlatform } from '../platform.js';
import { RenderedCache } from '../rendered-cache.js';
import { createDiscordClient } from './client.js';
import { commandListJson } from './command-json.js';
import { logConnection } from './connection-log.js';
import { type DigestPosterOptions, DiscordDigestPoster } from './digest-poster.js';
import { InteractionRouter } from './interactions.js';
import { registerCommands } from './register.js';

/** Enough for every subcommand in both languages plus the popular questions. */
const CACHED_ANSWERS = 256;

export interface DiscordStartOptions {
  /** Defer a pending answer after this long (default 1 s; Discord allows 3 s in all). */
  deferAfterMs?: number;
  /** On stop, wait at most this long for interactions in flight (default 5 s). */
  drainTimeoutMs?: number;
  /** Keep rendered answers for repeat requests (default on); off shows the uncached cost. */
  cacheAnswers?: boolean;
  /**
   * Extra REST settings over REST_DEFAULTS. The benchmark lifts discord.js's own 50 requests/s
   * cap in both clients it compares so it measures the bot, not the limiter; tests shorten the
   * timeout or turn discord.js's retry off. Production passes none.
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
export function discordCredentials(config: Config): DiscordCredentials {
  const { DISCORD_TOKEN: token, DISCORD_APPLICATION_ID: applicationId } = config;
  if (!token || !applicationId) {
    throw new Error('DISCORD_TOKEN and DISCORD_APPLICATION_ID must both be set for Discord');
  }
  return { token, applicationId };
}

/**
 * Registers `/sakura` and `/sakura-digest` (only when they changed), connects to the gateway,
 * and answers interactions until stopped. Resolves once the client is ready, so main logs
 * "started" only when it is. The returned `poster` sends digests through the same REST client,
 * so they share discord.js's rate-limit queue with everything else the bot sends.
 */
export async function startDiscord(
  services: BotServices,
  options: DiscordStartOptions = {},
): Promise<RunningPlatform> {
  const { catalog, commands, config } = services;
  const logger = services.logger.child({ platform: 'discord' });
  const { token, applicationId } = discordCredentials(config);
  const story = catalog.defaultStory;

  const client = createDiscordClient(config, options.rest);
  logConnection(client, logger);
  // Registration needs only REST; doing it before the gateway means a bad command list stops
  // start-up before the bot appears online with commands that do not work.
  client.rest.setToken(token);
  const target = { applicationId, guildId: config.DISCORD_GUILD_ID };
  const outcome = await registerCommands(client.rest, target, commandListJson(commands, story));
  logger.info({ outcome, guildId: target.guildId ?? 'global' }, 'discord commands registered');

  const router = new InteractionRouter({
    story,
    commands,
    logger,
    deferAfterMs: options.deferAfterMs ?? 1000,
    cache: options.cacheAnswers === false ? undefined : new RenderedCache(CACHED_ANSWERS),
    digests: services.digests,
  });
  client.on(Events.InteractionCreate, router.handle);

  try {
    await Promise.all([once(client, Events.ClientReady), client.login(token)]);
  } catch (error) {
    await client.destroy();
    throw error;
  }
  logger.info({ user: client.user?.tag, guilds: client.guilds.cache.size }, 'discord ready');

  return {
    name: 'discord',
    poster: new DiscordDigestPoster(client.rest, token, () => client.user?.id, options.digest),
    async stop() {
      client.off(Events.InteractionCreate, router.handle);
      await router.drain(options.drainTimeoutMs ?? 5000);
      await client.destroy();
      logger.info('discord stopped');
    },
  };
}
