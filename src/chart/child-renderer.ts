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
  const child = spawnSync(process.execPath, [childScript()], {
    input: JSON.stringify(batch),
    maxBuffer: 64 * 1024 * 1024,
    timeout: CHILD_TIMEOUT_MS,
    stdio: ['pipe', 'pipe', 'pipe'],
    // The renderer needs no settings and is given none of the bot's tokens.
    env: { PATH: process.env.PATH ?? '' },
  });
  if (child.error) throw child.error;
  if (child.status !== 0) {
    throw new Error(
      `chart renderer exited with ${child.status ?? child.signal}: ${child.stderr.toString().trim()}`,
    );
  }
  return splitPngs(child.stdout, jobs.length);
};
