import type { Answer } from './answer.js';
import { formatDate } from './format.js';
import { t } from './i18n.js';

/**
 * `Source: "…" (undated; events of 3 April 2026), Market Reactions`: what every renderer puts in
 * its footer. The date is the events', never shown as the article's: the article has none.
 */
export function sourceLine(answer: Answer): string | undefined {
  const [first] = answer.sources;
  if (!first) return undefined;
  const separator = answer.lang === 'ja' ? '、' : '; ';
  const sections = [...new Set(answer.sources.map((s) => s.section))].join(separator);
  return t(answer.lang, 'source.line', {
    title: first.title,
    date: formatDate(first.eventsDate, answer.lang),
    sections,
  });
}

export function asOfLine(answer: Answer): string {
  return t(answer.lang, 'asOf.line', { date: formatDate(answer.asOf, answer.lang) });
}

/** The footer as one line: source (when there is one) and as-of date. */
export function footerLine(answer: Answer): string {
  return [sourceLine(answer), asOfLine(answer)].filter(Boolean).join(' · ');
}
