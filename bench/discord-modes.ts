/**
 * The shipped program in both Discord receive modes, each against a bare implementation of the
 * same mode, in one run, each in its own process, all talking to one fake Discord on 127.0.0.1:
 *
 * - HTTP interactions: `node dist/src/main.js` with DISCORD_PUBLIC_KEY (its real configuration)
 *   against a bare node:http endpoint that checks the signature and replies a fixed string. A
 *   round trip is a signed POST -> its response (the answer, type 4).
 * - Gateway: `node dist/src/main.js` without the key against a bare discord.js client replying
 *   a fixed string. A round trip is INTERACTION_CREATE written -> the callback received.
 *
 * Per round and target: warm-up, sequential interactions (latency), then a fixed number with a
 * window in flight (throughput); every subcommand in English and Japanese in turn. Rounds
 * alternate the order. Run with `npm run bench`, or `node dist/bench/discord-modes.js`.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { cleanEnv, startBuiltBot } from '../test/support/built-bot.js';
import { FakeDiscord } from '../test/support/fake-discord/fake-discord.js';
import { appKeys, postInteraction } from '../test/support/fake-discord/signed-requests.js';
import { request } from './discord-requests.js';
import { processRss } from './process-rss.js';
import { percentile } from './stats.js';

type Mode = 'http' | 'gateway';
type Impl = 'sakura-bot' | 'bare';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const WARMUP = 200;
const SEQUENTIAL = 500;
const CONCURRENT = 1_000;
const IN_FLIGHT = 32;
const TIMEOUT_MS = 20_000;

interface Running {
  pid: number;
  /** One round trip for interaction n; resolves with its milliseconds. */
  roundTrip(n: number): Promise<number>;
  stop(): Promise<void>;
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

const keys = appKeys();

async function untilStarted(run: ReturnType<typeof startBuiltBot>): Promise<void> {
  for (let i = 0; i < TIMEOUT_MS / 50; i += 1) {
    if (run.stderr().includes('"msg":"sakura-bot started"')) return;
    if (run.child.exitCode !== null) break;
    await delay(50);
  }
  throw new Error(`sakura-bot did not start:\n${run.stderr()}`);
}

async function startSakura(fake: FakeDiscord, mode: Mode, dir: string): Promise<Running> {
  const run = startBuiltBot({
    cwd: dir,
    env: {
      ...fake.env(),
      DATABASE_PATH: join(dir, `${mode}.db`),
      LOG_LEVEL: 'info',
      ...(mode === 'http' ? { DISCORD_PUBLIC_KEY: keys.publicKeyHex } : {}),
    },
  });
  await untilStarted(run);
  const line = run
    .stderr()
    .split('\n')
    .find((l) => l.includes('"msg":"sakura-bot started"'));
  const port = (JSON.parse(line ?? '{}') as { port: number }).port;
  const stop = async () => {
    run.child.kill('SIGTERM');
    const { code } = await run.exit;
    if (code !== 0) throw new Error(`sakura-bot exited with ${code}`);
  };
  return {
    pid: run.child.pid ?? 0,
    roundTrip: tripFor(fake, mode, `http://127.0.0.1:${port}`),
    stop,
  };
}

async function startBare(fake: FakeDiscord, mode: Mode): Promise<Running> {
  const script = mode === 'http' ? './discord-http-bare.js' : './discord-bare.js';
  const child: ChildProcess = fork(fileURLToPath(new URL(script, import.meta.url)), ['bare'], {
    env: cleanEnv({ ...fake.env(), DISCORD_PUBLIC_KEY: keys.publicKeyHex }),
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const [message] = (await withTimeout(once(child, 'message'), `bare ${mode}`)) as [
    { port?: number },
  ];
  const stop = async () => {
    if (mode === 'gateway') child.send('stop');
    else child.disconnect();
    await withTimeout(once(child, 'exit'), `bare ${mode} stop`);
  };
  const base = `http://127.0.0.1:${message.port ?? 0}`;
  return { pid: child.pid ?? 0, roundTrip: tripFor(fake, mode, base), stop };
}

function tripFor(fake: FakeDiscord, mode: Mode, base: string): Running['roundTrip'] {
  if (mode === 'gateway') {
    return async (n) => {
      const sent = fake.interact(request(n));
      const callback = await withTimeout(sent.callback, `interaction ${n}`);
      return callback.at - sent.sentAt;
    };
  }
  return async (n) => {
    const { payload, token } = fake.httpInteraction(request(n));
    const started = performance.now();
    const reply = await withTimeout(postInteraction(base, keys, payload), `interaction ${n}`);
    const type = reply.json?.type;
    if (reply.status !== 200 || (type !== 4 && type !== 5)) {
      throw new Error(`answer ${reply.status} type ${String(type)}`);
    }
    // An answer with a chart comes as a deferral and then an edit that carries the PNG (ADR
    // 010): the round trip ends when the edit arrives. The fake keeps requests for this, so an
    // edit that came before this line is found too.
    if (type === 5) {
      await fake.waitFor(
        (r) => r.method === 'PATCH' && r.path.includes(`/${token}/messages/@original`),
        TIMEOUT_MS,
      );
    }
    return performance.now() - started;
  };
}

interface RoundResult {
  latencies: number[];
  throughput: number;
  rss: number;
}

async function runRound(running: Running): Promise<RoundResult> {
  for (let i = 0; i < WARMUP; i += 1) await running.roundTrip(i);
  const latencies: number[] = [];
  for (let i = 0; i < SEQUENTIAL; i += 1) latencies.push(await running.roundTrip(i));
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < CONCURRENT) await running.roundTrip(next++);
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  const throughput = CONCURRENT / ((performance.now() - started) / 1000);
  return { latencies, throughput, rss: processRss(running.pid) };
}

async function main(): Promise<void> {
  // Requests are kept so an HTTP answer's deferred edit is found even when it arrives first.
  const fake = await FakeDiscord.start({ keepRequests: true });
  const dir = mkdtempSync(join(tmpdir(), 'sakura-bench-modes-'));
  const results = new Map<string, RoundResult[]>();
  const key = (mode: Mode, impl: Impl) => `${mode}/${impl}`;
  try {
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const mode of ['http', 'gateway'] as const) {
        const order: Impl[] = round % 2 === 0 ? ['bare', 'sakura-bot'] : ['sakura-bot', 'bare'];
        for (const impl of order) {
          const running =
            impl === 'bare' ? await startBare(fake, mode) : await startSakura(fake, mode, dir);
          try {
            const result = await runRound(running);
            results.set(key(mode, impl), [...(results.get(key(mode, impl)) ?? []), result]);
          } finally {
            await running.stop();
          }
        }
      }
    }
  } finally {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const summary = (mode: Mode, impl: Impl) => {
    const rounds = results.get(key(mode, impl)) ?? [];
    const pooled = rounds.flatMap((r) => r.latencies);
    return {
      p50: percentile(pooled, 50),
      p99: percentile(pooled, 99),
      throughput: percentile(
        rounds.map((r) => r.throughput),
        50,
      ),
      rss:
        percentile(
          rounds.map((r) => r.rss),
          50,
        ) /
        1024 /
        1024,
    };
  };
  const rows = (['http', 'gateway'] as const).flatMap((mode) => {
    const ours = summary(mode, 'sakura-bot');
    const bare = summary(mode, 'bare');
    const label = mode === 'http' ? 'HTTP interactions' : 'gateway';
    const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}x`;
    return [
      `| ${label} | p50 round trip (ms) | ${ours.p50.toFixed(3)} | ${bare.p50.toFixed(3)} | ${ratio(ours.p50, bare.p50)} |`,
      `| ${label} | p99 round trip (ms) | ${ours.p99.toFixed(3)} | ${bare.p99.toFixed(3)} | ${ratio(ours.p99, bare.p99)} |`,
      `| ${label} | throughput (interactions/s) | ${ours.throughput.toFixed(0)} | ${bare.throughput.toFixed(0)} | ${ratio(ours.throughput, bare.throughput)} |`,
      `| ${label} | RSS after the run (MiB) | ${ours.rss.toFixed(1)} | ${bare.rss.toFixed(1)} | ${ratio(ours.rss, bare.rss)} |`,
    ];
  });
  const lines = [
    `Discord receive modes: the shipped program vs a bare implementation of each mode, ${ROUNDS} rounds (alternating order), Node ${process.version}, ${cpus().length} CPUs.`,
    `Per round and target: ${WARMUP} warm-up, ${SEQUENTIAL} sequential (latency, pooled over rounds), ${CONCURRENT} with ${IN_FLIGHT} in flight (throughput, median of rounds); every subcommand in English and Japanese in turn, each ask a new question. The load generator signs every HTTP request itself, for both targets alike.`,
    '',
    '| mode | metric | sakura-bot (dist/src/main.js) | bare | ratio |',
    '|---|---|---:|---:|---:|',
    ...rows,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`modes bench failed: ${error instanceof Error ? error.stack : error}\n`);
  process.exit(1);
});
