import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROJECT_ROOT } from '../paths.js';
import type { RenderBatch } from './render-child.js';
import type { Renderer } from './renderer.js';

/** Far more than a batch takes (a few hundred ms); a hung child is killed, not waited on. */
const CHILD_TIMEOUT_MS = 30_000;

/**
 * The child's compiled entry: beside this file when running from dist/, else the build's
 * (under vitest this file is TypeScript; `npm test` builds first).
 */
function childScript(): string {
  const sibling = join(dirname(fileURLToPath(import.meta.url)), 'render-child.js');
  return existsSync(sibling)
    ? sibling
    : join(PROJECT_ROOT, 'dist', 'src', 'chart', 'render-child.js');
}

/**
 * How the child is started, here and by the bench that times it:
 * - `--expose-gc`, so it can free each chart's pixel buffers before the next (release-pixels.ts);
 * - `--single-threaded` (V8's): no background compiler or collector threads. A fresh child runs
 *   the palette encoder's pixel loop in V8's interpreter until V8 compiles it; compiled on a
 *   background thread (the default), the main thread keeps interpreting meanwhile, CPU spent
 *   twice on a machine that has two cores for everything. The child does one thing at a time.
 *   Measured on the 4 start-up charts, 10 children each way, load average 4-5 (CPU ms, p50):
 *   first chart 33 default / 31 `--no-concurrent-osr` / 28 this; later charts' p99 24 / 24 / 17;
 *   all 4 charts 78 / 77 / 69.
 * - mimalloc (resvg's allocator, which reads its settings from the environment) told never to
 *   hand freed pages back to the kernel early: the next chart then reuses them instead of
 *   faulting in and zeroing 10 MB more (with the default 10 ms purge delay it sometimes did,
 *   sometimes not: 8-16 thousand page faults for the same 4 charts). The child lives for a
 *   fraction of a second; the kernel takes everything back at its exit.
 * It gets no other environment: none of the bot's tokens.
 */
export const RENDER_CHILD_ARGS: readonly string[] = ['--expose-gc', '--single-threaded'];
export function renderChildEnv(): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? '', MIMALLOC_PURGE_DELAY: '-1' };
}

/** The child's stdout: each PNG as a 4-byte big-endian length and its bytes. */
function splitPngs(out: Buffer, expected: number): Buffer[] {
  const pngs: Buffer[] = [];
  let at = 0;
  while (at + 4 <= out.length) {
    const length = out.readUInt32BE(at);
    // Copied out: the PNGs are kept for hours, the child's whole output need not be.
    pngs.push(Buffer.from(out.subarray(at + 4, at + 4 + length)));
    at += 4 + length;
  }
  if (pngs.length !== expected || at !== out.length) {
    throw new Error(`chart renderer returned ${pngs.length} PNGs for ${expected} charts`);
  }
  return pngs;
}

/**
 * Renders in a short-lived child process (ADR 011), so the bot never maps resvg and never keeps
 * the 5 MB pixel buffers its allocator would hold on to: the bot keeps only the PNGs. A batch is
 * one child, so drawing every chart of a story at start-up pays the child's start once.
 * Synchronous (spawnSync): like an in-process render it blocks the event loop, for longer (the
 * child's start), which happens at start-up and once per changed chart.
 */
export const renderInChildProcess: Renderer = (jobs) => {
  if (jobs.length === 0) return [];
  const batch: RenderBatch = {
    jobs: jobs.map((job) => ({ svg: job.svg, fonts: [...job.fonts.files] })),
  };
  const child = spawnSync(process.execPath, [...RENDER_CHILD_ARGS, childScript()], {
    input: JSON.stringify(batch),
    maxBuffer: 64 * 1024 * 1024,
    timeout: CHILD_TIMEOUT_MS,
    stdio: ['pipe', 'pipe', 'pipe'],
    env: renderChildEnv(),
  });
  if (child.error) throw child.error;
  if (child.status !== 0) {
    throw new Error(
      `chart renderer exited with ${child.status ?? child.signal}: ${child.stderr.toString().trim()}`,
    );
  }
  return splitPngs(child.stdout, jobs.length);
};
