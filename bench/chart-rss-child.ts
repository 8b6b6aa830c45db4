/**
 * One process for the renderer's memory figure: answers `stocks` and the digest in both
 * languages, with `render` also drawing their charts (resvg, the font subset, the PNGs kept in
 * the cache), then reports its resident memory after a full collection.
 */
import { commands } from '../commands/index.js';
import { ChartImages } from '../src/chart/index.js';
import { digestAnswer, LANGS, loadStories, runCommand } from '../src/core/index.js';
import { DEFAULT_STORIES_DIR } from '../src/paths.js';

const render = process.argv[2] === 'render';
const story = loadStories(DEFAULT_STORIES_DIR).defaultStory;
const stocks = commands.find((command) => command.name === 'stocks');
if (!stocks) throw new Error('no stocks command');
const charts = render ? new ChartImages() : undefined;
for (const lang of LANGS) {
  for (const answer of [
    await runCommand({ story, commands, command: stocks, options: {}, lang }),
    digestAnswer(story, lang),
  ]) {
    charts?.imageFor(answer);
  }
}
globalThis.gc?.();
process.send?.({ rss: process.memoryUsage().rss, renders: charts?.renders ?? 0 });
