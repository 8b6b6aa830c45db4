/**
 * The child process the bot renders charts in (ADR 011): reads a batch of render jobs as JSON on
 * stdin, writes each PNG to stdout as a 4-byte big-endian length and the bytes, then exits,
 * handing resvg, the parsed fonts and every pixel buffer back to the operating system.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { svgToPng } from './render-png.js';

export const RenderBatchSchema = z.object({
  jobs: z.array(z.object({ svg: z.string(), fonts: z.array(z.string()) })),
});
export type RenderBatch = z.infer<typeof RenderBatchSchema>;

const batch = RenderBatchSchema.parse(JSON.parse(readFileSync(0, 'utf8')));
const out: Buffer[] = [];
for (const job of batch.jobs) {
  const png = svgToPng(job.svg, { files: job.fonts });
  const length = Buffer.alloc(4);
  length.writeUInt32BE(png.length, 0);
  out.push(length, png);
}
process.stdout.write(Buffer.concat(out));
