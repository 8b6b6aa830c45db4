import { commands } from '../commands/index.js';
import { runConsole } from './adapters/console/console-adapter.js';
import type { BotServices, RunningPlatform } from './adapters/platform.js';
import { type Config, ConfigError, loadConfig } from './config.js';
import { factIndexFor, loadStories, StoryDataError } from './core/index.js';
import type { ReadinessCheck } from './http/readiness.js';
import { DEFAULT_STORIES_DIR } from './paths.js';

/** Start-up problems a user can fix get one clear message and exit 1, never a stack trace. */
function fail(message: string): never {
  process.stderr.write(`sakura-bot: ${message}\n`);
  process.exit(1);
}

function readConfig(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
}

async function startPlatforms(services: BotServices): Promise<RunningPlatform[]> {
  const started: RunningPlatform[] = [];
  // Imported only when enabled: a console run never pays for loading discord.js or Bolt.
  if (services.config.discordEnabled) {
    const { startDiscord } = await import('./adapters/discord/start.js');
    started.push(await startDiscord(services));
  }
  if (services.config.slackEnabled) {
    const { startSlack } = await import('./adapters/slack/start.js');
    started.push(await startSlack(services));
  }
  return started;
}

async function main(): Promise<void> {
  const config = readConfig();
  const platformsEnabled = config.discordEnabled || config.slackEnabled;
  let catalog: BotServices['catalog'];
  try {
    catalog = loadStories(config.STORIES_DIR ?? DEFAULT_STORIES_DIR, config.STORY_ID);
  } catch (error) {
    if (error instanceof StoryDataError) fail(error.message);
    throw error;
  }
  if (!platformsEnabled) {
    const level = config.LOG_LEVEL ?? 'warn';
    // The logger is loaded only if a command fails: a one-shot piped run never pays for it.
    const reportError = (errorId: string, err: unknown, line: string) =>
      void import('./logger.js').then(({ createLogger }) =>
        createLogger(level).error({ err, errorId, line }, 'command failed'),
      );
    const session = runConsole(
      { catalog, commands, config, reportError },
      { input: process.stdin, output: process.stdout },
    );
    const quit = () => session.close();
    process.once('SIGINT', quit);
    process.once('SIGTERM', quit);
    await session.done;
    return;
  }

  const { createLogger } = await import('./logger.js');
  const logger = createLogger(config.LOG_LEVEL ?? 'info');
  // Build the ask index now, not inside the first interaction's three-second window.
  factIndexFor(catalog.defaultStory);
  // Loaded here, like the adapters, so the console never opens a database or a port.
  const [{ Digests }, ops] = await Promise.all([
    import('./schedule/digests.js'),
    import('./http/index.js'),
  ]);
  const digests = await Digests.open(config, catalog.defaultStory, logger);
  const metrics = new ops.BotMetrics();
  const routes = new ops.HttpRoutes();
  // Read on every /readyz: not ready until every platform has started and says it is.
  const platforms: RunningPlatform[] = [];
  let started = false;
  const readiness: ReadinessCheck[] = [
    ops.databaseReadiness(() => digests.ping()),
    {
      name: 'started',
      async check() {
        if (!started) throw new Error('starting');
      },
    },
  ];
  const server = new ops.BotHttpServer({ routes, metrics, readiness, logger });
  // Listening first, so /healthz answers (alive) while the platforms connect.
  const port = await server.listen(config.PORT, config.HOST);
  const { ChartImages, renderInChildProcess, warmCharts } = await import('./chart/index.js');
  // Drawn in a short-lived child process: this one never maps resvg (ADR 011).
  const charts = new ChartImages({ render: renderInChildProcess });
  const warm = () => warmCharts(charts, catalog.defaultStory, commands);
  // Drawn before any platform takes traffic: no answer waits for a first render.
  warm();
  routes.mountPrefix(ops.CHARTS_PATH, ops.chartRoute(charts, warm));
  // Tests build the same BotServices for their bots (test/discord/digest-helpers.ts).
  const services: BotServices = {
    catalog,
    commands,
    config,
    logger,
    digests: digests.admin,
    store: digests.store,
    http: routes,
    metrics,
    // One set of chart images for every platform: a chart drawn for Discord serves Slack too.
    charts,
  };
  platforms.push(...(await startPlatforms(services)));
  readiness.push(...platforms.map((platform) => platform.readiness));
  started = true;
  digests.startScheduler(
    platforms.flatMap((platform) =>
      platform.poster ? [new ops.CountingPoster(platform.poster, metrics)] : [],
    ),
  );
  let stopping = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    // /readyz fails first, so a load balancer stops sending new work while this one finishes.
    server.stopping();
    // Digests first, while the platforms can still post the ones in flight.
    await digests.stopScheduler();
    const results = await Promise.allSettled(platforms.map((platform) => platform.stop()));
    for (const result of results) {
      if (result.status === 'rejected')
        logger.error({ err: result.reason }, 'platform did not stop cleanly');
    }
    await server.close();
    await digests.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  // Logged once the handlers are in place: whoever waits for this line may send SIGTERM at once.
  logger.info(
    { platforms: platforms.map((p) => p.name), story: catalog.defaultStory.id, port },
    'sakura-bot started',
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `sakura-bot: could not start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
