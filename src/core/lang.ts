import { z } from 'zod';

export const LANGS = ['en', 'ja'] as const;
export const LangSchema = z.enum(LANGS);
export type Lang = z.infer<typeof LangSchema>;

/** True for a language the bot speaks, e.g. a `lang:` value or a Discord option. */
export function isLang(value: string): value is Lang {
  return (LANGS as readonly string[]).includes(value);
}

/** Text written once per supported language; a missing translation is a data error, not a fallback. */
export const LocalizedSchema = z.object({
  en: z.string().trim().min(1),
  ja: z.string().trim().min(1),
});
export type Localized = z.infer<typeof LocalizedSchema>;

/** Maps a platform locale tag (Discord's `ja`, `en-US`, ...) to one of our languages. */
export function langFromLocale(locale: string | null | undefined): Lang {
  return locale?.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}
