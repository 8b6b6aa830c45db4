import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/paths.js';

/** The compiled entry point `npm start` runs; `npm test` builds it first (pretest). */
export const BUILT_MAIN = join(PROJECT_ROOT, 'dist', 'src', 'main.js');

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
  const child = spawn(process.execPath, [options.main ?? BUILT_MAIN], {
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
