import { webApi } from '@slack/bolt';
import { InFlight } from '../../in-flight.js';
import type { BotServices, RunningPlatform } from '../platform.js';
import { RenderedCache } from '../rendered-cache.js';
import { createSlackApp } from './app.js';
import { boltLogger } from './bolt-logger.js';
import { SlackCharts } from './chart-source.js';
import { SlackAdmins } from './digest/admins.js';
import {
  createDigestClient,
  DIGEST_TIMEOUT_MS,
  digestClientOptions,
  SlackDigestPoster,
} from './digest/poster.js';
import { Health } from './health.js';
import { type SlackClients, singleClient } from './oauth/clients.js';
import { registerUninstallEvents } from './oauth/events.js';
import { createSlackOAuth, type SlackOAuth } from './oauth/oauth-mode.js';
import { registerSlashCommand } from './slash-command.js';

/** How long shutdown waits for answers still on their way through `respond()`. */
const DRAIN_MS = 10_000;
/** Distinct command texts whose rendered replies are kept (a few MB at most). */
const CACHED_REPLIES = 256;

export interface SlackStartOptions {
  /** Digest posting; the defaults suit Slack, tests and the bench shorten or tune them. */
  digest?: {
    /** Per Web API call made for digests and admin checks (default 10 s). */
    timeoutMs?: number;
    concurrency?: number;
    postsPerSecond?: number;
  };
}

export interface RunningSlack extends RunningPlatform {
  mode: 'http' | 'socket';
  poster: SlackDigestPoster;
}

/**
 * Starts the Slack adapter: checks the token (`auth.test`), registers `/sakura` (with the
 * `digest` admin commands), and starts receiving: `/slack/events` on the process's HTTP server,
 * or the Socket Mode connection. The returned `poster` posts scheduled digests. `stop()` fails
 * the readiness check, stops receiving, lets pending `respond()` answers finish, and resolves.
 */
export async function startSlack(
  services: BotServices,
  options: SlackStartOptions = {},
): Promise<RunningSlack> {
  const { catalog, commands, config, logger } = services;
  const log = logger.child({ component: 'slack' });
  const health = new Health();
  const inFlight = new InFlight();
  const { metrics } = services;
  const countRateLimits = (client: webApi.WebClient) => {
    if (metrics)
      client.on(webApi.WebClientEvent.RATE_LIMITED, () =>
        metrics.rateLimited.inc({ platform: 'slack' }),
      );
  };
  const clientSettings = {
    slackApiUrl: config.SLACK_API_URL,
    logger: boltLogger(logger),
    timeoutMs: options.digest?.timeoutMs ?? DIGEST_TIMEOUT_MS,
  };
  const oauth =
    config.slackMode === 'oauth'
      ? startOAuth(services, clientSettings, countRateLimits)
      : undefined;
  const { app, transport } = createSlackApp(
    config,
    logger,
    health,
    services.http,
    oauth?.authorize,
  );

  let clients: SlackClients;
  if (oauth) {
    clients = oauth.clients;
  } else {
    // createSlackApp has already refused a configuration without the token.
    const digestClient = createDigestClient({ token: config.SLACK_BOT_TOKEN, ...clientSettings });
    countRateLimits(digestClient);
    clients = singleClient(digestClient);
  }
  // URL mode only where Slack already reaches us (HTTP mode) and we know our public address.
  // An upload belongs to one workspace: in OAuth mode there is no one client to upload with.
  const charts = new SlackCharts({
    charts: services.charts,
    publicBaseUrl: transport.mode === 'http' ? config.PUBLIC_BASE_URL : undefined,
    client: oauth ? undefined : app.client,
    files: services.store?.slackFiles,
    workspace: () => clients.tokenWorkspace(),
    logger,
  });
  const poster = new SlackDigestPoster({
    clients,
    charts,
    logger,
    concurrency: options.digest?.concurrency,
    postsPerSecond: options.digest?.postsPerSecond,
  });

  registerSlashCommand(app, {
    catalog,
    commands,
    defaultLang: config.DEFAULT_LANG,
    logger,
    inFlight,
    cache: new RenderedCache(CACHED_REPLIES),
    metrics: services.metrics,
    charts,
    digest: {
      digests: services.digests,
      admins: new SlackAdmins(clients, config.SLACK_ADMIN_USER_IDS),
    },
  });
  if (oauth) registerUninstallEvents(app, oauth, logger);
  app.error(async (error) => {
    log.error({ err: error }, 'Slack listener error');
  });
  countRateLimits(app.client);

  await app.init();
  await transport.start();
  // The install pages go up with the events endpoint, on the same server.
  const unmountInstall = oauth && services.http ? oauth.mount(services.http) : undefined;
  // In Socket Mode the connection's own events decide; HTTP is ready once it is mounted.
  if (transport.mode === 'http') health.ready();
  log.info(
    { mode: transport.mode, charts: charts.mode, workspaces: oauth ? 'oauth' : 'one token' },
    'Slack adapter receiving',
  );

  let stopped: Promise<void> | undefined;
  const stop = async () => {
    health.stopping();
    unmountInstall?.();
    await transport.close();
    const drained = await inFlight.drain(DRAIN_MS);
    if (!drained) log.warn({ pending: inFlight.size }, 'stopped with Slack answers still pending');
    log.info('Slack adapter stopped');
  };
  return {
    name: 'slack',
    mode: transport.mode,
    poster,
    readiness: health.readiness,
    // Idempotent: a second signal, or a test's cleanup after main's, waits for the same stop.
    stop: () => {
      stopped ??= stop();
      return stopped;
    },
  };
}

/** OAuth mode's parts on the process's store; the config schema made sure they are all set. */
function startOAuth(
  services: BotServices,
  clientSettings: Parameters<typeof digestClientOptions>[0],
  onClient: (client: webApi.WebClient) => void,
): SlackOAuth {
  const { store, config, logger } = services;
  if (!store) throw new Error('Slack OAuth mode needs the store (services.store)');
  if (!services.http) throw new Error('Slack OAuth mode needs the HTTP server (services.http)');
  return createSlackOAuth({
    config,
    installations: store.slackInstallations,
    subscriptions: store.subscriptions,
    logger,
    boltLogger: clientSettings.logger,
    clientOptions: digestClientOptions(clientSettings),
    onClient,
  });
}
