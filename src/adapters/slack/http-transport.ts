import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Logger as BoltLogger, HTTPReceiver } from '@slack/bolt';
import { HEALTH_PATH, type Health } from './health.js';
import { type ListenOptions, type Transport, unrefDelay } from './transport.js';

export const EVENTS_PATH = '/slack/events';

/** A client that keeps a connection open past this after stop() is cut off. */
const CLOSE_GRACE_MS = 10_000;

export interface HttpTransportOptions {
  signingSecret: string;
  listen: ListenOptions;
  logger: BoltLogger;
  health: Health;
}

/**
 * HTTP mode: Slack POSTs signed requests to `/slack/events`; `/healthz` shares the server.
 * Bolt's HTTPReceiver verifies the v0 signature and the five-minute timestamp window on every
 * request (signatureVerification is left at its default, on) and answers 401 otherwise.
 */
export function createHttpTransport(options: HttpTransportOptions): Transport {
  const { health } = options;
  const receiver = new HTTPReceiver({
    signingSecret: options.signingSecret,
    endpoints: EVENTS_PATH,
    logger: options.logger,
    customRoutes: [
      {
        path: HEALTH_PATH,
        method: ['GET', 'HEAD'],
        handler: (req, res) => health.respond(req, res),
      },
    ],
  });
  let server: Server | undefined;

  return {
    mode: 'http',
    receiver,
    async start() {
      server = await receiver.start({ port: options.listen.port, host: options.listen.host });
      return { port: (server.address() as AddressInfo).port };
    },
    async close() {
      const open = server;
      if (!open) return;
      server = undefined;
      // close() stops accepting and drops idle keep-alive sockets; requests being answered
      // finish first. Only a client that holds its connection past the grace is cut off.
      const closed = receiver.stop();
      const grace = unrefDelay(CLOSE_GRACE_MS).then(() => open.closeAllConnections());
      await Promise.race([closed, grace]);
      await closed;
    },
  };
}
