import {
  commandWords,
  isLang,
  type Lang,
  langTokenValue,
  type MessageKey,
} from '../../../core/index.js';
import type { SubscribeArgs } from '../../../schedule/admin.js';

/** What `/sakura digest …` asks for, before anyone has checked who is asking. */
export type DigestText =
  | { kind: 'subscribe'; lang: Lang; args: SubscribeArgs }
  | { kind: 'unsubscribe' | 'list' | 'preview'; lang: Lang }
  | { kind: 'usage'; lang: Lang; problem?: MessageKey };

const TZ_TOKEN = /^(?:tz|timezone)[:=](\S*)$/i;

/**
 * Parses `digest subscribe <daily|weekdays|weekly|five cron fields> [tz:Area/City] [lang:en|ja]`,
 * `digest unsubscribe`, `digest list` and `digest preview`; undefined when the text is not a
 * digest command at all. Options may stand anywhere after `digest`. `lang:` is both the language
 * of the reply and, for subscribe, of the digest; without it the digest uses the workspace
 * default. The schedule itself is checked later, by the platform-neutral DigestAdmin.
 */
export function parseDigestText(raw: string, defaultLang: Lang): DigestText | undefined {
  // commandWords folds full-width input (ｄｉｇｅｓｔ, ｔｚ：…) typed on Japanese keyboards.
  const words = commandWords(raw);
  if (words[0]?.toLowerCase() !== 'digest') return undefined;

  let lang: Lang | undefined;
  let timezone: string | undefined;
  let badLang = false;
  const rest: string[] = [];
  for (const word of words.slice(1)) {
    const langValue = langTokenValue(word);
    const tzMatch = TZ_TOKEN.exec(word);
    if (langValue !== undefined) {
      if (isLang(langValue)) lang = langValue;
      else badLang = true;
    } else if (tzMatch) {
      timezone = tzMatch[1] ?? '';
    } else {
      rest.push(word);
    }
  }
  const replyLang = lang ?? defaultLang;
  if (badLang) return { kind: 'usage', lang: replyLang, problem: 'error.badLang' };

  const [sub, ...args] = rest;
  switch (sub?.toLowerCase()) {
    case 'subscribe': {
      if (args.length === 0 || timezone === '') return { kind: 'usage', lang: replyLang };
      return {
        kind: 'subscribe',
        lang: replyLang,
        args: { schedule: args.join(' '), timezone, digestLang: lang },
      };
    }
    case 'unsubscribe':
    case 'list':
    case 'preview': {
      if (args.length > 0 || timezone !== undefined) return { kind: 'usage', lang: replyLang };
      return { kind: sub.toLowerCase() as 'unsubscribe' | 'list' | 'preview', lang: replyLang };
    }
    default:
      return { kind: 'usage', lang: replyLang };
  }
}
