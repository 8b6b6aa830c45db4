import { App, type Authorize } from '@slack/bolt';
import type { Config } from '../../config.js';
import type { HttpRoutes } from '../../http/routes.js';
import type { Logger } from '../../logger.js';
import { boltLogger } from './bolt-logger.js';
import type { Health } from './health.js';
import { createHttpTransport } from './transport/http.js';
import type { Transport } from './transport/index.js';
import { createSocketTransport } from './transport/socket.js';

/**
 * Start-up calls `auth.test` once to check the token. A few quick retries ride out a blip; a
 * Slack that stays unreachable fails start-up within seconds (a process manager restarts us)
 * instead of the client's default of retrying for half an hour.
 */
const WEB_API_RETRIES = { retries: 3, factor: 2, minTimeout: 250, maxTimeout: 2_000 };
const WEB_API_TIMEOUT_MS = 10_000;

export interface SlackApp {
  app: App;
  transport: Transport;
}

/**
 * The Bolt app and the transport the configuration asks for (Socket Mode with an app token).
 * With `authorize` (OAuth mode) each request gets its workspace's token from it, instead of
 * SLACK_BOT_TOKEN.
 */
export function createSlackApp(
  config: Config,
  logger: Logger,
  health: Health,
  routes: HttpRoutes | undefined,
  authorize?: Authorize<boolean>,
): SlackApp {
  const { SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET, SLACK_APP_TOKEN, SLACK_API_URL } = config;
  if ((!SLACK_BOT_TOKEN && !authorize) || !SLACK_SIGNING_SECRET) {
    // The config schema requires them together; reaching here is a wiring mistake.
    throw new Error('the Slack adapter needs SLACK_BOT_TOKEN (or OAuth) and SLACK_SIGNING_SECRET');
  }
  const bolt = boltLogger(logger);
  let transport: Transport;
  if (SLACK_APP_TOKEN) {
    transport = createSocketTransport({
      appToken: SLACK_APP_TOKEN,
      slackApiUrl: SLACK_API_URL,
      logger: bolt,
      health,
    });
  } else {
    if (!routes) throw new Error('Slack HTTP mode needs the HTTP server (services.http)');
    transport = createHttpTransport({ signingSecret: SLACK_SIGNING_SECRET, routes, logger: bolt });
  }

  const app = new App({
    ...(authorize ? { authorize } : { token: SLACK_BOT_TOKEN }),
    receiver: transport.receiver,
    logger: bolt,
    clientOptions: {
      ...(SLACK_API_URL ? { slackApiUrl: SLACK_API_URL } : {}),
      retryConfig: WEB_API_RETRIES,
      timeout: WEB_API_TIMEOUT_MS,
    },
    // init() is awaited by start-up, so a bad token is a clear start-up error, not a log line
    // on the first request.
    deferInitialization: true,
    // Slash commands need no per-conversation state; skipping the store saves work per request.
    convoStore: false,
  });
  return { app, transport };
}
