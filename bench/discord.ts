/**
 * Discord adapter benchmark: sakura-bot's adapter against a bare discord.js client that replies
 * a fixed string, side by side in one run, each in its own process, both talking to the same
 * fake Discord on 127.0.0.1. A round trip is INTERACTION_CREATE written to the gateway socket ->
 * the interaction callback received over REST. Per round and bot: 1,000 sequential interactions
 * (latency), then 1,000 with 32 in flight (throughput), resident memory after each phase.
 * Rounds alternate which bot goes first. Run with `npm run bench` (it builds first), or
 * `node --expose-gc dist/bench/discord.js` after `npm run build`.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { FakeDiscord } from '../test/support/fake-discord/fake-discord.js';
import type { ChildMessage } from './discord-child.js';
import { request } from './discord-requests.js';
import { percentile } from './stats.js';

type Bot = 'ours' | 'uncached' | 'bare';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const WARMUP = 200;
const SEQUENTIAL = 1_000;
const CONCURRENT = 1_000;
const IN_FLIGHT = 32;
const CALLBACK_TIMEOUT_MS = 10_000;
const READY_TIMEOUT_MS = 20_000;

interface RoundResult {
  latencies: number[];
  throughput: number;
  rssAfterSequential: number;
  rssAfterConcurrent: number;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** One round trip: the time from writing INTERACTION_CREATE to the callback arriving. */
async function roundTrip(fake: FakeDiscord, n: number): Promise<number> {
  const sent = fake.interact(request(n));
  const callback = await withTimeout(sent.callback, CALLBACK_TIMEOUT_MS, `interaction ${n}`);
  return callback.at - sent.sentAt;
}

function nextMessage(child: ChildProcess, bot: Bot): Promise<ChildMessage> {
  return withTimeout(
    once(child, 'message').then(([message]) => message as ChildMessage),
    READY_TIMEOUT_MS,
    `${bot} bot`,
  );
}

async function rss(child: ChildProcess, bot: Bot): Promise<number> {
  child.send('rss');
  const message = await nextMessage(child, bot);
  if (!('rss' in message)) throw new Error(`${bot} bot sent ${JSON.stringify(message)}`);
  return message.rss;
}

async function runRound(fake: FakeDiscord, bot: Bot): Promise<RoundResult> {
  const script = fileURLToPath(new URL('./discord-child.js', import.meta.url));
  let stderr = '';
  const child = fork(script, [bot], {
    execArgv: ['--expose-gc'],
    env: { PATH: process.env.PATH, ...fake.env() },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  try {
    const ready = await nextMessage(child, bot);
    if (!('ready' in ready)) throw new Error(`${bot} bot did not say ready`);

    for (let i = 0; i < WARMUP; i += 1) await roundTrip(fake, i);
    const latencies: number[] = [];
    for (let i = 0; i < SEQUENTIAL; i += 1) latencies.push(await roundTrip(fake, i));
    const rssAfterSequential = await rss(child, bot);

    // A fixed window of interactions in flight: each answer lets the next one go.
    let next = 0;
    const started = performance.now();
    const worker = async () => {
      while (next < CONCURRENT) await roundTrip(fake, next++);
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    const throughput = CONCURRENT / ((performance.now() - started) / 1000);
    const rssAfterConcurrent = await rss(child, bot);

    child.send('stop');
    const [code] = await withTimeout(once(child, 'exit'), READY_TIMEOUT_MS, `${bot} stop`);
    if (code !== 0) throw new Error(`${bot} bot exited with ${code}`);
    return { latencies, throughput, rssAfterSequential, rssAfterConcurrent };
  } catch (error) {
    child.kill('SIGKILL');
    process.stderr.write(stderr);
    throw error;
  }
}

const median = (values: readonly number[]) => percentile(values, 50);

interface Summary {
  p50: number;
  p99: number;
  throughput: number;
  rss: number;
  rssLoaded: number;
}

interface Target {
  op: '<=' | '>=';
  ratio: number;
}

/** One metric: each bot's figure, the two ratios to the bare client, the target and verdict. */
function row(
  label: string,
  pick: (s: Summary) => number,
  bots: Record<Bot, Summary>,
  digits: number,
  target?: Target,
): string {
  const [ours, uncached, bare] = [pick(bots.ours), pick(bots.uncached), pick(bots.bare)];
  const ratio = ours / bare;
  const met = target && (target.op === '<=' ? ratio <= target.ratio : ratio >= target.ratio);
  const goal = target ? `${target.op === '<=' ? '≤' : '≥'} ${target.ratio.toFixed(2)}x` : '';
  const verdict = target ? (met ? 'met' : '**missed**') : '';
  const cells = [ours, uncached, bare].map((v) => v.toFixed(digits));
  const ratios = `${ratio.toFixed(2)}x | ${(uncached / bare).toFixed(2)}x`;
  return `| ${label} | ${cells.join(' | ')} | ${ratios} | ${goal} | ${verdict} |`;
}

async function main(): Promise<void> {
  const fake = await FakeDiscord.start({ keepRequests: false });
  const results: Record<Bot, RoundResult[]> = { ours: [], uncached: [], bare: [] };
  try {
    for (let round = 0; round < ROUNDS; round += 1) {
      // Mirrored each round, so no bot always runs first or last.
      const order: Bot[] =
        round % 2 === 0 ? ['bare', 'ours', 'uncached'] : ['uncached', 'ours', 'bare'];
      for (const bot of order) results[bot].push(await runRound(fake, bot));
    }
  } finally {
    await fake.close();
  }

  const pooled = (bot: Bot) => results[bot].flatMap((r) => r.latencies);
  const summary = (bot: Bot): Summary => ({
    p50: percentile(pooled(bot), 50),
    p99: percentile(pooled(bot), 99),
    throughput: median(results[bot].map((r) => r.throughput)),
    rss: median(results[bot].map((r) => r.rssAfterSequential)) / 1024 / 1024,
    rssLoaded: median(results[bot].map((r) => r.rssAfterConcurrent)) / 1024 / 1024,
  });
  const bots = { ours: summary('ours'), uncached: summary('uncached'), bare: summary('bare') };

  const lines = [
    `Discord adapter vs bare discord.js, ${ROUNDS} rounds (mirrored order), Node ${process.version}, ${cpus().length} CPUs.`,
    `Round trip = INTERACTION_CREATE written -> interaction callback received, over 127.0.0.1, every subcommand in English and Japanese in turn, each ask a new question. Latency: ${SEQUENTIAL} sequential interactions per round after ${WARMUP} warm-up, pooled (${pooled('ours').length} per bot); throughput: ${CONCURRENT} per round with ${IN_FLIGHT} in flight (median of rounds); RSS after gc in each bot's own process (median of rounds). "uncached" is sakura-bot with its answer cache off; targets apply to sakura-bot as shipped.`,
    '',
    '| metric | sakura-bot | uncached | bare discord.js | ratio | uncached ratio | target | result |',
    '|---|---:|---:|---:|---:|---:|---|---|',
    row('round trip p50 (ms)', (s) => s.p50, bots, 3),
    row('round trip p99 (ms)', (s) => s.p99, bots, 3, { op: '<=', ratio: 1.2 }),
    row('throughput (interactions/s)', (s) => s.throughput, bots, 0, { op: '>=', ratio: 0.85 }),
    row(`RSS after ${WARMUP + SEQUENTIAL} interactions (MiB)`, (s) => s.rss, bots, 1, {
      op: '<=',
      ratio: 1.15,
    }),
    row(
      `RSS after ${WARMUP + SEQUENTIAL + CONCURRENT} interactions (MiB)`,
      (s) => s.rssLoaded,
      bots,
      1,
    ),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`discord bench failed: ${error instanceof Error ? error.stack : error}\n`);
  process.exit(1);
});
