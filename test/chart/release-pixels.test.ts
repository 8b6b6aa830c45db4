import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RENDER_CHILD_ARGS, renderChildEnv } from '../../src/chart/index.js';
import { PROJECT_ROOT } from '../../src/paths.js';

const chart = (name: string) =>
  pathToFileURL(join(PROJECT_ROOT, 'dist', 'src', 'chart', name)).href;

/**
 * A process started as the chart child is (its flags and environment) draws `count` charts, with
 * or without releasing each one's pixel buffers before the next, and reports its peak RSS (MiB).
 */
function peakRss(release: boolean, count: number): number {
  const script = `
    import { chartSvg, SUBSET_FONTS } from ${JSON.stringify(chart('index.js'))};
    import { releasePixels } from ${JSON.stringify(chart('release-pixels.js'))};
    import { svgToPng } from ${JSON.stringify(chart('render-png.js'))};
    import { readFileSync } from 'node:fs';
    const svg = chartSvg({
      chart: { kind: 'bar', unit: '%', name: 'stocks', caption: 'Share price change', bars: [
        { label: 'さくらインターネット', value: 20.2 }, { label: 'SoftBank', value: -1.02 } ] },
      source: 'Source: a test',
    });
    for (let i = 0; i < ${count}; i += 1) {
      svgToPng(svg, SUBSET_FONTS);
      if (${release}) await releasePixels();
    }
    const peak = /VmHWM:\\s+(\\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    process.stdout.write(String(Number(peak?.[1]) / 1024));
  `;
  const child = spawnSync(
    process.execPath,
    [...RENDER_CHILD_ARGS, '--input-type=module', '-e', script],
    { env: renderChildEnv(), encoding: 'utf8' },
  );
  if (child.status !== 0) throw new Error(child.stderr);
  return Number(child.stdout);
}

describe('the chart child frees each chart before drawing the next', () => {
  it.runIf(process.platform === 'linux')(
    'keeps its peak memory flat over a batch, where drawing without releasing grows ~10 MB a chart',
    () => {
      const held = peakRss(false, 12);
      const released = peakRss(true, 12);
      // Without release the 11 earlier charts' pixmaps and pixel copies (10 MB each) are all
      // still held at the end; with it, about one chart's worth is.
      expect(held - released).toBeGreaterThan(60);
    },
  );
});
