import { type APIUser, Routes } from 'discord.js';
import type { BotServices, RunningPlatform } from '../platform.js';
import { createDiscordRest } from './client.js';
import { DiscordDigestPoster } from './digest/poster.js';
import { INTERACTIONS_PATH, interactionsEndpoint } from './http-endpoint.js';
import { discordPublicKey } from './signature.js';
// Both receive modes import the same shared steps from start.ts (an alike import list, by design).
import {
  countRateLimits,
  createRouter,
  type DiscordStartOptions,
  discordCredentials,
  registerIfOwner,
} from './start.js';

/**
 * HTTP interactions mode (DISCORD_PUBLIC_KEY set): Discord POSTs every interaction to
 * `/discord/interactions` on the process's one HTTP server; there is no gateway connection.
 * Stateless, so any number of replicas can sit behind any load balancer. Digests and
 * registration use REST, as in gateway mode.
 */
export async function startHttpInteractions(
  services: BotServices,
  options: DiscordStartOptions,
): Promise<RunningPlatform> {
  const { config, http } = services;
  const logger = services.logger.child({ platform: 'discord' });
  const { token, applicationId } = discordCredentials(config);
  if (!config.DISCORD_PUBLIC_KEY) throw new Error('HTTP interactions need DISCORD_PUBLIC_KEY');
  if (!http) throw new Error('HTTP interactions need the HTTP server (services.http)');

  const rest = createDiscordRest(config, token, options.rest);
  countRateLimits(services, rest);
  // There is no READY to learn the bot's own id from; asking also checks the token at start-up,
  // so a wrong one stops the bot now rather than at the first digest.
  const me = (await rest.get(Routes.user())) as APIUser;
  await registerIfOwner(services, rest, applicationId);
  const router = createRouter(services, rest, applicationId, options);
  const key = discordPublicKey(config.DISCORD_PUBLIC_KEY);
  http.mount(INTERACTIONS_PATH, interactionsEndpoint({ key, router, logger }));
  logger.info({ path: INTERACTIONS_PATH }, 'discord interactions endpoint ready');
  let stopping = false;

  return {
    name: 'discord',
    poster: new DiscordDigestPoster(rest, token, () => me.id, {
      ...options.digest,
      charts: services.charts,
    }),
    readiness: {
      name: 'discord',
      async check() {
        if (stopping) throw new Error('stopping');
      },
    },
    async stop() {
      stopping = true;
      await router.drain(options.drainTimeoutMs ?? 5000);
      http.unmount(INTERACTIONS_PATH);
      logger.info('discord stopped');
    },
  };
}
