import { once } from 'node:events';
import { Client, Events, GatewayIntentBits, type RESTOptions } from 'discord.js';
import { commands } from '../commands/index.js';
import { startDiscord } from '../src/adapters/discord/start.js';
import { parseConfig } from '../src/config.js';
import { loadStories } from '../src/core/index.js';
import { createLogger } from '../src/logger.js';
import { DEFAULT_STORIES_DIR } from '../src/paths.js';

/**
 * One bot for bench/discord.ts, in its own process so its resident memory is its own:
 * `ours` is sakura-bot's adapter started as main starts it, `uncached` the same with its answer
 * cache off, and `bare` a plain discord.js client that replies a fixed string. The parent talks
 * to it over IPC: `rss`, then `stop`.
 */

export type ChildMessage = { ready: true } | { rss: number; heapUsed: number };

/**
 * discord.js's REST client holds itself to 50 requests/s (Discord's global limit, which
 * interaction callbacks are in fact exempt from). Both bots lift it alike, so the bench measures
 * the bots rather than the limiter.
 */
const BENCH_REST: Partial<RESTOptions> = { globalRequestsPerSecond: 1_000_000 };

async function startOurs(cacheAnswers: boolean): Promise<() => Promise<void>> {
  const config = parseConfig(process.env);
  const services = {
    catalog: loadStories(config.STORIES_DIR ?? DEFAULT_STORIES_DIR, config.STORY_ID),
    commands,
    config,
    logger: createLogger(config.LOG_LEVEL ?? 'info'),
  };
  const platform = await startDiscord(services, { rest: BENCH_REST, cacheAnswers });
  return () => platform.stop();
}

async function startBare(): Promise<() => Promise<void>> {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: { ...BENCH_REST, api: process.env.DISCORD_API_URL ?? '' },
  });
  client.on(Events.InteractionCreate, (interaction) => {
    if (!interaction.isChatInputCommand()) return;
    interaction.reply({ content: 'Sakura Internet +20.2%' }).catch(() => undefined);
  });
  await Promise.all([once(client, Events.ClientReady), client.login(process.env.DISCORD_TOKEN)]);
  return () => client.destroy();
}

const send = (message: ChildMessage) => process.send?.(message);

async function main(): Promise<void> {
  const bot = process.argv[2];
  const stop = bot === 'bare' ? await startBare() : await startOurs(bot !== 'uncached');
  process.on('message', (message: unknown) => {
    if (message === 'rss') {
      // --expose-gc (the parent passes it): collect first, so garbage does not count as use.
      (globalThis as { gc?: () => void }).gc?.();
      send({ rss: process.memoryUsage().rss, heapUsed: process.memoryUsage().heapUsed });
    } else if (message === 'stop') {
      stop().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    }
  });
  send({ ready: true });
}

main().catch((error: unknown) => {
  process.stderr.write(`bench child failed: ${error instanceof Error ? error.stack : error}\n`);
  process.exit(1);
});
