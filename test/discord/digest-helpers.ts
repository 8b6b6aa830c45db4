import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { commands } from '../../commands/index.js';
import { type DiscordStartOptions, startDiscord } from '../../src/adapters/discord/start.js';
import type { BotServices, RunningPlatform } from '../../src/adapters/platform.js';
import { ChartImages } from '../../src/chart/index.js';
import { type Config, parseConfig } from '../../src/config.js';
import type { Story } from '../../src/core/index.js';
import type { Clock } from '../../src/schedule/clock.js';
import { Digests } from '../../src/schedule/digests.js';
import type { Poster } from '../../src/schedule/poster.js';
import type { DigestScheduler, TickReport } from '../../src/schedule/scheduler.js';
import type { FakeDiscord } from '../support/fake-discord/fake-discord.js';
import { MANAGER_PERMISSIONS } from '../support/fake-discord/fake-discord.js';
import { snowflake } from '../support/fake-discord/snowflake.js';
import { catalog, type LogLine, memoryLogger, story } from './helpers.js';

/**
 * A clock the test moves. `sleep` (the scheduler's retry backoff) passes at once and moves the
 * clock on by as much, as if the time had really passed: no test waits for real minutes.
 */
export class TestClock implements Clock {
  #now: number;

  constructor(start: Date) {
    this.#now = start.getTime();
  }

  now(): Date {
    return new Date(this.#now);
  }

  set(at: Date): void {
    this.#now = at.getTime();
  }

  advance(ms: number): void {
    this.#now += ms;
  }

  async sleep(ms: number): Promise<void> {
    this.#now += ms;
  }
}

/**
 * A test clock whose `sleep` really waits: for a test where the backoff must let real time pass,
 * because the far end (the fake's rate limit) counts real seconds.
 */
export class RealSleepClock extends TestClock {
  override async sleep(ms: number): Promise<void> {
    await delay(ms);
    this.advance(ms);
  }
}

/** A temporary folder for one test's DATABASE_PATH; `remove` when done. */
export function tempDatabase(): { path: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'sakura-digest-'));
  return {
    path: join(dir, 'digests.db'),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Channel ids as Discord makes them (17-19 digits, which discord.js's rate-limit keys expect). */
export function channelIds(count: number): string[] {
  return Array.from({ length: count }, () => snowflake());
}

export interface DigestBot {
  platform: RunningPlatform;
  poster: Poster;
  digests: Digests;
  scheduler: DigestScheduler;
  config: Config;
  logs: LogLine[];
  /** One scheduler tick at `at`, as node-cron would run it at that minute. */
  tick(at: Date): Promise<TickReport[]>;
  /** Stops the adapter and closes the database, the order main uses. */
  stop(): Promise<void>;
}

export interface DigestBotOptions {
  databasePath: string;
  clock: Clock;
  env?: Record<string, string>;
  start?: DiscordStartOptions;
  /** The story the bot serves, as if its data file had been edited (default the real one). */
  story?: Story;
  /** Scheduler settings other than main's (a short lease, say). */
  scheduler?: Parameters<Digests['scheduler']>[1];
}

/**
 * The bot as main wires it for Discord: the real Digests on DATABASE_PATH (configured channels
 * applied), `services.digests` for `/sakura-digest`, the real startDiscord, and a real
 * DigestScheduler with the adapter's poster; only the clock is the test's.
 */
export async function startDigestBot(
  fake: FakeDiscord,
  options: DigestBotOptions,
): Promise<DigestBot> {
  const logs: LogLine[] = [];
  const logger = memoryLogger(logs);
  const config = parseConfig({
    ...fake.env(),
    DATABASE_PATH: options.databasePath,
    ...options.env,
  });
  const digests = await Digests.open(config, options.story ?? story, logger, options.clock);
  // The services main.ts builds, minus HTTP: the duplicates tool pairs the two, by design.
  const services: BotServices = {
    catalog,
    commands,
    config,
    logger,
    digests: digests.admin,
    charts: new ChartImages(),
  };
  let platform: RunningPlatform;
  try {
    platform = await startDiscord(services, options.start);
  } catch (error) {
    digests.close();
    throw error;
  }
  const poster = platform.poster;
  if (!poster) throw new Error('startDiscord returned no digest poster');
  const scheduler = digests.scheduler([poster], options.scheduler);
  // As main's startScheduler does: configured channels learn their server.
  await digests.learnWorkspaces([poster]);
  return {
    platform,
    poster,
    digests,
    scheduler,
    config,
    logs,
    tick: (at) => scheduler.tick(at),
    async stop() {
      await platform.stop();
      digests.close();
    },
  };
}

/** `/sakura-digest <sub>` typed by a member who may manage the server, in `channelId`. */
export function manage(
  fake: FakeDiscord,
  sub: string,
  channelId: string,
  options: Record<string, string> = {},
  locale = 'en-US',
) {
  return fake.ask({
    command: 'sakura-digest',
    sub,
    options,
    channelId,
    locale,
    permissions: MANAGER_PERMISSIONS,
  });
}

/** Waits (bounded: 200 polls of 10 ms) until `condition` holds. */
export async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200; i += 1) {
    if (condition()) return;
    await delay(10);
  }
  throw new Error(`timed out waiting for ${what}`);
}
