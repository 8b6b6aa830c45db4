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
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { type BotRun, startBuiltBot } from '../test/support/built-bot.js';
import { FakeDiscord } from '../test/support/fake-discord/fake-discord.js';
import { startFakeWebApi } from '../test/support/fake-slack/fake-web-api.js';
import { signedHeaders } from '../test/support/fake-slack/signing.js';
import { slashCommandBody } from '../test/support/fake-slack/slash-payload.js';
import { summarize } from './stats.js';

const TIMEOUT_MS = 20_000;
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

type Platform = 'discord' | 'slack';

async function untilStarted(run: BotRun): Promise<number> {
  for (let i = 0; i < TIMEOUT_MS / 50; i += 1) {
    const line = run
      .stderr()
      .split('\n')
      .find((l) => l.includes('"msg":"sakura-bot started"'));
    if (line) return (JSON.parse(line) as { port: number }).port;
    if (run.child.exitCode !== null) break;
    await delay(50);
  }
  throw new Error(`sakura-bot did not start:\n${run.stderr()}`);
}

async function stopBot(run: BotRun): Promise<void> {
  run.child.kill('SIGTERM');
  await run.exit;
}

async function startDiscord(main: string, dir: string): Promise<Running> {
  const fake = await FakeDiscord.start();
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
    await untilStarted(run);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    async trip() {
      const sent = fake.interact({ sub: 'stocks' });
      const callback = await sent.callback;
      return callback.at - sent.sentAt;
    },
    stop,
  };
}

async function startSlack(main: string, dir: string): Promise<Running> {
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
    port = await untilStarted(run);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    async trip() {
      const body = slashCommandBody({ text: 'stocks', response_url: 'http://127.0.0.1:9/x' });
      const start = performance.now();
      const res = await fetch(`http://127.0.0.1:${port}/slack/events`, {
        method: 'POST',
        headers: signedHeaders(SIGNING_SECRET, body),
        body,
      });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`slack answered ${res.status}`);
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

async function round(
  platform: Platform,
  options: CachedStocksOptions,
  dirs: string[],
): Promise<number[][]> {
  const start = platform === 'discord' ? startDiscord : startSlack;
  const running: Running[] = [];
  try {
    for (const [index, [, main]] of options.programs.entries())
      running.push(await start(main, dirs[index] as string));
    return await interleaved(running, options.warmup, options.count);
  } finally {
    await Promise.all(running.map((program) => program.stop()));
  }
}

const ms = (value: number) => value.toFixed(2);
const percent = (ratio: number) => `${ratio >= 1 ? '+' : ''}${((ratio - 1) * 100).toFixed(0)} %`;

/** The section of the chart bench's report: p50 and p99 over all rounds, then every round's p50. */
export async function cachedStocks(options: CachedStocksOptions): Promise<string[]> {
  const results = new Map<Platform, number[][][]>([
    ['discord', []],
    ['slack', []],
  ]);
  for (let r = 0; r < options.rounds; r += 1) {
    for (const platform of ['discord', 'slack'] as const) {
      const dirs = options.programs.map(() => mkdtempSync(join(tmpdir(), 'sakura-stocks-bench-')));
      try {
        results.get(platform)?.push(await round(platform, options, dirs));
      } finally {
        for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
      }
    }
  }
  const lines = [
    `### Cached \`stocks\` on \`node dist/src/main.js\` (ms; ${options.rounds} rounds × ${options.count} requests per program, the programs taking turns)`,
    '',
    '| program | Discord gateway p50 | p99 | Slack HTTP p50 | p99 |',
    '| --- | ---: | ---: | ---: | ---: |',
  ];
  const all = (platform: Platform, index: number) =>
    (results.get(platform) ?? []).flatMap((rounds) => rounds[index] ?? []);
  for (const [index, [name]] of options.programs.entries()) {
    const d = summarize(all('discord', index));
    const s = summarize(all('slack', index));
    lines.push(`| ${name} | ${ms(d.p50)} | ${ms(d.p99)} | ${ms(s.p50)} | ${ms(s.p99)} |`);
  }
  lines.push('', 'p50 of each round, and the first program against each other:', '');
  for (const platform of ['discord', 'slack'] as const) {
    const perRound = (results.get(platform) ?? []).map((rounds) =>
      rounds.map((samples) => summarize(samples).p50),
    );
    const text = perRound.map((p50s) => {
      const [first, ...others] = p50s;
      const ratios = others.map((other) => percent((first as number) / other));
      return `${p50s.map(ms).join(' / ')}${ratios.length > 0 ? ` (${ratios.join(', ')})` : ''}`;
    });
    lines.push(`- ${platform}: ${text.join('; ')}`);
  }
  return lines;
}
