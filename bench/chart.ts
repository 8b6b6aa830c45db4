/**
 * Chart images: the cold render (SVG + resvg + PNG, nothing cached), the memory the renderer
 * adds to a process, and a cached `stocks` on the shipped program against today's release in the
 * same run, on Discord (gateway: INTERACTION_CREATE -> the multipart callback) and Slack (HTTP
 * mode with PUBLIC_BASE_URL: the signed POST -> the ack carrying the image block).
 *
 * `BENCH_BASELINE_DIST` names the release's dist folder (a build of main before charts); without
 * it only this build is measured. Run with `npm run bench`, or `node --expose-gc
 * dist/bench/chart.js` after `npm run build`.
 */
import { fork, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { commands } from '../commands/index.js';
import {
  ChartImages,
  chartSvg,
  fontsFor,
  RENDER_CHILD_ARGS,
  renderChildEnv,
  renderInChildProcess,
  warmCharts,
} from '../src/chart/index.js';
import { releasePixels } from '../src/chart/release-pixels.js';
import {
  type Answer,
  digestAnswer,
  LANGS,
  loadStories,
  runCommand,
  sourceLine,
} from '../src/core/index.js';
import { DEFAULT_STORIES_DIR } from '../src/paths.js';
import { BUILT_MAIN } from '../test/support/built-bot.js';
import { cachedStocks } from './cached-stocks.js';
import { fmt, mib, summarize } from './stats.js';

const COLD_RENDERS = Number(process.env.BENCH_COLD_RENDERS ?? 60);
const BATCHES = Number(process.env.BENCH_CHILD_BATCHES ?? 10);
const WARMUP = 100;
const SEQUENTIAL = Number(process.env.BENCH_SEQUENTIAL ?? 500);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const BASELINE_DIST = process.env.BENCH_BASELINE_DIST;

const lines: string[] = [];
const row = (cells: (string | number)[]) => lines.push(`| ${cells.join(' | ')} |`);

// --- Cold render. The renderer alone, in this process: a fresh cache each time, so every call
// draws. Then as the bot draws: a batch in a short-lived child process (ADR 011). ---
const story = loadStories(DEFAULT_STORIES_DIR).defaultStory;
const stocksCommand = commands.find((command) => command.name === 'stocks');
if (!stocksCommand) throw new Error('no stocks command');
const answers = (['en', 'ja'] as const).map(
  (lang) => runCommand({ story, commands, command: stocksCommand, options: {}, lang }) as Answer,
);
// Unmeasured: resvg and the fonts load, and V8 compiles the encoder during the first few charts
// (a fresh process's first charts are measured below, in the child, as the bot draws them).
for (let i = 0; i < 5; i += 1) {
  new ChartImages().imageFor(answers[i % 2] as Answer);
  await releasePixels();
}
let bytes = 0;
/**
 * COLD_RENDERS draws, each with a fresh cache so every call draws. `released`: each chart's
 * pixel buffers are given back before the next (a minor GC and one event-loop turn, timed with
 * the chart), as the bot's child process does and as any process drawing at separate moments
 * gets anyway. Otherwise back to back in one synchronous loop, the measure before issue 12's
 * second pass: nothing is freed until the loop ends (~700 MiB), and the spikes are page faults.
 */
async function coldRenders(released: boolean): Promise<{ wall: number[]; cpu: number[] }> {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < COLD_RENDERS; i += 1) {
    const before = process.cpuUsage();
    const start = performance.now();
    const image = new ChartImages().imageFor(answers[i % 2] as Answer);
    if (released) await releasePixels();
    wall.push(performance.now() - start);
    const used = process.cpuUsage(before);
    cpu.push((used.user + used.system) / 1000);
    bytes = Math.max(bytes, image?.png.length ?? 0);
  }
  return { wall, cpu };
}
// Released first: the back-to-back loop's held buffers would otherwise be there too.
const releasedRuns = await coldRenders(true);
const backToBack = await coldRenders(false);
globalThis.gc?.();
await releasePixels();

/** CPU ms of this process's waited-for children so far (/proc, clock ticks of 10 ms). */
function childrenCpuMs(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]?.split(' ') ?? [];
  // After the command name: field 16 (cutime) and 17 (cstime) of proc(5) are these, 0-based.
  return (Number(fields[13]) + Number(fields[14])) * 10;
}
const batchWall: number[] = [];
const batchCpu: number[] = [];
for (let i = 0; i < BATCHES; i += 1) {
  const charts = new ChartImages({ render: renderInChildProcess });
  const before = process.cpuUsage();
  const children = childrenCpuMs();
  const start = performance.now();
  warmCharts(charts, story, commands);
  batchWall.push(performance.now() - start);
  const used = process.cpuUsage(before);
  batchCpu.push((used.user + used.system) / 1000 + childrenCpuMs() - children);
  if (charts.renders !== 4) throw new Error(`a batch drew ${charts.renders} charts, not 4`);
}
// One chart at a time where the bot draws it: a fresh process per batch of the 4 start-up charts.
const jobs = LANGS.flatMap((lang) => [
  runCommand({ story, commands, command: stocksCommand, options: {}, lang }) as Answer,
  digestAnswer(story, lang),
]).map((answer) => {
  if (!answer.chart) throw new Error('no chart');
  const svg = chartSvg({ chart: answer.chart, source: sourceLine(answer) });
  return { svg, fonts: [...fontsFor(svg).files] };
});
const timedChild = fileURLToPath(new URL('./chart-render-timed.js', import.meta.url));
const firstCpu: number[] = [];
const laterCpu: number[] = [];
const startupCpu: number[] = [];
for (let i = 0; i < BATCHES; i += 1) {
  const child = spawnSync(process.execPath, [...RENDER_CHILD_ARGS, timedChild], {
    input: JSON.stringify({ jobs }),
    env: renderChildEnv(),
  });
  if (child.status !== 0) throw new Error(`timed renderer failed: ${child.stderr.toString()}`);
  const timed = JSON.parse(child.stdout.toString()) as { startupCpu: number; cpu: number[] };
  startupCpu.push(timed.startupCpu);
  firstCpu.push(timed.cpu[0] ?? Number.NaN);
  laterCpu.push(...timed.cpu.slice(1));
}
const coldWall = summarize(backToBack.wall);
const coldCpu = summarize(backToBack.cpu);
const releasedWall = summarize(releasedRuns.wall);
const releasedCpu = summarize(releasedRuns.cpu);
const childWall = summarize(batchWall);
const childCpu = summarize(batchCpu);
lines.push('### Cold render (stocks chart, en and ja alternately, 1600×800 PNG)', '');
row(['measure', 'n', 'p50 ms', 'p99 ms']);
row(['---', '---:', '---:', '---:']);
/** One timing row: what was measured, how many samples, p50 and p99 in ms. */
const timed = (label: string, stats: { n: number; p50: number; p99: number }) =>
  row([label, stats.n, fmt(stats.p50, 1), fmt(stats.p99, 1)]);
timed(
  'renderer alone (in this process), each chart released before the next, wall clock',
  releasedWall,
);
timed('the same, CPU time', releasedCpu);
timed('renderer alone (in this process), back to back (the earlier measure), wall clock', coldWall);
timed('the same, CPU time', coldCpu);
timed('as the bot draws: 4 charts in one child process, wall clock', childWall);
timed('the same, CPU time of bot + child', childCpu);
timed('in the child, CPU: Node start and imports, before any chart', summarize(startupCpu));
timed('in the child, CPU: its first chart', summarize(firstCpu));
timed('in the child, CPU: each further chart', summarize(laterCpu));
lines.push('', `Largest PNG: ${(bytes / 1024).toFixed(1)} KB.`);

// --- Memory the renderer adds: the same answers in separate processes, some drawing charts. ---
type RssMode = 'none' | 'child' | 'in-process';
async function childRss(mode: RssMode): Promise<number> {
  const child = fork(fileURLToPath(new URL('./chart-rss-child.js', import.meta.url)), [mode], {
    execArgv: ['--expose-gc'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const [message] = (await once(child, 'message')) as [{ rss: number }];
  await once(child, 'exit');
  return message.rss;
}
const rssRuns: Record<RssMode, number[]> = { none: [], child: [], 'in-process': [] };
for (let i = 0; i < 3; i += 1) {
  for (const mode of ['none', 'child', 'in-process'] as const)
    rssRuns[mode].push(await childRss(mode));
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[1] ?? Number.NaN;
const base = median(rssRuns.none);
lines.push('', '### Memory the renderer adds (RSS after a full GC, median of 3 processes)', '');
row(['process', 'RSS MiB', 'added MiB']);
row(['---', '---:', '---:']);
row(['answers stocks and the digest, en and ja, text only', mib(base), '']);
row([
  '**the same, its 4 charts drawn in a child process (the bot, ADR 011)**',
  mib(median(rssRuns.child)),
  `**${mib(median(rssRuns.child) - base)}**`,
]);
row([
  'the same, drawn in process (resvg, fonts, pixel buffers)',
  mib(median(rssRuns['in-process'])),
  mib(median(rssRuns['in-process']) - base),
]);

// --- Cached stocks on the shipped program, against today's release in the same run. ---
const programs: [string, string][] = [['with charts (this build)', BUILT_MAIN]];
if (BASELINE_DIST) programs.push(['today (text charts)', join(BASELINE_DIST, 'src', 'main.js')]);
lines.push(
  '',
  ...(await cachedStocks({ programs, rounds: ROUNDS, warmup: WARMUP, count: SEQUENTIAL })),
);
process.stdout.write(`## Chart images\n\n${lines.join('\n')}\n\n`);
