import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../../src/schedule/clock.js';
import type { RetryPolicy } from '../../src/schedule/delivery.js';
import type { DigestScheduler } from '../../src/schedule/scheduler.js';
import type { FakeWebApi } from '../support/fake-slack/fake-web-api.js';
import type { ReplyJson } from './block-kit-check.js';
import { type HarnessOptions, type SlackHarness, startHarness } from './harness.js';

/** Monday 6 April 2026, 09:00 in Tokyo: a `daily` slot. */
export const T0 = new Date('2026-04-06T00:00:00Z');
export const minutes = (n: number) => n * 60_000;
export const at = (offsetMs: number) => new Date(T0.getTime() + offsetMs);

/**
 * The scheduler's time, under the test's control: `sleep` (retry backoff) moves the time on and
 * returns at once, so no test waits for real seconds of backoff. A killed clock never wakes a
 * sleeper again, which freezes whatever a "killed" process still had in progress.
 */
export class FakeClock implements Clock {
  #t: number;
  #dead = false;

  constructor(start: Date) {
    this.#t = start.getTime();
  }

  now(): Date {
    return new Date(this.#t);
  }

  set(date: Date): void {
    this.#t = date.getTime();
  }

  sleep(ms: number): Promise<void> {
    if (this.#dead) return new Promise<void>(() => {});
    this.#t += ms;
    return new Promise((resolve) => setImmediate(resolve));
  }

  kill(): void {
    this.#dead = true;
  }
}

/** A temporary folder per test for DATABASE_PATH; `remove` once the databases are closed. */
export function tempDatabase(): { path: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'sakura-slack-digest-'));
  return {
    path: join(dir, 'digests.db'),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export interface BotProcess {
  h: SlackHarness;
  clock: FakeClock;
  scheduler: DigestScheduler;
}

export interface BotOptions {
  api: FakeWebApi;
  databasePath: string;
  clock: FakeClock;
  env?: Record<string, string>;
  slack?: HarnessOptions['slack'];
  retry?: RetryPolicy;
  leaseMs?: number;
}

/**
 * One bot "process": the real Slack adapter and Digests on the database file, and the
 * scheduler main would start, built here so the test calls `tick(now)` itself instead of
 * waiting for node-cron's real minutes.
 */
export async function startBot(options: BotOptions): Promise<BotProcess> {
  const h = await startHarness({
    api: options.api,
    digestClock: options.clock,
    env: { DATABASE_PATH: options.databasePath, ...options.env },
    slack: { digest: { timeoutMs: 2_000 }, ...options.slack },
  });
  const digests = h.digests;
  if (!digests) throw new Error('the harness opened no digests');
  const scheduler = digests.scheduler([h.running.poster], {
    clock: options.clock,
    logger: h.logger,
    ...(options.retry ? { retry: options.retry } : {}),
    ...(options.leaseMs ? { leaseMs: options.leaseMs } : {}),
  });
  // As main's startScheduler does: configured channels learn their workspace.
  await digests.learnWorkspaces([h.running.poster]);
  return { h, clock: options.clock, scheduler };
}

/** The reply to `/sakura <text>`: from the ack, or from response_url when the ack was empty. */
export async function reply(
  h: SlackHarness,
  text: string,
  user = 'U0ADMIN01',
  channel = 'C0DIGEST01',
): Promise<ReplyJson> {
  const result = await h.slash(text, { fields: { user_id: user, channel_id: channel } });
  if (result.status !== 200) throw new Error(`slash answered ${result.status}`);
  if (result.json) return result.json as ReplyJson;
  return (await h.responses.waitFor(result.responseUrl)).body as ReplyJson;
}

/** Messages per channel, for "exactly one each". */
export function postsPerChannel(api: FakeWebApi, channels: readonly string[]): number[] {
  return channels.map((channel) => api.messages.in(channel).length);
}
