/**
 * One app under test for bench/slack.ts, in its own process so its memory is its own:
 * `sakura` is the real adapter started the way main.ts starts it; `uncached` is the same with
 * its reply cache off (to show what parsing and rendering cost); `bare` is a default Bolt app
 * whose `/sakura` handler only acks. The parent talks to it over the IPC channel.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App } from '@slack/bolt';

export type AppKind = 'sakura' | 'uncached' | 'bare';

export type ToChild = 'rss' | 'stop';
export type FromChild = { ready: true; port: number } | { rss: number };

async function startSakura(
  cacheReplies: boolean,
): Promise<{ port: number; stop: () => Promise<void> }> {
  // Imported here, not at the top, so the bare app's process never loads a byte of ours.
  const [
    { commands },
    { startSlack },
    { parseConfig },
    { loadStories },
    { createLogger },
    paths,
    { startTestHttpServer },
  ] = await Promise.all([
    import('../commands/index.js'),
    import('../src/adapters/slack/start.js'),
    import('../src/config.js'),
    import('../src/core/index.js'),
    import('../src/logger.js'),
    import('../src/paths.js'),
    import('../test/support/http-server.js'),
  ]);
  const config = parseConfig(process.env);
  const catalog = loadStories(config.STORIES_DIR ?? paths.DEFAULT_STORIES_DIR, config.STORY_ID);
  const logger = createLogger(config.LOG_LEVEL ?? 'info');
  // The process's one HTTP server, as main builds it (with /healthz, /readyz and /metrics).
  const http = await startTestHttpServer(logger);
  const running = await startSlack(
    { catalog, commands, config, logger, http: http.routes, metrics: http.metrics },
    { cacheReplies },
  );
  return {
    port: Number(new URL(http.baseUrl).port),
    stop: async () => {
      await running.stop();
      await http.close();
    },
  };
}

async function startBare(): Promise<{ port: number; stop: () => Promise<void> }> {
  const app = new App({
    token: process.env.SLACK_BOT_TOKEN,
    signingSecret: process.env.SLACK_SIGNING_SECRET,
    clientOptions: { slackApiUrl: process.env.SLACK_API_URL },
    // As the adapter configures it, so the comparison isolates what the handler does.
    convoStore: false,
  });
  app.command('/sakura', async ({ ack }) => {
    await ack();
  });
  const server = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
  return {
    port: (server.address() as AddressInfo).port,
    stop: async () => {
      await app.stop();
    },
  };
}

/** Resident memory after a full collection, so garbage waiting to be freed does not count. */
function settledRss(): number {
  // --expose-gc is passed by the parent; without it the figure is simply less settled.
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  return process.memoryUsage().rss;
}

async function main(): Promise<void> {
  const kind = process.argv[2] as AppKind;
  const app = kind === 'bare' ? await startBare() : await startSakura(kind === 'sakura');
  const send = (message: FromChild) => process.send?.(message);
  process.on('message', async (message: ToChild) => {
    if (message === 'rss') send({ rss: settledRss() });
    if (message === 'stop') {
      await app.stop();
      process.exit(0);
    }
  });
  // If the parent dies, do not linger.
  process.on('disconnect', () => process.exit(0));
  send({ ready: true, port: app.port });
}

main().catch((error: unknown) => {
  process.stderr.write(`slack bench app failed: ${String(error)}\n`);
  process.exit(1);
});
