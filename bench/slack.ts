/**
 * Slack adapter benchmark: the shipped program (`node dist/src/main.js` with `npm start`'s Node
 * options, started by startBuiltBot, in Slack's HTTP mode, its
 * real configuration: bot token and signing secret, SQLite digests, HTTP server, charts) against
 * a bare Bolt app whose handler only acks, side by side in one run, each in its own process.
 * Signed `/sakura stocks` requests over loopback: ack latency for 1,000 sequential requests,
 * throughput from 20 concurrent clients for a few seconds. Memory is read from outside,
 * /proc/<pid>/status: resident when idle and after the load, and the peak (VmHWM) over the whole
 * run, start-up included. Run with `npm run bench` (it builds first), or
 * `node dist/bench/slack.js` after `npm run build`.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanEnv, startBuiltBot, startedPort } from '../test/support/built-bot.js';
import { startFakeWebApi } from '../test/support/fake-slack/fake-web-api.js';
import { peakRss, processRss } from './process-rss.js';
import { concurrent, type Outcome, sequential, type Target } from './slack-load.js';
import { fmt, mib, summarize } from './stats.js';

const SECRET = 'bench-signing-secret-0123456789';
const TOKEN = 'xoxb-bench-0000-0000-fake';
const WARMUP = 300;
const SEQUENTIAL = 1_000;
const CLIENTS = 20;
const SECONDS_PER_HALF = 1.5;
const READY_TIMEOUT_MS = 15_000;
/** "Idle" means settled: start-up's last asynchronous work (the token check) is done. */
const IDLE_SETTLE_MS = 1_000;
type AppKind = 'bare' | 'sakura';
const KINDS: AppKind[] = ['bare', 'sakura'];
/** Each app runs twice per measurement, mirrored, so none always goes first or last. */
const ORDER: AppKind[] = [...KINDS, ...[...KINDS].reverse()];

interface Child {
  kind: AppKind;
  pid: number;
  port: number;
  stop(): Promise<void>;
}

type PerKind<T> = Record<AppKind, T>;

function perKind<T>(make: (kind: AppKind) => T): PerKind<T> {
  return { bare: make('bare'), sakura: make('sakura') };
}

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what}: nothing within ${READY_TIMEOUT_MS} ms`)),
      READY_TIMEOUT_MS,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const SLACK_ENV = (apiUrl: string) => ({
  SLACK_BOT_TOKEN: TOKEN,
  SLACK_SIGNING_SECRET: SECRET,
  SLACK_API_URL: apiUrl,
  PORT: '0',
});

async function startBare(apiUrl: string): Promise<Child> {
  const script = fileURLToPath(new URL('./slack-bare.js', import.meta.url));
  const child: ChildProcess = fork(script, [], {
    env: cleanEnv(SLACK_ENV(apiUrl)),
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const [message] = (await withTimeout(once(child, 'message'), 'bare Bolt app')) as [
    { port: number },
  ];
  return {
    kind: 'bare',
    pid: child.pid ?? 0,
    port: message.port,
    stop: async () => {
      const exited = once(child, 'exit');
      child.disconnect();
      await withTimeout(exited, 'bare Bolt app stop');
    },
  };
}

/** `npm start` as an operator runs it for Slack's HTTP mode. */
async function startSakura(apiUrl: string, dir: string): Promise<Child> {
  const run = startBuiltBot({
    cwd: dir,
    env: { ...SLACK_ENV(apiUrl), DATABASE_PATH: join(dir, 'digests.db'), LOG_LEVEL: 'info' },
  });
  const port = await startedPort(run);
  return {
    kind: 'sakura',
    pid: run.child.pid ?? 0,
    port,
    stop: async () => {
      run.child.kill('SIGTERM');
      const { code } = await run.exit;
      if (code !== 0) throw new Error(`sakura-bot exited with ${code}:\n${run.stderr()}`);
    },
  };
}

/** Every app must really answer: sakura-bot with the figures, the bare app with an empty 200. */
const checks: PerKind<(o: Outcome) => boolean> = {
  sakura: (o) => o.status === 200 && o.body.includes('+20.2%'),
  bare: (o) => o.status === 200,
};

interface Results {
  idle: PerKind<number>;
  loaded: PerKind<number>;
  peak: PerKind<number>;
  latency: PerKind<{ p50: number; p99: number }>;
  rps: PerKind<number>;
  completed: PerKind<number>;
  failures: PerKind<number>;
}

async function measure(children: PerKind<Child>): Promise<Results> {
  const target = (kind: AppKind): Target => ({
    port: children[kind].port,
    secret: SECRET,
    text: 'stocks',
  });
  await new Promise((resolve) => setTimeout(resolve, IDLE_SETTLE_MS));
  const idle = perKind(() => 0);
  // One at a time, so no app's start-up or measurement disturbs another's.
  for (const kind of KINDS) idle[kind] = processRss(children[kind].pid);
  for (const kind of KINDS) await sequential(target(kind), WARMUP, checks[kind]);

  const latencies = perKind<number[]>(() => []);
  const failures = perKind(() => 0);
  for (const kind of ORDER) {
    const run = await sequential(target(kind), SEQUENTIAL / 2, checks[kind]);
    latencies[kind].push(...run.latenciesMs);
    failures[kind] += run.failures;
  }
  const completed = perKind(() => 0);
  const seconds = perKind(() => 0);
  for (const kind of ORDER) {
    const run = await concurrent(target(kind), CLIENTS, SECONDS_PER_HALF, checks[kind]);
    completed[kind] += run.completed;
    seconds[kind] += run.seconds;
    failures[kind] += run.failures;
  }
  const loaded = perKind((kind) => processRss(children[kind].pid));
  const peak = perKind((kind) => peakRss(children[kind].pid));
  return {
    idle,
    loaded,
    peak,
    latency: perKind((kind) => summarize(latencies[kind])),
    rps: perKind((kind) => completed[kind] / seconds[kind]),
    completed,
    failures,
  };
}

function table(r: Results): string[] {
  const rows: [
    string,
    PerKind<number>,
    string,
    (ratio: number) => boolean,
    (v: number) => string,
  ][] = [
    ['ack latency p50 (ms)', perKind((k) => r.latency[k].p50), '—', () => true, (v) => fmt(v, 3)],
    [
      'ack latency p99 (ms)',
      perKind((k) => r.latency[k].p99),
      '≤ 1.25x',
      (x) => x <= 1.25,
      (v) => fmt(v, 3),
    ],
    [
      `throughput (req/s, ${CLIENTS} clients)`,
      r.rps,
      '≥ 0.8x',
      (x) => x >= 0.8,
      (v) => v.toFixed(0),
    ],
    ['RSS idle (MiB)', r.idle, '—', () => true, mib],
    ['RSS after load (MiB)', r.loaded, '—', () => true, mib],
    ['peak RSS, start-up and load (MiB)', r.peak, '≤ 1.2x', (x) => x <= 1.2, mib],
  ];
  return [
    '| metric | bare Bolt (ack only) | sakura-bot | ratio | target | met |',
    '| --- | ---: | ---: | ---: | --- | --- |',
    ...rows.map(([name, v, goal, ok, show]) => {
      const ratio = v.sakura / v.bare;
      return `| ${name} | ${show(v.bare)} | ${show(v.sakura)} | ${ratio.toFixed(2)}x | ${goal} | ${ok(ratio) ? 'yes' : 'NO'} |`;
    }),
  ];
}

async function main(): Promise<void> {
  const api = await startFakeWebApi();
  const dir = mkdtempSync(join(tmpdir(), 'sakura-bench-slack-'));
  const started: Child[] = [];
  try {
    // One after the other, so neither start-up disturbs the other's.
    const bare = await startBare(api.url);
    started.push(bare);
    const sakura = await startSakura(api.url, dir);
    started.push(sakura);
    const results = await measure({ bare, sakura });
    const lines = [
      '## Slack adapter',
      '',
      `Signed \`/sakura stocks\` over loopback; per app ${SEQUENTIAL} sequential requests for latency ` +
        `and ${CLIENTS} concurrent clients for ${SECONDS_PER_HALF * 2} s for throughput, in mirrored ` +
        `halves; each app in its own process, memory from /proc/<pid>/status (no forced GC). Node ${process.version}, ${cpus().length} CPUs.`,
      '',
      ...table(results),
      '',
      `Failed requests: ${KINDS.map((k) => `${k} ${results.failures[k]}`).join(', ')} ` +
        `(concurrent requests completed: ${KINDS.map((k) => `${k} ${results.completed[k]}`).join(', ')}).`,
    ];
    process.stdout.write(`${lines.join('\n')}\n\n`);
  } finally {
    await Promise.all(started.map((child) => child.stop()));
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `slack bench failed: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
