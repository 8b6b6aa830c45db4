import { closest, distance } from 'fastest-levenshtein';
import { type CommandDefinition, type CommandOptions, validateOptions } from './command.js';
import { t } from './i18n.js';
import { isLang, type Lang } from './lang.js';

/** What one line of text (Slack's `/sakura ...`, a console line) asks for. */
export type ParsedText =
  | { kind: 'command'; command: CommandDefinition; options: CommandOptions; lang: Lang }
  | { kind: 'unknown'; input: string; suggestion: string | undefined; lang: Lang }
  | { kind: 'invalid'; command: CommandDefinition | undefined; message: string; lang: Lang };

const PREFIX = /^\/?sakura(?:\s+|$)/i;
const LANG_TOKEN = /^lang[:=](\S*)$/i;
const JAPANESE = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u;

/**
 * The words of one line of text, `/sakura` in front dropped. Every text grammar (commands here,
 * Slack's `digest …`) starts from these, so they read the prefix the same way.
 */
export function commandWords(raw: string): string[] {
  // NFKC folds full-width input (ｓｔｏｃｋｓ, ｌａｎｇ：ｊａ) typed on Japanese keyboards.
  return raw.normalize('NFKC').trim().replace(PREFIX, '').split(/\s+/).filter(Boolean);
}

/** The value of a `lang:xx` (or `lang=xx`) word, lower-cased; undefined for any other word. */
export function langTokenValue(word: string): string | undefined {
  const match = LANG_TOKEN.exec(word);
  return match ? (match[1] ?? '').toLowerCase() : undefined;
}

function suggest(input: string, commands: readonly CommandDefinition[]): string | undefined {
  const names = commands.filter((c) => c.access === 'everyone').map((c) => c.name);
  const byPrefix = names.find((name) => input.length >= 2 && name.startsWith(input));
  if (byPrefix) return byPrefix;
  const nearest = closest(input, names);
  return distance(input, nearest) <= Math.max(2, Math.floor(input.length / 3))
    ? nearest
    : undefined;
}

/**
 * Parses `stocks`, `/sakura stocks`, `ask how much is Microsoft investing?`, `stocks lang:ja`.
 * Empty text means help. A command with options takes the rest of the line as its first option.
 */
export function parseTextCommand(
  raw: string,
  commands: readonly CommandDefinition[],
  defaultLang: Lang,
): ParsedText {
  let lang: Lang | undefined;
  const rest: string[] = [];
  for (const word of commandWords(raw)) {
    const value = langTokenValue(word);
    if (value === undefined) {
      rest.push(word);
      continue;
    }
    if (!isLang(value)) {
      const shownLang = lang ?? defaultLang;
      return {
        kind: 'invalid',
        command: undefined,
        message: t(shownLang, 'error.badLang'),
        lang: shownLang,
      };
    }
    lang = value;
  }

  const [first, ...args] = rest;
  const name = (first ?? 'help').toLowerCase();
  const text = args.join(' ');
  const command = commands.find((c) => c.name === name);
  const effectiveLang = lang ?? (JAPANESE.test(text) ? 'ja' : defaultLang);
  if (!command) {
    return {
      kind: 'unknown',
      input: name,
      suggestion: suggest(name, commands),
      lang: effectiveLang,
    };
  }

  // A line of text carries no proof of who typed it, so admin commands never run from one:
  // each platform offers them through its own checked path (e.g. Slack's `/sakura digest`).
  if (command.access === 'admin') {
    const message = t(effectiveLang, 'error.adminOnly', { command: name });
    return { kind: 'invalid', command, message, lang: effectiveLang };
  }

  const [firstOption] = command.options;
  if (!firstOption && text) {
    const message = t(effectiveLang, 'error.unexpectedText', { command: name, example: name });
    return { kind: 'invalid', command, message, lang: effectiveLang };
  }
  const raws: Record<string, string | undefined> = firstOption ? { [firstOption.name]: text } : {};
  const result = validateOptions(command, raws, effectiveLang);
  if (!result.ok) return { kind: 'invalid', command, message: result.message, lang: effectiveLang };
  return { kind: 'command', command, options: result.options, lang: effectiveLang };
}
