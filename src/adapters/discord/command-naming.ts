import type { Localized } from '../../core/index.js';
import { truncateText } from './text-fit.js';

/** Discord's rules for command and option names, and its description length. */
const NAME = /^[-_\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const DESCRIPTION_MAX = 100;

export function checkedName(name: string, what: string): string {
  // A bad name makes Discord refuse the whole command list: say which one, before sending it.
  if (!NAME.test(name) || name !== name.toLowerCase()) {
    throw new Error(`${what} "${name}" is not a valid Discord command name`);
  }
  return name;
}

export function descriptions(text: Localized) {
  return {
    description: truncateText(text.en, DESCRIPTION_MAX),
    description_localizations: { ja: truncateText(text.ja, DESCRIPTION_MAX) },
  };
}

export function nameLocalizations(ja: string | undefined, what: string) {
  return ja ? { name_localizations: { ja: checkedName(ja, what) } } : {};
}
