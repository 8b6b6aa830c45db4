// A second bot process for digest-delivery.test.ts: the built program's Digests, Discord adapter
// and scheduler on the parent's database file, ticking when told. Plain JavaScript over dist/,
// because a forked Node process runs no TypeScript (`npm run build` comes first, as for the
// built-program test).
import { setTimeout as delay } from 'node:timers/promises';
import { commands } from '../../dist/commands/index.js';
import { startDiscord } from '../../dist/src/adapters/discord/start.js';
import { parseConfig } from '../../dist/src/config.js';
import { loadStories } from '../../dist/src/core/index.js';
import { createLogger } from '../../dist/src/logger.js';
import { DEFAULT_STORIES_DIR } from '../../dist/src/paths.js';
import { Digests } from '../../dist/src/schedule/digests.js';

const config = parseConfig(process.env);
const logger = createLogger('silent');
const catalog = loadStories(DEFAULT_STORIES_DIR);
const story = catalog.defaultStory;
let now = new Date();
/** The parent's slot time; backoff passes at once, as with the parent's TestClock. */
const clock = {
  now: () => now,
  sleep: async (ms) => {
    now = new Date(now.getTime() + ms);
  },
};
const digests = await Digests.open(config, story, logger, clock);
const platform = await startDiscord({
  catalog,
  commands,
  config,
  logger,
  digests: digests.admin,
});
const scheduler = digests.scheduler([platform.poster]);

process.on('message', async (message) => {
  if (message.tick) {
    now = new Date(message.tick);
    await delay(message.at - Date.now());
    process.send({ reports: await scheduler.tick(now) });
  } else if (message.stop) {
    await platform.stop();
    digests.close();
    process.exit(0);
  }
});
process.send({ ready: true });
