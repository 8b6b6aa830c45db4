import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { PROJECT_ROOT } from '../../src/paths.js';

/** The compiled entry point `npm start` runs; `npm test` builds it first (pretest). */
export const BUILT_MAIN = join(PROJECT_ROOT, 'dist', 'src', 'main.js');

const StartScript = z.object({ scripts: z.object({ start: z.string() }) });

/**
 * Node's options in `npm start` (`node <flags> dist/src/main.js`), read from package.json so
 * every test and benchmark that runs the built program runs it as an operator starts it.
 */
export const START_FLAGS: readonly string[] = (() => {
  const { start } = StartScript.parse(
    JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')),
  ).scripts;
  const words = start.split(/\s+/);
  if (words[0] !== 'node' || words.at(-1) !== 'dist/src/main.js')
    throw new Error(`npm start is not "node [flags] dist/src/main.js": ${start}`);
  return words.slice(1, -1);
})();

/**
 * An environment with none of the developer's own settings: only what a fresh machine has, plus
 * what the test passes. Keeps a developer's real tokens from turning a console test into a
 * Discord login. The bot's HTTP server listens on 127.0.0.1 and a free port unless the test says.
 */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const { PATH, HOME, TMPDIR } = process.env;
  return { PATH, HOME, TMPDIR, CI: 'true', PORT: '0', HOST: '127.0.0.1', ...extra };
}

export interface BotRun {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface BotOptions {
  env?: Record<string, string>;
  cwd?: string;
  /** Another build's entry point (the lock-contention bench runs the previous release too). */
  main?: string;
}

export function startBuiltBot(options: BotOptions = {}): BotRun {
  const child = spawn(process.execPath, [...START_FLAGS, options.main ?? BUILT_MAIN], {
    cwd: options.cwd ?? PROJECT_ROOT,
    env: cleanEnv(options.env),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    err += chunk;
  });
  const exit = once(child, 'exit').then(([code, signal]) => ({
    code: code as number | null,
    signal: signal as NodeJS.Signals | null,
  }));
  return { child, stdout: () => out, stderr: () => err, exit };
}

/** Pipes `input` into a fresh bot and waits for it to finish at end of input. */
export async function runBuiltBot(
  input: string,
  options: BotOptions = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const run = startBuiltBot(options);
  run.child.stdin?.end(input);
  const { code } = await run.exit;
  return { code, stdout: run.stdout(), stderr: run.stderr() };
}

/** Waits (bounded) for the bot to log that it started, and returns its HTTP server's port. */
export async function startedPort(run: BotRun): Promise<number> {
  for (let i = 0; i < 300; i += 1) {
    const line = run
      .stderr()
      .split('\n')
      .find((l) => l.includes('"msg":"sakura-bot started"'));
    if (line) return (JSON.parse(line) as { port: number }).port;
    if (run.child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the bot did not start:\n${run.stderr()}`);
}
