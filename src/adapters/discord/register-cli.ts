import { commands } from '../../../commands/index.js';
import { ConfigError, loadConfig } from '../../config.js';
import { loadStories, StoryDataError } from '../../core/index.js';
import { DEFAULT_STORIES_DIR } from '../../paths.js';
import { createDiscordRest } from './client.js';
import { commandListJson } from './command-json.js';
import { registerCommands } from './register.js';

/**
 * `npm run register`: makes Discord's command list match `commands/` (as `/sakura`) and
 * `/sakura-digest` without starting the bot: once per deploy when several replicas run (they
 * never register themselves, see ADR 004), or to try a guild first. A single process running the
 * whole bot also does it on start-up.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const { DISCORD_TOKEN: token, DISCORD_APPLICATION_ID: applicationId } = config;
  if (!token || !applicationId) {
    throw new ConfigError([
      'DISCORD_TOKEN and DISCORD_APPLICATION_ID are required to register commands (see .env.example)',
    ]);
  }
  const catalog = loadStories(config.STORIES_DIR ?? DEFAULT_STORIES_DIR, config.STORY_ID);
  const rest = createDiscordRest(config, token);
  const guildId = config.DISCORD_GUILD_ID;
  const body = commandListJson(commands, catalog.defaultStory);
  const outcome = await registerCommands(rest, { applicationId, guildId }, body);
  const where = guildId ? `server ${guildId}` : 'every server (global; may take a while to show)';
  const what = outcome === 'updated' ? 'Registered' : 'Already up to date:';
  const shapes = body.map(
    (command) => `/${command.name} (${command.options?.length ?? 0} subcommands)`,
  );
  process.stdout.write(`${what} ${shapes.join(' and ')} for ${where}.\n`);
}

main().catch((error: unknown) => {
  const known = error instanceof ConfigError || error instanceof StoryDataError;
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`sakura-bot register: ${known ? '' : 'failed: '}${message}\n`);
  process.exit(1);
});
