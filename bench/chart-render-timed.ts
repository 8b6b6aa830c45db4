/**
 * The chart child (src/chart/render-child.ts) with a stopwatch: the same imports (resvg loaded
 * before the batch is read), the same svgToPng per job and the same release of each chart's
 * pixel buffers before the next, in a fresh process started the same way (RENDER_CHILD_ARGS and
 * its environment), reporting the CPU and wall time of each chart instead of the PNGs. So the
 * bench can say what one chart costs where the bot draws it, first and later. A chart's time
 * includes its release (a minor collection and one turn), which the last chart of a batch
 * skips, as the child does.
 */
import { readFileSync } from 'node:fs';
import { releasePixels } from '../src/chart/release-pixels.js';
import { loadResvg, svgToPng } from '../src/chart/render-png.js';

// As the child does on its start (render-child.ts): resvg's load counts as start-up, not chart 1.
loadResvg();
const startup = process.cpuUsage();
// The stopwatch's own first use (Node sets up `performance` lazily: ~2 ms of CPU) is paid here,
// in neither bucket: the child the bot starts never calls it, and it used to land in chart 1.
performance.now();
const { jobs } = JSON.parse(readFileSync(0, 'utf8')) as {
  jobs: { svg: string; fonts: string[] }[];
};
const cpu: number[] = [];
const wall: number[] = [];
for (const [i, job] of jobs.entries()) {
  const before = process.cpuUsage();
  const start = performance.now();
  svgToPng(job.svg, { files: job.fonts });
  if (i < jobs.length - 1) await releasePixels();
  wall.push(performance.now() - start);
  const used = process.cpuUsage(before);
  cpu.push((used.user + used.system) / 1000);
}
process.stdout.write(
  JSON.stringify({ startupCpu: (startup.user + startup.system) / 1000, cpu, wall }),
);
