/**
 * Slack digest fan-out benchmark: one slot posted to 200 channels through the real adapter's
 * poster and the real scheduler, against the fake Web API enforcing Slack-like limits on
 * chat.postMessage (one message per second per channel, 50 per rolling second across the
 * workspace, 429 with Retry-After beyond either). Total time against the bound the global limit
 * sets (200 / 50 = 4 s; target at most 1.15x), with every channel's posts counted: zero
 * duplicates and zero drops. A few runs, each on a fresh database and fake Slack.
 * Run with `npm run build && node dist/bench/slack-digest.js`.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { commands } from '../commands/index.js';
import {
  SLACK_DIGEST_CONCURRENCY,
  SLACK_DIGEST_POSTS_PER_SECOND,
} from '../src/adapters/slack/digest/poster.js';
import { startSlack } from '../src/adapters/slack/start.js';
import { parseConfig } from '../src/config.js';
import { loadStories } from '../src/core/index.js';
import { DEFAULT_STORIES_DIR } from '../src/paths.js';
import { type Clock, MINUTE_MS, systemClock } from '../src/schedule/clock.js';
import { Digests } from '../src/schedule/digests.js';
import { SHARED_LIMITS } from '../src/schedule/shared-limits.js';
import { startFakeWebApi } from '../test/support/fake-slack/fake-web-api.js';
import { startTestHttpServer } from '../test/support/http-server.js';
import { deliveryCounts, type FanOutRun, fanOutTable } from './fan-out-report.js';

const CHANNELS = 200;
const GLOBAL_PER_SECOND = 50;
const RUNS = Number(process.env.BENCH_ROUNDS ?? 3);
const TARGET_RATIO = 1.15;

type Run = FanOutRun;

const channelIds = Array.from({ length: CHANNELS }, (_, i) => `C0B${String(i).padStart(7, '0')}`);

async function runOnce(): Promise<Run> {
  const api = await startFakeWebApi();
  api.limits = { perChannelPerSecond: 1, perWorkspacePerSecond: GLOBAL_PER_SECOND };
  const dir = mkdtempSync(join(tmpdir(), 'sakura-digest-bench-'));
  const config = parseConfig({
    SLACK_BOT_TOKEN: 'xoxb-bench-0000-0000-fake',
    SLACK_SIGNING_SECRET: 'bench-signing-secret-0123456789',
    SLACK_API_URL: api.url,
    PORT: '0',
    DATABASE_PATH: join(dir, 'digests.db'),
    SLACK_DIGEST_CHANNELS: channelIds.join(','),
    // The operator's schedule may be every minute; the subscriptions below date from two
    // minutes ago, so the current minute is a slot due now.
    DIGEST_CRON: '* * * * *',
  });
  const logger = pino({ level: 'warn' }, pino.destination({ fd: 2, sync: true }));
  const story = loadStories(DEFAULT_STORIES_DIR).defaultStory;
  const twoMinutesAgo: Clock = {
    now: () => new Date(Date.now() - 2 * MINUTE_MS),
    sleep: systemClock.sleep,
  };
  const digests = await Digests.open(config, story, logger, twoMinutesAgo);
  const http = await startTestHttpServer(logger);
  const slack = await startSlack({
    catalog: loadStories(DEFAULT_STORIES_DIR),
    commands,
    config,
    logger,
    digests: digests.admin,
    http: http.routes,
  });
  const scheduler = digests.scheduler([slack.poster], { clock: systemClock, logger });
  try {
    const start = performance.now();
    const reports = await scheduler.tick(new Date());
    const seconds = (performance.now() - start) / 1000;
    const slot = reports.find((r) => r.sent > 0)?.slot;
    const perChannel = channelIds.map(
      (channel) =>
        api.messages
          .in(channel)
          .filter((m) => m.metadata?.event_payload.slot === slot && slot !== undefined).length,
    );
    return {
      seconds,
      sent: reports.reduce((sum, r) => sum + r.sent, 0),
      ...deliveryCounts(perChannel),
      rateLimited: api.rateLimits.rejected,
      requests: api.count('chat.postMessage'),
    };
  } finally {
    await scheduler.stop();
    await slack.stop();
    await http.close();
    digests.close();
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const bound = CHANNELS / GLOBAL_PER_SECOND;
  const runs: Run[] = [];
  for (let i = 0; i < RUNS; i += 1) runs.push(await runOnce());
  const lines = [
    '## Slack digest fan-out',
    '',
    `One slot to ${CHANNELS} channels through the adapter's poster and the scheduler, against the ` +
      `fake Web API limiting chat.postMessage to 1 per second per channel and ${GLOBAL_PER_SECOND} ` +
      `per second in the workspace (429 + Retry-After beyond). The digests take turns from the ` +
      `workspace's shared budget at ${SHARED_LIMITS.slack?.rate.perSecond}/s (the store's, as ` +
      `replicas share it); the poster's own gate paces at ${SLACK_DIGEST_POSTS_PER_SECOND}/s ` +
      `with ${SLACK_DIGEST_CONCURRENCY} in flight. ` +
      `Node ${process.version}, ${cpus().length} CPUs.`,
    '',
    ...fanOutTable(runs, bound, TARGET_RATIO),
  ];
  process.stdout.write(`${lines.join('\n')}\n\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `slack digest bench failed: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
