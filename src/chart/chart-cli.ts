import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { commands } from '../../commands/index.js';
import { answerParsed, loadStories, parseTextCommand } from '../core/index.js';
import { LangSchema } from '../core/lang.js';
import { DEFAULT_STORIES_DIR } from '../paths.js';
import { ChartImages } from './chart-images.js';

/**
 * `npm run chart -- stocks --lang ja --out stocks-ja.png`: the chart a command's answer carries,
 * written as the PNG the bot would send, so anyone can look at it without a chat platform.
 */
async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      lang: { type: 'string', default: 'en' },
      out: { type: 'string' },
      stories: { type: 'string', default: DEFAULT_STORIES_DIR },
    },
  });
  const lang = LangSchema.safeParse(values.lang);
  if (!lang.success) {
    console.error(`--lang must be one of: ${LangSchema.options.join(', ')}`);
    return 2;
  }
  const text = positionals.join(' ') || 'stocks';
  const story = loadStories(values.stories).defaultStory;
  const answer = await answerParsed(parseTextCommand(text, commands, lang.data), story, commands);
  const image = new ChartImages().imageFor(answer);
  if (!image) {
    console.error(`"${text}" has no chart (try: stocks)`);
    return 1;
  }
  const out = values.out ?? image.fileName;
  writeFileSync(out, image.png);
  console.log(`${out}: ${image.png.length} bytes, ${image.alt}`);
  return 0;
}

process.exitCode = await main();
