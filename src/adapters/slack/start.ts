import { webApi } from '@slack/bolt';
import type { BotServices, RunningPlatform } from '../platform.js';
import { RenderedCache } from '../rendered-cache.js';
import { createSlackApp } from './app.js';
import { boltLogger } from './bolt-logger.js';
import { SlackCharts } from './chart-source.js';
import { SlackAdmins } from './digest/admins.js';
import { createDigestClient, DIGEST_TIMEOUT_MS, SlackDigestPoster } from './digest/poster.js';
import { Health } from './health.js';
import { InFlight } from './in-flight.js';
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
  const { app, transport } = createSlackApp(config, logger, health, services.http);

  const digestClient = createDigestClient({
    // createSlackApp has already refused a configuration without the token.
    token: config.SLACK_BOT_TOKEN ?? '',
    slackApiUrl: config.SLACK_API_URL,
    logger: boltLogger(logger),
    timeoutMs: options.digest?.timeoutMs ?? DIGEST_TIMEOUT_MS,
  });
  // URL mode only where Slack already reaches us (HTTP mode) and we know our public address.
  const charts = new SlackCharts({
    charts: services.charts,
    publicBaseUrl: transport.mode === 'http' ? config.PUBLIC_BASE_URL : undefined,
    client: app.client,
    logger,
  });
  const poster = new SlackDigestPoster({
    client: digestClient,
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
      admins: new SlackAdmins(digestClient, config.SLACK_ADMIN_USER_IDS),
    },
  });
  app.error(async (error) => {
    log.error({ err: error }, 'Slack listener error');
  });

  const { metrics } = services;
  if (metrics) {
    digestClient.on(webApi.WebClientEvent.RATE_LIMITED, () =>
      metrics.rateLimited.inc({ platform: 'slack' }),
    );
    app.client.on(webApi.WebClientEvent.RATE_LIMITED, () =>
      metrics.rateLimited.inc({ platform: 'slack' }),
    );
  }

  await app.init();
  await transport.start();
  // In Socket Mode the connection's own events decide; HTTP is ready once it is mounted.
  if (transport.mode === 'http') health.ready();
  log.info({ mode: transport.mode, charts: charts.mode }, 'Slack adapter receiving');

  let stopped: Promise<void> | undefined;
  const stop = async () => {
    health.stopping();
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
