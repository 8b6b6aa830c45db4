/**
 * Replica fan-out benchmark, the full scale: three built bots (`node dist/src/main.js`)
 * on one PostgreSQL, 1,000 Discord and 200 Slack channels with one slot due, against the fake
 * Discord enforcing 50 requests per second per bot token (global 429s beyond) and the fake
 * Slack enforcing 50 chat.postMessage per rolling second in the workspace; one replica is SIGKILLed once 40 % of the Discord channels have their digest. Compared
 * in the same run with a bare discord.js REST client posting the same 1,000 messages from one
 * process (discord.js's own 50/s queue). PostgreSQL: DATABASE_URL_TEST, else 127.0.0.1:5432,
 * else an embedded one. Run with `npm run build && node dist/bench/replicas.js`.
 */

import { cpus } from 'node:os';
import { REST, Routes } from 'discord.js';
import { FakeDiscord } from '../test/support/fake-discord/fake-discord.js';
import { snowflake } from '../test/support/fake-discord/snowflake.js';
import { startTestPostgres } from '../test/support/postgres.js';
import { runReplicaFleet } from '../test/support/replica-fleet.js';
import { deliveryCounts } from './fan-out-report.js';
import { fleetTimeline } from './fleet-timeline.js';

const DISCORD_CHANNELS = 1_000;
const SLACK_CHANNELS = 200;
const GLOBAL_PER_SECOND = 50;
const TARGET_RATIO = 1.15;
const RUNS = Number(process.env.BENCH_ROUNDS ?? 2);

/** The bare library: one discord.js REST client posting to every channel, no store at all. */
async function bareDiscordJs(): Promise<{ seconds: number; rateLimited: number }> {
  const fake = await FakeDiscord.start({
    keepRequests: false,
    globalLimitPerSecond: GLOBAL_PER_SECOND,
  });
  try {
    const env = fake.env();
    const rest = new REST({ api: env.DISCORD_API_URL }).setToken(env.DISCORD_TOKEN ?? '');
    const channels = Array.from({ length: DISCORD_CHANNELS }, () => snowflake());
    const start = performance.now();
    await Promise.all(
      channels.map((channel) =>
        rest.post(Routes.channelMessages(channel), { body: { content: 'digest' } }),
      ),
    );
    return { seconds: (performance.now() - start) / 1000, rateLimited: fake.globalLimited };
  } finally {
    await fake.close();
  }
}

async function main(): Promise<void> {
  const server = await startTestPostgres();
  const bound = DISCORD_CHANNELS / GLOBAL_PER_SECOND;
  const rows: string[] = [];
  try {
    for (let i = 0; i < RUNS; i += 1) {
      const fleet = await runReplicaFleet({
        postgresUrl: server.url,
        replicas: 3,
        discordChannels: DISCORD_CHANNELS,
        slackChannels: SLACK_CHANNELS,
        killAtShare: 0.4,
        due: 'next-minute',
        globalLimitPerSecond: GLOBAL_PER_SECOND,
        timeoutMs: 180_000,
        // The timeline counts missed turns and discord.js's waits, logged at debug.
        ...(process.env.BENCH_TIMELINE === '1' ? { logLevel: 'debug' } : {}),
      });
      if (process.env.BENCH_TIMELINE === '1') {
        process.stderr.write(`run ${i + 1}:\n${fleetTimeline(fleet).join('\n')}\n`);
      }
      const discord = deliveryCounts(fleet.discordPostsPerChannel);
      const slack = deliveryCounts(fleet.slackPostsPerChannel);
      const ratio = fleet.discordSeconds / bound;
      const share429 = fleet.discord429s / Math.max(1, fleet.discordPosts);
      const slackShare429 = fleet.slack429s / Math.max(1, fleet.slackPosts);
      const met =
        ratio <= TARGET_RATIO &&
        share429 < 0.01 &&
        slackShare429 < 0.01 &&
        discord.duplicates + discord.drops + slack.duplicates + slack.drops === 0;
      rows.push(
        `| 3 replicas, 1 killed (run ${i + 1}) | ${fleet.discordSeconds.toFixed(2)} | ${ratio.toFixed(2)}x | ${met ? 'yes' : 'NO'} | ${discord.duplicates} / ${discord.drops} | ${slack.duplicates} / ${slack.drops} | ${fleet.discord429s} of ${fleet.discordPosts} | ${fleet.slack429s} of ${fleet.slackPosts} | ${fleet.killedHadPosted ? 'yes' : 'no'} |`,
      );
    }
    const bare = await bareDiscordJs();
    rows.push(
      `| bare discord.js REST, 1 process, no store | ${bare.seconds.toFixed(2)} | ${(bare.seconds / bound).toFixed(2)}x | – | – | – | ${bare.rateLimited} | – | – |`,
    );
  } finally {
    await server.stop();
  }
  const lines = [
    '## Three replicas on one PostgreSQL',
    '',
    `${DISCORD_CHANNELS.toLocaleString('en')} Discord + ${SLACK_CHANNELS} Slack channels, one slot, ` +
      `three \`node dist/src/main.js\` on one PostgreSQL (${server.source}), one SIGKILLed at 40 % ` +
      `of the Discord posts; the fake Discord enforces ${GLOBAL_PER_SECOND} requests/s per token, ` +
      `the fake Slack ${GLOBAL_PER_SECOND} posts per rolling second in the workspace. ` +
      `Discord time is first to last digest arriving; bound ${bound} s, target ≤ ${TARGET_RATIO}x, ` +
      `429s < 1 % on each platform. Node ${process.version}, ${cpus().length} CPUs.`,
    '',
    '| run | Discord fan-out (s) | ratio to bound | met | Discord dup / drop | Slack dup / drop | Discord global 429s of posts | Slack 429s of posts | killed replica had posted |',
    '| --- | ---: | ---: | --- | --- | --- | --- | --- | --- |',
    ...rows,
  ];
  process.stdout.write(`${lines.join('\n')}\n\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `replica bench failed: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
