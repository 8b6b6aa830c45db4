/**
 * One process for the renderer's memory figure: answers `stocks` and the digest in both
 * languages; `child` also draws their charts as the bot does (in a short-lived child process,
 * keeping the PNGs), `in-process` draws them here (resvg, the font subset, the pixel buffers).
 * Then it reports its resident memory after a full collection.
 */
import { commands } from '../commands/index.js';
import { ChartImages, renderInChildProcess } from '../src/chart/index.js';
import { digestAnswer, LANGS, loadStories, runCommand } from '../src/core/index.js';
import { DEFAULT_STORIES_DIR } from '../src/paths.js';

const mode = process.argv[2];
const story = loadStories(DEFAULT_STORIES_DIR).defaultStory;
const stocks = commands.find((command) => command.name === 'stocks');
if (!stocks) throw new Error('no stocks command');
const charts =
  mode === 'child'
    ? new ChartImages({ render: renderInChildProcess })
    : mode === 'in-process'
      ? new ChartImages()
      : undefined;
const answers = await Promise.all(
  LANGS.flatMap((lang) => [
    runCommand({ story, commands, command: stocks, options: {}, lang }),
    digestAnswer(story, lang),
  ]),
);
// One batch, as main's warm-up draws them.
charts?.prepare(answers);
globalThis.gc?.();
process.send?.({ rss: process.memoryUsage().rss, renders: charts?.renders ?? 0 });
