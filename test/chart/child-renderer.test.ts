import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import {
  ChartImages,
  chartSvg,
  fontsFor,
  renderInChildProcess,
  renderInProcess,
} from '../../src/chart/index.js';
import { type Answer, digestAnswer, runCommand, sourceLine } from '../../src/core/index.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import { story } from '../discord/helpers.js';

/** The renderer main uses (ADR 011): the built child script, run as a short-lived process. */

function stocks(lang: 'en' | 'ja'): Answer {
  const command = commands.find((c) => c.name === 'stocks');
  if (!command) throw new Error('no stocks command');
  return runCommand({ story, commands, command, options: {}, lang }) as Answer;
}

function jobOf(answer: Answer) {
  if (!answer.chart) throw new Error('no chart');
  const svg = chartSvg({ chart: answer.chart, source: sourceLine(answer) });
  return { svg, fonts: fontsFor(svg) };
}

describe('rendering in a child process', () => {
  it('hands back, in order, the very PNGs an in-process render makes', () => {
    const jobs = [jobOf(stocks('ja')), jobOf(stocks('en'))];
    const fromChild = renderInChildProcess(jobs);
    expect(fromChild).toHaveLength(2);
    const inProcess = renderInProcess(jobs);
    expect(fromChild[0]?.equals(inProcess[0] ?? Buffer.alloc(0))).toBe(true);
    expect(fromChild[1]?.equals(inProcess[1] ?? Buffer.alloc(0))).toBe(true);
  });

  it('draws a whole batch of charts in one child, each once', () => {
    let batches = 0;
    const charts = new ChartImages({
      render: (jobs) => {
        batches += 1;
        return renderInChildProcess(jobs);
      },
    });
    const answers = [stocks('en'), stocks('ja'), digestAnswer(story, 'en'), stocks('en')];
    charts.prepare(answers);
    expect(batches).toBe(1);
    expect(charts.renders).toBe(3);
    expect(charts.imageFor(stocks('ja'))?.fileName).toBe('stocks-ja.png');
    expect(batches).toBe(1);
  });

  it('says why when the child fails, instead of caching a broken image', () => {
    const job = jobOf(stocks('en'));
    expect(() => renderInChildProcess([{ svg: '<svg', fonts: job.fonts }])).toThrow(
      /chart renderer exited with 1: .*SVG/s,
    );
  });

  it('refuses a malformed batch with a message, drawing nothing', () => {
    const child = spawnSync(
      process.execPath,
      [join(PROJECT_ROOT, 'dist', 'src', 'chart', 'render-child.js')],
      { input: JSON.stringify({ jobs: [{ svg: 1 }] }) },
    );
    expect(child.status).toBe(1);
    expect(child.stdout.length).toBe(0);
    expect(child.stderr.toString()).toContain(
      'render batch: expected { jobs: [{ svg, fonts: [path] }] }',
    );
  });
});
