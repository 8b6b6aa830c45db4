/**
 * A cached `/sakura stocks` on shipped programs (`node dist/src/main.js`), each in its own process:
 * on Discord (gateway: INTERACTION_CREATE written -> the interaction callback's body received,
 * multipart with the PNG) and on Slack (HTTP mode with PUBLIC_BASE_URL: the signed POST -> the
 * ack with the image block read).
 *
 * The programs compared run at the same time, each with its own fake, and take one request each
 * in turn (which goes first rotates): never two requests at once, and whatever else the shared
 * machine is doing at a moment falls on all of them alike, where measured one program after the
 * other a change of load between the two phases counted as a difference between the programs
 * (BENCHMARKS.md). Each round starts fresh processes.
 *
 * In the same turns, the bare libraries answer with the shipped program's own reply
 * (cached-stocks-bare.ts): discord.js posting today's body as JSON and this build's body with its
 * PNG as prebuilt multipart bytes, and Bolt acking this build's reply. What separates those two
 * Discord rows is the 30 KB itself; what separates a program from its bare row is ours.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type BotRun,
  cleanEnv,
  START_FLAGS,
  startBuiltBot,
  startedPort,
} from '../test/support/built-bot.js';
import { FakeDiscord } from '../test/support/fake-discord/fake-discord.js';
import { startFakeWebApi } from '../test/support/fake-slack/fake-web-api.js';
import { signedHeaders } from '../test/support/fake-slack/signing.js';
import { slashCommandBody } from '../test/support/fake-slack/slash-payload.js';
import { summarize } from './stats.js';

const SIGNING_SECRET = 'bench-signing-secret-0123456789';

export interface CachedStocksOptions {
  /** [name, entry point]; the first is the one compared with the others. */
  programs: readonly (readonly [string, string])[];
  rounds: number;
  warmup: number;
  /** Requests per program and round. */
  count: number;
}

/** One program, started and answering: one cached `stocks`, its latency in ms. */
interface Running {
  trip(): Promise<number>;
  stop(): Promise<void>;
}

/** A shipped program, which also shows what it last answered (for the bare libraries to send). */
interface Shipped extends Running {
  /** Discord: the callback's JSON and the PNG, if any; Slack: the ack's body. */
  lastReply(): { body: string; png?: { name: string; data: Buffer } };
}

const BARE_DISCORD = fileURLToPath(new URL('./cached-stocks-bare.js', import.meta.url));
const BARE_SLACK = fileURLToPath(new URL('./slack-bare.js', import.meta.url));

type Platform = 'discord' | 'slack';

async function stopBot(run: BotRun): Promise<void> {
  run.child.kill('SIGTERM');
  await run.exit;
}

async function startDiscord(main: string, dir: string): Promise<Shipped> {
  // Not keeping requests: 30 KB each would pile up in this process during one program's turns.
  const fake = await FakeDiscord.start({ keepRequests: false });
  const run = startBuiltBot({
    main,
    cwd: dir,
    env: { ...fake.env(), DATABASE_PATH: join(dir, 'd.db'), LOG_LEVEL: 'info' },
  });
  const stop = async () => {
    await stopBot(run);
    await fake.close();
  };
  try {
    await startedPort(run);
  } catch (error) {
    await stop();
    throw error;
  }
  let last: ReturnType<Shipped['lastReply']> = { body: '' };
  return {
    async trip() {
      const sent = fake.interact({ sub: 'stocks' });
      const callback = await sent.callback;
      const [file] = callback.files ?? [];
      last = { body: JSON.stringify(callback.body), ...(file ? { png: file } : {}) };
      return callback.at - sent.sentAt;
    },
    lastReply: () => last,
    stop,
  };
}

async function startSlack(main: string, dir: string): Promise<Shipped> {
  const api = await startFakeWebApi();
  const run = startBuiltBot({
    main,
    cwd: dir,
    env: {
      SLACK_BOT_TOKEN: 'xoxb-bench-0000-0000-fake',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: api.url,
      PUBLIC_BASE_URL: 'https://sakura.example.org',
      DATABASE_PATH: join(dir, 's.db'),
      LOG_LEVEL: 'info',
    },
  });
  const stop = async () => {
    await stopBot(run);
    await api.close();
  };
  let port: number;
  try {
    port = await startedPort(run);
  } catch (error) {
    await stop();
    throw error;
  }
  let last = '';
  return {
    async trip() {
      const start = performance.now();
      last = await slashStocks(port);
      return performance.now() - start;
    },
    lastReply: () => ({ body: last }),
    stop,
  };
}

/** One signed `/sakura stocks` to a Slack app on `port`: the ack's body. */
async function slashStocks(port: number): Promise<string> {
  const body = slashCommandBody({ text: 'stocks', response_url: 'http://127.0.0.1:9/x' });
  const res = await fetch(`http://127.0.0.1:${port}/slack/events`, {
    method: 'POST',
    headers: signedHeaders(SIGNING_SECRET, body),
    body,
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`slack answered ${res.status}`);
  return text;
}

type BareMode = 'discord-json' | 'discord-multipart' | 'slack';

/** A bare library in its own process, answering with `reply`; Discord's talks to its own fake. */
async function startBare(
  mode: BareMode,
  reply: ReturnType<Shipped['lastReply']>,
  dir: string,
): Promise<Running> {
  const bodyFile = join(dir, `${mode}.json`);
  writeFileSync(bodyFile, reply.body);
  const env: Record<string, string> = { BODY_FILE: bodyFile };
  if (reply.png) {
    env.PNG_FILE = join(dir, reply.png.name);
    env.PNG_NAME = reply.png.name;
    writeFileSync(env.PNG_FILE, reply.png.data);
  }
  const fake = mode === 'slack' ? undefined : await FakeDiscord.start({ keepRequests: false });
  const api = mode === 'slack' ? await startFakeWebApi() : undefined;
  if (fake) Object.assign(env, fake.env());
  if (api) {
    Object.assign(env, {
      SLACK_BOT_TOKEN: 'xoxb-bench-0000-0000-fake',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: api.url,
    });
  }
  const child: ChildProcess = fork(mode === 'slack' ? BARE_SLACK : BARE_DISCORD, [mode], {
    env: cleanEnv(env),
    execArgv: [...START_FLAGS],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = once(child, 'exit');
      child.disconnect();
      await exited;
    }
    await fake?.close();
    await api?.close();
  };
  const [ready] = (await Promise.race([
    once(child, 'message'),
    once(child, 'exit').then(() => [undefined]),
  ])) as [{ port?: number } | undefined];
  if (!ready) {
    await stop();
    throw new Error(`bare ${mode} did not start`);
  }
  return {
    async trip() {
      if (fake) {
        const sent = fake.interact({ sub: 'stocks' });
        return (await sent.callback).at - sent.sentAt;
      }
      const start = performance.now();
      await slashStocks(ready.port ?? 0);
      return performance.now() - start;
    },
    stop,
  };
}

/**
 * Every program warmed, then `count` requests each, one at a time, taking turns; the order
 * rotates each turn, so each program is first (and follows each other one) equally often. That
 * matters: a program still finishing its last request (the callback's response, metrics) when
 * its next one arrives is slower, so a fixed order would favour whichever never goes twice in a
 * row.
 */
async function interleaved(running: Running[], warmup: number, count: number): Promise<number[][]> {
  for (const program of running) for (let i = 0; i < warmup; i += 1) await program.trip();
  const samples = running.map((): number[] => []);
  for (let i = 0; i < count; i += 1) {
    for (let k = 0; k < running.length; k += 1) {
      const index = (i + k) % running.length;
      samples[index]?.push(await (running[index] as Running).trip());
    }
  }
  return samples;
}

/** The bare libraries a round runs, with the reply each sends: see the file's comment. */
function bareFor(platform: Platform, shipped: Shipped[]): [string, BareMode, Shipped][] {
  const [build, today] = shipped;
  if (!build) return [];
  if (platform === 'slack') return [["bare Bolt, acking this build's reply", 'slack', build]];
  return [
    ["bare discord.js, today's reply as JSON", 'discord-json', today ?? build],
    ["bare discord.js, this build's reply and PNG, prebuilt multipart", 'discord-multipart', build],
  ];
}

/** One round on one platform: every row's samples, in the order of `names`. */
async function round(
  platform: Platform,
  options: CachedStocksOptions,
  dir: string,
): Promise<{ names: string[]; samples: number[][] }> {
  const start = platform === 'discord' ? startDiscord : startSlack;
  const running: Running[] = [];
  try {
    const shipped: Shipped[] = [];
    for (const [index, [, main]] of options.programs.entries()) {
      const own = join(dir, `program-${index}`);
      mkdirSync(own);
      const program = await start(main, own);
      running.push(program);
      shipped.push(program);
      await program.trip();
    }
    const bare = bareFor(platform, shipped);
    for (const [, mode, from] of bare) running.push(await startBare(mode, from.lastReply(), dir));
    const names = [...options.programs.map(([name]) => name), ...bare.map(([name]) => name)];
    return { names, samples: await interleaved(running, options.warmup, options.count) };
  } finally {
    await Promise.all(running.map((program) => program.stop()));
  }
}

const ms = (value: number) => value.toFixed(2);
const percent = (ratio: number) => `${ratio >= 1 ? '+' : ''}${((ratio - 1) * 100).toFixed(0)} %`;

/** The section of the chart bench's report: p50 and p99 over all rounds, then every round's p50. */
export async function cachedStocks(options: CachedStocksOptions): Promise<string[]> {
  const results = new Map<Platform, { names: string[]; samples: number[][] }[]>([
    ['discord', []],
    ['slack', []],
  ]);
  for (let r = 0; r < options.rounds; r += 1) {
    for (const platform of ['discord', 'slack'] as const) {
      const dir = mkdtempSync(join(tmpdir(), 'sakura-stocks-bench-'));
      try {
        results.get(platform)?.push(await round(platform, options, dir));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  }
  const lines = [
    `### Cached \`stocks\` on \`node dist/src/main.js\` (ms; ${options.rounds} rounds × ${options.count} requests per program, the programs taking turns)`,
    '',
    '| program | platform | p50 | p99 |',
    '| --- | --- | ---: | ---: |',
  ];
  for (const platform of ['discord', 'slack'] as const) {
    const rounds = results.get(platform) ?? [];
    for (const [index, name] of (rounds[0]?.names ?? []).entries()) {
      const { p50, p99 } = summarize(rounds.flatMap((result) => result.samples[index] ?? []));
      lines.push(`| ${name} | ${platform} | ${ms(p50)} | ${ms(p99)} |`);
    }
  }
  lines.push(
    '',
    "p50 of each round, in the rows' order, and the first row against each other:",
    '',
  );
  for (const platform of ['discord', 'slack'] as const) {
    const text = (results.get(platform) ?? []).map(({ samples }) => {
      const [first, ...others] = samples.map((values) => summarize(values).p50);
      const ratios = others.map((other) => percent((first as number) / other));
      return `${[first as number, ...others].map(ms).join(' / ')} (${ratios.join(', ')})`;
    });
    lines.push(`- ${platform}: ${text.join('; ')}`);
  }
  return lines;
}
