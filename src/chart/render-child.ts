/**
 * The child process the bot renders charts in (ADR 011): reads a batch of render jobs as JSON on
 * stdin, writes each PNG to stdout as a 4-byte big-endian length and the bytes, then exits,
 * handing resvg, the parsed fonts and every pixel buffer back to the operating system. Started
 * with `--expose-gc` (child-renderer.ts) so each chart's pixel buffers are freed before the next.
 */
import { readFileSync } from 'node:fs';
import { releasePixels } from './release-pixels.js';
import { loadResvg, svgToPng } from './render-png.js';

// This process exists to draw: resvg is loaded with its other imports, before the batch is read.
loadResvg();

/** What the bot writes to the child's stdin (child-renderer.ts). */
export interface RenderBatch {
  jobs: { svg: string; fonts: string[] }[];
}

/**
 * Checked by hand, not with zod: both ends are this build (not an outside edge), and loading zod
 * would cost the child ~45 ms of CPU, more than drawing a chart. Still, a malformed batch stops
 * the child with a message the bot reports, never a half-drawn chart.
 */
function parseBatch(text: string): RenderBatch {
  const value: unknown = JSON.parse(text);
  const jobs = (value as { jobs?: unknown } | null)?.jobs;
  const valid =
    Array.isArray(jobs) &&
    jobs.every(
      (job: { svg?: unknown; fonts?: unknown } | null) =>
        typeof job?.svg === 'string' &&
        Array.isArray(job.fonts) &&
        job.fonts.every((font) => typeof font === 'string'),
    );
  if (!valid) throw new Error('render batch: expected { jobs: [{ svg, fonts: [path] }] }');
  return value as RenderBatch;
}

const batch = parseBatch(readFileSync(0, 'utf8'));
const out: Buffer[] = [];
for (const [i, job] of batch.jobs.entries()) {
  const png = svgToPng(job.svg, { files: job.fonts });
  const length = Buffer.alloc(4);
  length.writeUInt32BE(png.length, 0);
  out.push(length, png);
  // The next chart reuses this one's pixel memory instead of faulting in 10 MB more; after the
  // last, the process's exit frees everything.
  if (i < batch.jobs.length - 1) await releasePixels();
}
process.stdout.write(Buffer.concat(out));
