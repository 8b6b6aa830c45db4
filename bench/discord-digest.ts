/**
 * Discord digest fan-out benchmark: one slot posted to 1,000 channels through the real adapter's
 * poster (the bot's discord.js REST client and its rate-limit queue) and the real scheduler,
 * against the fake Discord enforcing the global limit of 50 requests per second with global
 * 429s. Total time against the bound that limit sets (1,000 / 50 = 20 s; target at most 1.15x),
 * with every channel's messages counted: zero duplicates and zero drops. A few runs, each on a
 * fresh database and fake Discord. Run with `npm run build && node dist/bench/discord-digest.js`.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { pino } from 'pino';
import { commands } from '../commands/index.js';
import { startDiscord } from '../src/adapters/discord/start.js';
import { parseConfig } from '../src/config.js';
import { loadStories } from '../src/core/index.js';
import { DEFAULT_STORIES_DIR } from '../src/paths.js';
import { type Clock, MINUTE_MS, systemClock } from '../src/schedule/clock.js';
import { Digests } from '../src/schedule/digests.js';
import { SHARED_LIMITS } from '../src/schedule/shared-limits.js';
import { FakeDiscord } from '../test/support/fake-discord/fake-discord.js';
import { snowflake } from '../test/support/fake-discord/snowflake.js';
import { deliveryCounts, type FanOutRun, fanOutTable } from './fan-out-report.js';

const CHANNELS = 1_000;
const GLOBAL_PER_SECOND = 50;
const RUNS = Number(process.env.BENCH_ROUNDS ?? 3);
const TARGET_RATIO = 1.15;

interface Run extends FanOutRun {
  concurrency: number;
}

async function runOnce(): Promise<Run> {
  const fake = await FakeDiscord.start({
    keepRequests: false,
    globalLimitPerSecond: GLOBAL_PER_SECOND,
  });
  const channelIds = Array.from({ length: CHANNELS }, () => snowflake());
  const dir = mkdtempSync(join(tmpdir(), 'sakura-discord-digest-bench-'));
  const config = parseConfig({
    ...fake.env(),
    DATABASE_PATH: join(dir, 'digests.db'),
    DISCORD_DIGEST_CHANNELS: channelIds.join(','),
    // The operator's schedule may be every minute; the subscriptions below date from two
    // minutes ago, so the current minute is a slot due now.
    DIGEST_CRON: '* * * * *',
  });
  const logger = pino({ level: 'warn' }, pino.destination({ fd: 2, sync: true }));
  const catalog = loadStories(DEFAULT_STORIES_DIR);
  const story = catalog.defaultStory;
  const twoMinutesAgo: Clock = {
    now: () => new Date(Date.now() - 2 * MINUTE_MS),
    sleep: systemClock.sleep,
  };
  const digests = await Digests.open(config, story, logger, twoMinutesAgo);
  const discord = await startDiscord({
    catalog,
    commands,
    config,
    logger,
    digests: digests.admin,
  });
  const poster = discord.poster;
  if (!poster) throw new Error('startDiscord returned no digest poster');
  const scheduler = digests.scheduler([poster], { clock: systemClock, logger });
  try {
    // Let start-up's own requests (gateway, registration) leave the global window, as they have
    // long before a real slot comes round.
    await delay(1_500);
    const start = performance.now();
    const reports = await scheduler.tick(new Date());
    const seconds = (performance.now() - start) / 1000;
    const perChannel = channelIds.map((channel) => fake.channels.messages(channel).length);
    return {
      seconds,
      sent: reports.reduce((sum, r) => sum + r.sent, 0),
      ...deliveryCounts(perChannel),
      rateLimited: fake.globalLimited,
      requests: fake.channels.stats.posts,
      // The scheduler holds fewer than the poster allows where the limit is shared (ADR-008).
      concurrency: Math.min(poster.concurrency, SHARED_LIMITS.discord?.inFlight ?? Infinity),
    };
  } finally {
    await scheduler.stop();
    await discord.stop();
    digests.close();
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const bound = CHANNELS / GLOBAL_PER_SECOND;
  const runs: Run[] = [];
  for (let i = 0; i < RUNS; i += 1) runs.push(await runOnce());
  const lines = [
    '## Discord digest fan-out',
    '',
    `One slot to ${CHANNELS.toLocaleString('en')} channels through the adapter's poster and the ` +
      `scheduler (${runs[0]?.concurrency ?? '?'} sends in flight, paced at ${SHARED_LIMITS.discord?.rate.perSecond}/s by the ` +
      `store's shared budget, then discord.js's REST queue), ` +
      `against the fake Discord enforcing ${GLOBAL_PER_SECOND} requests per second overall ` +
      `(global 429 + Retry-After beyond). Node ${process.version}, ${cpus().length} CPUs.`,
    '',
    ...fanOutTable(runs, bound, TARGET_RATIO),
  ];
  process.stdout.write(`${lines.join('\n')}\n\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `discord digest bench failed: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
