import { setTimeout as delay } from 'node:timers/promises';
import { type Logger as BoltLogger, SocketModeReceiver } from '@slack/bolt';
import type { Health } from '../health.js';
import type { Transport } from './index.js';

const DISCONNECT_GRACE_MS = 5_000;

export interface SocketTransportOptions {
  appToken: string;
  /** Web API base for `apps.connections.open` (SLACK_API_URL), like the bot's own client. */
  slackApiUrl: string | undefined;
  logger: BoltLogger;
  health: Health;
}

/**
 * Socket Mode: the app opens a WebSocket to Slack (no public URL needed, handy on a laptop).
 * Slack authenticates the connection with the app-level token, so there is no request
 * signature to check. Readiness follows the connection state.
 */
export function createSocketTransport(options: SocketTransportOptions): Transport {
  const { health } = options;
  const receiver = new SocketModeReceiver({
    appToken: options.appToken,
    logger: options.logger,
    installerOptions: {
      clientOptions: options.slackApiUrl ? { slackApiUrl: options.slackApiUrl } : {},
    },
  });
  receiver.client.on('connected', () => health.ready());
  receiver.client.on('reconnecting', () => health.disconnected());
  receiver.client.on('disconnected', () => health.disconnected());

  return {
    mode: 'socket',
    receiver,
    async start() {
      await receiver.start();
    },
    async close() {
      // Bolt's stop() does not wait for the socket to close; the client's disconnect() does.
      await Promise.race([
        receiver.client.disconnect(),
        delay(DISCONNECT_GRACE_MS, undefined, { ref: false }),
      ]);
    },
  };
}
