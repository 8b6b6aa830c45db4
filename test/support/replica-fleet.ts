import { setTimeout as delay } from 'node:timers/promises';
import { PostgresStore } from '../../src/store/postgres/store.js';
import { type BotRun, startBuiltBot } from './built-bot.js';
import { FakeDiscord } from './fake-discord/fake-discord.js';
import { snowflake } from './fake-discord/snowflake.js';
import { BOT_TOKEN, SIGNING_SECRET } from './fake-slack/credentials.js';
import { type FakeWebApi, startFakeWebApi } from './fake-slack/fake-web-api.js';
import { createTestDatabase } from './postgres.js';

/**
 * N built bots (`node dist/src/main.js`, as `npm start` runs it) on one PostgreSQL, against the
 * fake Discord enforcing its global limit and the fake Slack enforcing its workspace limit (all
 * Slack channels are in one workspace, the bot token's). One slot is due for every channel
 * when they start; one replica is killed with SIGKILL once a share of the Discord posts arrived.
 * Used by the replica test (small) and `npm run bench` (the full scale).
 */
export interface FleetOptions {
  postgresUrl: string;
  replicas: number;
  discordChannels: number;
  slackChannels: number;
  /** SIGKILL replica 1 once this share of the Discord channels got their digest. */
  killAtShare: number;
  /**
   * `start-up`: the slot is due when the replicas start (each one's catch-up tick posts it, while
   * the others are still starting). `next-minute`: they start first, and the slot is the next
   * minute boundary at least 10 s later, as a real slot comes to a running fleet.
   */
  due: 'start-up' | 'next-minute';
  globalLimitPerSecond?: number;
  /** chat.postMessage per rolling second into the workspace, as the fake Slack enforces it (50). */
  slackWorkspacePerSecond?: number;
  /** Gives up waiting for every channel after this long. */
  timeoutMs?: number;
  /** The replicas' LOG_LEVEL (default info). */
  logLevel?: string;
}

export interface FleetResult {
  discordPostsPerChannel: number[];
  slackPostsPerChannel: number[];
  /** Global 429s the fake Discord answered. */
  discord429s: number;
  /** Posts that reached the fake Discord's channels (429s excluded). */
  discordPosts: number;
  /** Workspace (and per-channel) 429s the fake Slack answered to chat.postMessage. */
  slack429s: number;
  /** Digests that reached the fake Slack's channels (429s excluded). */
  slackPosts: number;
  /** First to last Discord digest arriving, in seconds. */
  discordSeconds: number;
  /** Whether the killed replica had posted before it died (it was really mid fan-out). */
  killedHadPosted: boolean;
  exitCodes: (number | null)[];
  stderr: string[];
  /** What happened when (performance.now() in this process), for the bench's timeline. */
  timeline: FleetTimeline;
}

export interface FleetTimeline {
  /** The slot's minute boundary. */
  slotAt: number;
  /** Every Discord digest arriving, in order. */
  digestsAt: number[];
  /** Every request the global limit let through (digests, look-ups, start-up calls). */
  admittedAt: readonly number[];
  /** Every global 429. */
  limitedAt: readonly number[];
  /** When replica 1 was SIGKILLed, if it was. */
  killedAt: number | undefined;
}

const GUILD = '900000000000000001';
const TEAM = 'T0001';

export async function runReplicaFleet(options: FleetOptions): Promise<FleetResult> {
  const fake = await FakeDiscord.start({
    keepRequests: false,
    globalLimitPerSecond: options.globalLimitPerSecond ?? 50,
  });
  let slack: FakeWebApi | undefined;
  const database = await createTestDatabase(options.postgresUrl);
  const runs: BotRun[] = [];
  try {
    slack = await startFakeWebApi();
    slack.limits = {
      perChannelPerSecond: 1,
      perWorkspacePerSecond: options.slackWorkspacePerSecond ?? 50,
    };
    const discordChannels = Array.from({ length: options.discordChannels }, () => snowflake());
    const slackChannels = Array.from(
      { length: options.slackChannels },
      (_, i) => `C0REP${String(i).padStart(5, '0')}`,
    );
    // Subscribed five minutes ago to a daily UTC schedule at the slot: the slot is due (or
    // comes) once, and no other slot comes today.
    const subscribe = async (slot: Date) => {
      const cron = `${slot.getUTCMinutes()} ${slot.getUTCHours()} * * *`;
      const seed = await PostgresStore.open(database.url, 'fleet-seed');
      const subscribedAt = new Date(Date.now() - 5 * 60_000);
      for (const [platform, channels, workspaceId] of [
        ['discord', discordChannels, GUILD],
        ['slack', slackChannels, TEAM],
      ] as const) {
        for (const channelId of channels) {
          const input = { platform, workspaceId, channelId, cron, timezone: 'UTC' };
          await seed.subscriptions.upsert(
            { ...input, lang: 'en', createdBy: 'admin' },
            subscribedAt,
          );
        }
      }
      await seed.close();
    };
    const minuteOf = (ms: number) => new Date(Math.floor(ms / 60_000) * 60_000);
    let slot = minuteOf(Date.now());
    if (options.due === 'start-up') await subscribe(slot);

    const env = {
      ...fake.env(),
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.url,
      PORT: '0',
      LOG_LEVEL: options.logLevel ?? 'info',
      DATABASE_URL: database.url,
    };
    for (let i = 0; i < options.replicas; i += 1) runs.push(startBuiltBot({ env }));
    if (options.due === 'next-minute') {
      // Bounded: up to 30 s for all of them to start.
      for (let i = 0; i < 600; i += 1) {
        if (runs.every((run) => run.stderr().includes('"msg":"sakura-bot started"'))) break;
        await delay(50);
      }
      slot = minuteOf(Date.now() + 70_000);
      await subscribe(slot);
    }

    const discordCount = () =>
      discordChannels.filter((c) => fake.channels.messages(c).length > 0).length;
    const allPosted = () =>
      discordCount() === discordChannels.length &&
      slackChannels.every((c) => (slack?.messages.in(c).length ?? 0) > 0);
    const victim = runs[0];
    let killedHadPosted = false;
    let killedAt: number | undefined;
    const deadline = Date.now() + (options.timeoutMs ?? 120_000);
    // Bounded: polls every 20 ms until every channel has its digest or the deadline passes.
    while (Date.now() < deadline && !allPosted()) {
      if (
        victim &&
        victim.child.exitCode === null &&
        victim.child.signalCode === null &&
        discordCount() >= discordChannels.length * options.killAtShare
      ) {
        killedHadPosted = victim.stderr().includes('"msg":"digest sent"');
        victim.child.kill('SIGKILL');
        killedAt = performance.now();
      }
      await delay(20);
    }
    // A moment for any late duplicate to show before counting.
    await delay(1_000);
    const times = discordChannels
      .flatMap((c) => fake.channels.messages(c).map((m) => m.at))
      .sort((a, b) => a - b);
    const result = {
      discordPostsPerChannel: discordChannels.map((c) => fake.channels.messages(c).length),
      slackPostsPerChannel: slackChannels.map((c) => slack?.messages.in(c).length ?? 0),
      discord429s: fake.globalLimited,
      discordPosts: fake.channels.stats.posts,
      slack429s: slack.rateLimits.rejected,
      slackPosts: slackChannels.reduce((sum, c) => sum + (slack?.messages.in(c).length ?? 0), 0),
      discordSeconds: times.length ? (Math.max(...times) - Math.min(...times)) / 1000 : 0,
      killedHadPosted,
      timeline: {
        slotAt: slot.getTime() - performance.timeOrigin,
        digestsAt: times,
        ...fake.globalTimeline,
        killedAt,
      },
    };
    for (const run of runs) if (run.child.signalCode === null) run.child.kill('SIGTERM');
    const exits = await Promise.all(runs.map((run) => run.exit));
    return {
      ...result,
      exitCodes: exits.map((exit) => exit.code),
      stderr: runs.map((run) => run.stderr()),
    };
  } finally {
    for (const run of runs) if (run.child.exitCode === null) run.child.kill('SIGKILL');
    await slack?.close();
    await fake.close();
    await database.drop();
  }
}
