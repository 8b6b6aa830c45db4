/**
 * Slack adapter benchmark: the real adapter against a bare Bolt app whose handler only acks,
 * side by side in one run, each in its own process. Signed `/sakura stocks` requests over
 * loopback: ack latency for 1,000 sequential requests, throughput from 20 concurrent clients
 * for a few seconds, and resident memory idle and after the load. The adapter runs twice: as
 * shipped, and with its reply cache off, so the table also shows the uncached cost.
 * Run with `npm run bench` (it builds first), or `node --expose-gc dist/bench/slack.js`.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { startFakeWebApi } from '../test/support/fake-slack/fake-web-api.js';
import type { AppKind, FromChild, ToChild } from './slack-app.js';
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
const KINDS: AppKind[] = ['bare', 'sakura', 'uncached'];
/** Each app runs twice per measurement, mirrored, so none always goes first or last. */
const ORDER: AppKind[] = [...KINDS, ...[...KINDS].reverse()];

interface Child {
  kind: AppKind;
  process: ChildProcess;
  port: number;
}

type PerKind<T> = Record<AppKind, T>;

function perKind<T>(make: (kind: AppKind) => T): PerKind<T> {
  return { bare: make('bare'), sakura: make('sakura'), uncached: make('uncached') };
}

function startChild(kind: AppKind, apiUrl: string): Promise<Child> {
  const script = fileURLToPath(new URL('./slack-app.js', import.meta.url));
  const child = fork(script, [kind], {
    execArgv: ['--expose-gc'],
    env: {
      PATH: process.env.PATH,
      SLACK_BOT_TOKEN: TOKEN,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: apiUrl,
      PORT: '0',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${kind} app did not start`)),
      READY_TIMEOUT_MS,
    );
    child.once('exit', (code) => reject(new Error(`${kind} app exited with ${code}`)));
    child.on('message', (message: FromChild) => {
      if ('ready' in message) {
        clearTimeout(timer);
        resolve({ kind, process: child, port: message.port });
      }
    });
  });
}

function rss(child: Child): Promise<number> {
  return new Promise((resolve) => {
    const onMessage = (reply: FromChild) => {
      if ('rss' in reply) {
        child.process.off('message', onMessage);
        resolve(reply.rss);
      }
    };
    child.process.on('message', onMessage);
    child.process.send('rss' satisfies ToChild);
  });
}

async function stopChild(child: Child): Promise<void> {
  if (child.process.exitCode !== null) return;
  const exited = new Promise((resolve) => child.process.once('exit', resolve));
  child.process.send('stop' satisfies ToChild);
  await exited;
}

/** Every app must really answer: sakura-bot with the figures, the bare app with an empty 200. */
const checks: PerKind<(o: Outcome) => boolean> = {
  sakura: (o) => o.status === 200 && o.body.includes('+20.2%'),
  uncached: (o) => o.status === 200 && o.body.includes('+20.2%'),
  bare: (o) => o.status === 200,
};

interface Results {
  idle: PerKind<number>;
  loaded: PerKind<number>;
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
  for (const kind of KINDS) idle[kind] = await rss(children[kind]);
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
  const loaded = perKind(() => 0);
  for (const kind of KINDS) loaded[kind] = await rss(children[kind]);
  return {
    idle,
    loaded,
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
    ['RSS idle (MiB)', r.idle, '≤ 1.2x', (x) => x <= 1.2, mib],
    ['RSS after load (MiB)', r.loaded, '≤ 1.2x', (x) => x <= 1.2, mib],
  ];
  return [
    '| metric | bare Bolt (ack only) | sakura-bot | ratio | target | met | sakura-bot, cache off | ratio |',
    '| --- | ---: | ---: | ---: | --- | --- | ---: | ---: |',
    ...rows.map(([name, v, goal, ok, show]) => {
      const ratio = v.sakura / v.bare;
      const uncached = v.uncached / v.bare;
      return `| ${name} | ${show(v.bare)} | ${show(v.sakura)} | ${ratio.toFixed(2)}x | ${goal} | ${ok(ratio) ? 'yes' : 'NO'} | ${show(v.uncached)} | ${uncached.toFixed(2)}x |`;
    }),
  ];
}

async function main(): Promise<void> {
  const api = await startFakeWebApi();
  const started: Child[] = [];
  try {
    for (const kind of KINDS) started.push(await startChild(kind, api.url));
    const [bare, sakura, uncached] = started as [Child, Child, Child];
    const results = await measure({ bare, sakura, uncached });
    const lines = [
      '## Slack adapter',
      '',
      `Signed \`/sakura stocks\` over loopback; per app ${SEQUENTIAL} sequential requests for latency ` +
        `and ${CLIENTS} concurrent clients for ${SECONDS_PER_HALF * 2} s for throughput, in mirrored ` +
        `halves; each app in its own process. Node ${process.version}, ${cpus().length} CPUs.`,
      '',
      ...table(results),
      '',
      `Failed requests: ${KINDS.map((k) => `${k} ${results.failures[k]}`).join(', ')} ` +
        `(concurrent requests completed: ${KINDS.map((k) => `${k} ${results.completed[k]}`).join(', ')}).`,
    ];
    process.stdout.write(`${lines.join('\n')}\n\n`);
  } finally {
    await Promise.all(started.map(stopChild));
    await api.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `slack bench failed: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
