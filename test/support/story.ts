import { commands } from '../../commands/index.js';
import {
  type Answer,
  type CommandOptions,
  isPromise,
  type Lang,
  loadStories,
  runCommand,
} from '../../src/core/index.js';
import { DEFAULT_STORIES_DIR } from '../../src/paths.js';

/** The real story files, loaded the way the bot loads them. */
export const catalog = loadStories(DEFAULT_STORIES_DIR);
export const story = catalog.defaultStory;

/**
 * The answer of one of the story's own commands, which answer at once (only a command doing I/O
 * returns a promise); for tests and benches that read it straight away.
 */
export function ready(answer: Answer | Promise<Answer>): Answer {
  if (isPromise(answer)) throw new Error('expected an answer at once, got a promise');
  return answer;
}

/** Runs one of the real commands by name, as any adapter would. */
export function answer(name: string, lang: Lang = 'en', options: CommandOptions = {}): Answer {
  const command = commands.find((c) => c.name === name);
  if (!command) throw new Error(`no command ${name}`);
  return ready(runCommand({ story, commands, command, options, lang }));
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
