/**
 * Discord adapter benchmark: the shipped program (`node dist/src/main.js` with `npm start`'s Node
 * options, gateway mode, its real configuration: token and application id, SQLite digests, HTTP
 * server, charts) against a bare discord.js client that replies a fixed string, side by side in
 * one run, each in its own process, both talking to the same fake Discord on 127.0.0.1. A round
 * trip is INTERACTION_CREATE written to the gateway socket -> the interaction callback received
 * over REST. Per round and bot: 1,000 sequential interactions (latency), then 1,000 with 32 in flight
 * (throughput). Memory is read from outside, /proc/<pid>/status: resident after the sequential
 * phase, and the peak (VmHWM) over the whole round, start-up included. Rounds alternate which
 * bot goes first. Run with `npm run bench` (it builds first), or `node dist/bench/discord.js`
 * after `npm run build`.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanEnv, START_FLAGS, startBuiltBot, startedPort } from '../test/support/built-bot.js';
import { FakeDiscord } from '../test/support/fake-discord/fake-discord.js';
import { request } from './discord-requests.js';
import { peakRss, processRss } from './process-rss.js';
import { percentile } from './stats.js';

type Bot = 'sakura-bot' | 'bare';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const WARMUP = 200;
const SEQUENTIAL = 1_000;
const CONCURRENT = 1_000;
const IN_FLIGHT = 32;
const TIMEOUT_MS = 20_000;

interface Running {
  pid: number;
  stop(): Promise<void>;
}

interface RoundResult {
  latencies: number[];
  throughput: number;
  rssAfterSequential: number;
  peak: number;
}

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what}: nothing within ${TIMEOUT_MS} ms`)),
      TIMEOUT_MS,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** One round trip: the time from writing INTERACTION_CREATE to the callback arriving. */
async function roundTrip(fake: FakeDiscord, n: number): Promise<number> {
  const sent = fake.interact(request(n));
  const callback = await withTimeout(sent.callback, `interaction ${n}`);
  return callback.at - sent.sentAt;
}

/** `npm start` as an operator runs it against Discord's gateway. */
async function startSakura(fake: FakeDiscord, dir: string): Promise<Running> {
  const run = startBuiltBot({
    cwd: dir,
    env: { ...fake.env(), DATABASE_PATH: join(dir, 'digests.db'), LOG_LEVEL: 'info' },
  });
  await startedPort(run);
  return {
    pid: run.child.pid ?? 0,
    stop: async () => {
      run.child.kill('SIGTERM');
      const { code } = await run.exit;
      if (code !== 0) throw new Error(`sakura-bot exited with ${code}:\n${run.stderr()}`);
    },
  };
}

async function startBare(fake: FakeDiscord): Promise<Running> {
  const script = fileURLToPath(new URL('./discord-bare.js', import.meta.url));
  const child: ChildProcess = fork(script, [], {
    env: cleanEnv(fake.env()),
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  await withTimeout(once(child, 'message'), 'bare client');
  return {
    pid: child.pid ?? 0,
    stop: async () => {
      child.send('stop');
      await withTimeout(once(child, 'exit'), 'bare client stop');
    },
  };
}

async function runRound(fake: FakeDiscord, bot: Bot, dir: string): Promise<RoundResult> {
  const running = bot === 'bare' ? await startBare(fake) : await startSakura(fake, dir);
  try {
    for (let i = 0; i < WARMUP; i += 1) await roundTrip(fake, i);
    const latencies: number[] = [];
    for (let i = 0; i < SEQUENTIAL; i += 1) latencies.push(await roundTrip(fake, i));
    const rssAfterSequential = processRss(running.pid);

    // A fixed window of interactions in flight: each answer lets the next one go.
    let next = 0;
    const started = performance.now();
    const worker = async () => {
      while (next < CONCURRENT) await roundTrip(fake, next++);
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    const throughput = CONCURRENT / ((performance.now() - started) / 1000);
    return { latencies, throughput, rssAfterSequential, peak: peakRss(running.pid) };
  } finally {
    await running.stop();
  }
}

const median = (values: readonly number[]) => percentile(values, 50);

interface Summary {
  p50: number;
  p99: number;
  throughput: number;
  rss: number;
  peak: number;
}

interface Target {
  op: '<=' | '>=';
  ratio: number;
}

/** One metric: each bot's figure, the ratio to the bare client, the target and verdict. */
function row(
  label: string,
  pick: (s: Summary) => number,
  bots: Record<Bot, Summary>,
  digits: number,
  target?: Target,
): string {
  const [ours, bare] = [pick(bots['sakura-bot']), pick(bots.bare)];
  const ratio = ours / bare;
  const met = target && (target.op === '<=' ? ratio <= target.ratio : ratio >= target.ratio);
  const goal = target ? `${target.op === '<=' ? '≤' : '≥'} ${target.ratio.toFixed(2)}x` : '';
  const verdict = target ? (met ? 'met' : '**missed**') : '';
  return `| ${label} | ${ours.toFixed(digits)} | ${bare.toFixed(digits)} | ${ratio.toFixed(2)}x | ${goal} | ${verdict} |`;
}

async function main(): Promise<void> {
  const fake = await FakeDiscord.start({ keepRequests: false });
  const dir = mkdtempSync(join(tmpdir(), 'sakura-bench-discord-'));
  const results: Record<Bot, RoundResult[]> = { 'sakura-bot': [], bare: [] };
  try {
    for (let round = 0; round < ROUNDS; round += 1) {
      // Mirrored each round, so no bot always runs first or last.
      const order: Bot[] = round % 2 === 0 ? ['bare', 'sakura-bot'] : ['sakura-bot', 'bare'];
      for (const bot of order) results[bot].push(await runRound(fake, bot, dir));
    }
  } finally {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }

  const pooled = (bot: Bot) => results[bot].flatMap((r) => r.latencies);
  const mib = (bytes: number) => bytes / 1024 / 1024;
  const summary = (bot: Bot): Summary => ({
    p50: percentile(pooled(bot), 50),
    p99: percentile(pooled(bot), 99),
    throughput: median(results[bot].map((r) => r.throughput)),
    rss: mib(median(results[bot].map((r) => r.rssAfterSequential))),
    peak: mib(median(results[bot].map((r) => r.peak))),
  });
  const bots = { 'sakura-bot': summary('sakura-bot'), bare: summary('bare') };
  const peaks = (bot: Bot) => results[bot].map((r) => mib(r.peak).toFixed(1)).join(', ');

  const lines = [
    `Shipped program (\`${['node', ...START_FLAGS, 'dist/src/main.js'].join(' ')}\`, as \`npm start\` runs it, gateway) vs bare discord.js, ${ROUNDS} rounds (mirrored order), Node ${process.version}, ${cpus().length} CPUs.`,
    `Round trip = INTERACTION_CREATE written -> interaction callback received, over 127.0.0.1, every subcommand in English and Japanese in turn, each ask a new question. Latency: ${SEQUENTIAL} sequential interactions per round after ${WARMUP} warm-up, pooled (${pooled('sakura-bot').length} per bot); throughput: ${CONCURRENT} per round with ${IN_FLIGHT} in flight (median of rounds); memory from /proc/<pid>/status of each bot's own process, no forced GC (median of rounds).`,
    '',
    '| metric | sakura-bot | bare discord.js | ratio | target | result |',
    '|---|---:|---:|---:|---|---|',
    row('round trip p50 (ms)', (s) => s.p50, bots, 3),
    row('round trip p99 (ms)', (s) => s.p99, bots, 3, { op: '<=', ratio: 1.2 }),
    row('throughput (interactions/s)', (s) => s.throughput, bots, 0, { op: '>=', ratio: 0.85 }),
    row(`RSS after ${WARMUP + SEQUENTIAL} interactions (MiB)`, (s) => s.rss, bots, 1),
    row('peak RSS, start-up and load (MiB)', (s) => s.peak, bots, 1, { op: '<=', ratio: 1.15 }),
    '',
    `Peak RSS per round (MiB): sakura-bot ${peaks('sakura-bot')}; bare ${peaks('bare')}.`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`discord bench failed: ${error instanceof Error ? error.stack : error}\n`);
  process.exit(1);
});
