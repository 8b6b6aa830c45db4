import { once } from 'node:events';
import {
  type APIInteraction,
  type APIInteractionResponse,
  Events,
  GatewayDispatchEvents,
  type RawFile,
  Routes,
  Status,
} from 'discord.js';
import { isPromise } from '../../core/index.js';
import type { BotServices, RunningPlatform } from '../platform.js';
import { createDiscordClient } from './client.js';
import { logConnection } from './connection-log.js';
import { DiscordDigestPoster } from './digest/poster.js';
import { InteractionRouter } from './interactions.js';
import { messageRequest } from './multipart.js';
// Both receive modes import the same shared steps from start.ts (an alike import list, by design).
import {
  countRateLimits,
  createRouter,
  type DiscordStartOptions,
  discordCredentials,
  registerIfOwner,
} from './start.js';

/**
 * Gateway mode: discord.js runs this replica's shards (SHARD_COUNT, SHARD_IDS) and the router
 * answers each INTERACTION_CREATE from its raw JSON, the same JSON the HTTP endpoint gets, with
 * the first response sent to the callback endpoint. Discord delivers a guild's interactions to
 * the one shard that owns the guild, so with disjoint SHARD_IDS each is answered exactly once.
 * Resolves once every shard is ready, so main logs "started" only when it is.
 */
export async function startGateway(
  services: BotServices,
  options: DiscordStartOptions,
): Promise<RunningPlatform> {
  const { config } = services;
  const logger = services.logger.child({ platform: 'discord' });
  const { token, applicationId } = discordCredentials(config);

  const client = createDiscordClient(config, options.rest);
  logConnection(client, logger);
  client.rest.setToken(token);
  countRateLimits(services, client.rest);
  await registerIfOwner(services, client.rest, applicationId);

  const router = createRouter(services, client.rest, applicationId, options);
  const onInteraction = (interaction: APIInteraction) => {
    if (!InteractionRouter.accepts(interaction)) return;
    const callback = Routes.interactionCallback(interaction.id, interaction.token);
    const first = {
      carriesFiles: true,
      async send(body: APIInteractionResponse, files?: readonly RawFile[]) {
        // A cached reply's request is known already: sent in this turn, nothing awaited first.
        const request = messageRequest(body, files);
        await client.rest.post(callback, {
          ...(isPromise(request) ? await request : request),
          auth: false,
        });
      },
    };
    router.handle(interaction, first);
  };
  client.ws.on(GatewayDispatchEvents.InteractionCreate, onInteraction);

  try {
    await Promise.all([once(client, Events.ClientReady), client.login(token)]);
  } catch (error) {
    await client.destroy();
    throw error;
  }
  logger.info(
    { user: client.user?.tag, guilds: client.guilds.cache.size, shards: client.ws.shards.size },
    'discord ready',
  );

  return {
    name: 'discord',
    poster: new DiscordDigestPoster(client.rest, token, () => client.user?.id, {
      ...options.digest,
      charts: services.charts,
    }),
    readiness: {
      name: 'discord',
      async check() {
        const down = client.ws.shards.filter((shard) => shard.status !== Status.Ready);
        if (down.size > 0) throw new Error(`shards not connected: ${[...down.keys()].join(', ')}`);
      },
    },
    async stop() {
      client.ws.off(GatewayDispatchEvents.InteractionCreate, onInteraction);
      await router.drain(options.drainTimeoutMs ?? 5000);
      await client.destroy();
      logger.info('discord stopped');
    },
  };
}
