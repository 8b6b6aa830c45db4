import { type Logger as BoltLogger, HTTPReceiver } from '@slack/bolt';
import type { HttpRoutes } from '../../../http/routes.js';
import type { Transport } from './index.js';

export const EVENTS_PATH = '/slack/events';

export interface HttpTransportOptions {
  signingSecret: string;
  routes: HttpRoutes;
  logger: BoltLogger;
}

/**
 * HTTP mode: Slack POSTs signed requests to `/slack/events` on the process's one HTTP server
 * (shared with `/healthz`, `/readyz`, `/metrics` and Discord's endpoint). Bolt's HTTPReceiver
 * is used only as that path's request listener: it verifies the v0 signature and the
 * five-minute timestamp window on every request (signatureVerification is left at its
 * default, on) and answers 401 otherwise.
 */
export function createHttpTransport(options: HttpTransportOptions): Transport {
  const receiver = new HTTPReceiver({
    signingSecret: options.signingSecret,
    endpoints: EVENTS_PATH,
    logger: options.logger,
  });
  return {
    mode: 'http',
    receiver,
    async start() {
      options.routes.mount(EVENTS_PATH, (req, res) => {
        // Bolt throws on anything but a POST here (no OAuth pages are served): a plain 405.
        if (req.method !== 'POST') {
          res.writeHead(405, { allow: 'POST' }).end();
          return;
        }
        receiver.requestListener(req, res);
      });
    },
    async close() {
      // New requests get a 404 (the load balancer has seen /readyz fail by now); requests being
      // answered finish, and the adapter waits for their respond() calls.
      options.routes.unmount(EVENTS_PATH);
    },
  };
}
