import type { Answer } from './answer.js';
import type { CommandDefinition } from './command.js';
import { t } from './i18n.js';
import type { Lang } from './lang.js';
import type { Story } from './story/schema.js';

/** Answers that are about the bot rather than the story: help and errors, always private. */

function usage(command: CommandDefinition): string {
  const args = command.options.map((o) => (o.required ? ` <${o.name}>` : ` [${o.name}]`)).join('');
  return `${command.name}${args}`;
}

export function helpAnswer(
  story: Story,
  commands: readonly CommandDefinition[],
  lang: Lang,
): Answer {
  return {
    lang,
    title: t(lang, 'title.help'),
    lead: t(lang, 'lead.help'),
    bullets: commands
      .filter((c) => c.access === 'everyone')
      .map((c) => `\`${usage(c)}\` — ${c.description[lang]}`),
    sources: [],
    asOf: story.asOf,
    visibility: 'private',
  };
}

export function errorAnswer(story: Story, lang: Lang, title: string, lead: string): Answer {
  return { lang, title, lead, sources: [], asOf: story.asOf, visibility: 'private' };
}

/** The answer to a handler that threw: the id lets an operator find the stack in the log. */
export function failureAnswer(story: Story, lang: Lang, errorId: string): Answer {
  return errorAnswer(story, lang, t(lang, 'title.error'), t(lang, 'error.withId', { id: errorId }));
}

/** "Unknown command" with a suggestion, followed by the command list. */
export function unknownCommandAnswer(
  story: Story,
  commands: readonly CommandDefinition[],
  lang: Lang,
  input: string,
  suggestion: string | undefined,
): Answer {
  const help = helpAnswer(story, commands, lang);
  const lead = [t(lang, 'lead.unknownCommand', { input })];
  if (suggestion) lead.push(t(lang, 'lead.didYouMean', { suggestion }));
  return { ...help, title: t(lang, 'title.unknownCommand'), lead: lead.join(' ') };
}
