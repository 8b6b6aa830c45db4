import { commands } from '../../commands/index.js';
import {
  type Answer,
  type CommandOptions,
  type Lang,
  loadStories,
  runCommand,
} from '../../src/core/index.js';
import { DEFAULT_STORIES_DIR } from '../../src/paths.js';

/** The real story files, loaded the way the bot loads them. */
export const catalog = loadStories(DEFAULT_STORIES_DIR);
export const story = catalog.defaultStory;

/** Runs one of the real commands by name, as any adapter would. */
export function answer(name: string, lang: Lang = 'en', options: CommandOptions = {}): Answer {
  const command = commands.find((c) => c.name === name);
  if (!command) throw new Error(`no command ${name}`);
  return runCommand({ story, commands, command, options, lang });
}

/** Every piece of text an Answer shows, joined, for "does it say X" checks. */
export function allText(answer: Answer): string {
  return [
    answer.title,
    answer.lead ?? '',
    ...(answer.fields ?? []).flatMap((f) => [f.label, f.value]),
    ...(answer.bullets ?? []),
    ...(answer.caveats ?? []),
  ].join('\n');
}
