import { type Client, Events } from 'discord.js';
import type { Logger } from '../../logger.js';

/**
 * What an operator needs to see about the gateway connection. The `error` listener also keeps
 * an emitted error from crashing the process (an EventEmitter without one throws).
 */
export function logConnection(client: Client, logger: Logger): void {
  client.on(Events.Error, (err) => logger.error({ err }, 'discord client error'));
  client.on(Events.Warn, (message) => logger.warn({ message }, 'discord warning'));
  client.on(Events.ShardDisconnect, (event, shardId) =>
    logger.warn({ shardId, code: event.code }, 'discord gateway disconnected'),
  );
  client.on(Events.ShardReconnecting, (shardId) =>
    logger.info({ shardId }, 'discord gateway reconnecting'),
  );
  client.on(Events.ShardResume, (shardId, replayed) =>
    logger.info({ shardId, replayed }, 'discord gateway resumed'),
  );
  client.on(Events.ShardError, (err, shardId) =>
    logger.error({ err, shardId }, 'discord gateway error'),
  );
  // discord.js emits this when its queue holds a request back to stay inside a limit, before any
  // 429: normal during a digest fan-out (once per channel past the first 50 a second), so debug.
  client.rest.on('rateLimited', (info) => logger.debug({ ...info }, 'discord rate limit wait'));
}
