/**
 * Lock-contention benchmark (issue 8): the built program with both platforms on, while a second
 * process holds the digest database's write lock for 3 s. Before and during the lock,
 * `/sakura stocks` is sent every 20 ms on Discord and on Slack, whether or not the last one was
 * answered; during the lock an admin subscribes a channel on each platform, which must write and so waits
 * for the lock, then succeeds. The bot's event-loop delay comes from a preloaded probe.
 * In the same run, when BENCH_BASELINE_DIST names another build's dist folder (the release
 * before the fix, built from 77c66a3), that program does the same job for comparison.
 * Run with `npm run bench`, or `npm run build && node dist/bench/lock-contention.js`.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { BUILT_MAIN } from '../test/support/built-bot.js';
import { BothPlatforms, type Platform, type Reply } from './both-platforms.js';
import type { HolderMessage } from './lock-holder.js';
import { type LockedPlatform, type LockRun, lockTables } from './lock-report.js';
import { SAMPLING_MS } from './loop-delay-probe.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const BASELINE_DIST = process.env.BENCH_BASELINE_DIST;
const HOLD_MS = 3_000;
const QUIET_MS = 3_000;
const WARMUP = 100;
/** The subscribes go in once stocks traffic under the lock is flowing. */
const SUBSCRIBE_AFTER_MS = 250;
/** Each platform gets a `/sakura stocks` this often, answered or not (50 a second). */
const INTERVAL_MS = 20;
/** No loop runs past this, whatever happens to the bot. */
const MAX_REQUESTS_PER_LOOP = 5_000;
const PLATFORMS: Platform[] = ['discord', 'slack'];

/**
 * Sends `/sakura stocks` on one platform every INTERVAL_MS until `running()` turns false, without
 * waiting for answers: a frozen bot then shows in every request sent while it is frozen, as it
 * would for users, not in the one request a closed loop would have in flight.
 */
async function keepAsking(bot: BothPlatforms, platform: Platform, running: () => boolean) {
  const replies: Promise<Reply>[] = [];
  while (running() && replies.length < MAX_REQUESTS_PER_LOOP) {
    const sentAt = performance.now();
    // Caught at once: a request that fails counts as a wrong answer, and must not sit unhandled
    // until the loop ends.
    replies.push(
      bot.stocks(platform).catch((error: unknown) => ({
        sentAt,
        ms: performance.now() - sentAt,
        ok: false,
        error: String(error),
      })),
    );
    await delay(INTERVAL_MS);
  }
  return Promise.all(replies);
}

function startHolder(databasePath: string): ChildProcess {
  const script = fileURLToPath(new URL('./lock-holder.js', import.meta.url));
  return fork(script, [databasePath, String(HOLD_MS)], {
    env: { PATH: process.env.PATH },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

/** The holder's next message of `kind`, bounded. */
async function holderSays(holder: ChildProcess, kind: 'ready' | 'locked' | 'released') {
  const signal = AbortSignal.timeout(HOLD_MS + 10_000);
  while (true) {
    const [message] = (await once(holder, 'message', { signal })) as [HolderMessage];
    if (kind in message) return performance.now();
  }
}

/**
 * The lock phase: stocks loops on both platforms, the holder takes the lock, the subscribes go
 * in, and the loops stop once the lock is released and both subscribes have answered. Only
 * stocks sent while the lock was held count.
 */
async function underLock(bot: BothPlatforms) {
  const holder = startHolder(bot.databasePath);
  let lockOver = false;
  let loops: Promise<Reply[]>[] = [];
  try {
    await holderSays(holder, 'ready');
    // The holder's own start-up competes for the CPU: it is over before the bot is measured.
    await bot.loopDelay();
    loops = PLATFORMS.map((p) => keepAsking(bot, p, () => !lockOver));
    holder.send('go');
    const lockedAt = await holderSays(holder, 'locked');
    const released = holderSays(holder, 'released');
    await delay(SUBSCRIBE_AFTER_MS);
    const subscribes = Promise.all(PLATFORMS.map((p) => bot.subscribe(p)));
    const releasedAt = await released;
    const subscribed = await subscribes;
    lockOver = true;
    const replies = await Promise.all(loops);
    const during = (r: Reply) => r.sentAt >= lockedAt && r.sentAt <= releasedAt;
    const platforms = subscribed.map(
      (subscribe, i): LockedPlatform => ({
        underLock: (replies[i] ?? []).filter(during),
        subscribe,
        subscribeAfterRelease: subscribe.sentAt + subscribe.ms - releasedAt,
      }),
    );
    return { lockedAt, releasedAt, platforms, loop: await bot.loopDelay() };
  } finally {
    lockOver = true;
    if (holder.exitCode === null) holder.kill('SIGKILL');
    await Promise.allSettled(loops);
  }
}

async function runOnce(round: number, program: string, main: string): Promise<LockRun> {
  const bot = await BothPlatforms.start();
  try {
    await bot.startBot(main);
    for (const platform of PLATFORMS) {
      for (let i = 0; i < WARMUP; i += 1) await bot.stocks(platform);
    }

    await bot.loopDelay();
    const quietUntil = performance.now() + QUIET_MS;
    const quiet = await Promise.all(
      PLATFORMS.map((p) => keepAsking(bot, p, () => performance.now() < quietUntil)),
    );
    const quietLoop = await bot.loopDelay();

    const lock = await underLock(bot);

    return {
      round,
      program,
      platforms: PLATFORMS.map((platform, i) => ({
        platform,
        quiet: quiet[i] ?? [],
        ...(lock.platforms[i] as LockedPlatform),
      })),
      quietLoop,
      lockLoop: lock.loop,
    };
  } finally {
    await bot.close();
  }
}

async function main(): Promise<void> {
  const programs: [string, string][] = [['sakura-bot (this build)', BUILT_MAIN]];
  if (BASELINE_DIST) programs.push(['before the fix', join(BASELINE_DIST, 'src', 'main.js')]);
  const runs: LockRun[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    // Mirrored each round, so neither program always goes first.
    const order = round % 2 === 0 ? programs : [...programs].reverse();
    for (const [program, main] of order) runs.push(await runOnce(round + 1, program, main));
  }
  const lines = [
    '## Lock contention',
    '',
    `Both platforms in one \`node dist/src/main.js\` process; a second process holds the digest ` +
      `database's write lock (BEGIN IMMEDIATE) for ${HOLD_MS / 1000} s. \`/sakura stocks\` every ` +
      `${INTERVAL_MS} ms on Discord and on Slack, answered or not: ${QUIET_MS / 1000} s without the lock, then ` +
      `throughout the lock (requests sent while it was held); an admin's \`subscribe daily\` on ` +
      `each platform ${SUBSCRIBE_AFTER_MS} ms into the lock. Loop delay: the bot's ` +
      `monitorEventLoopDelay max (${SAMPLING_MS} ms sampling, so an idle loop reads about ` +
      `${SAMPLING_MS}). ${ROUNDS} rounds${BASELINE_DIST ? `, programs in mirrored order; "before the fix" is ${BASELINE_DIST}` : ''}. ` +
      `Node ${process.version}, ${cpus().length} CPUs.`,
    '',
    ...lockTables(runs),
  ];
  process.stdout.write(`${lines.join('\n')}\n\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `lock-contention bench failed: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
