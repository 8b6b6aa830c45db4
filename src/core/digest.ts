import type { Answer } from './answer.js';
import { formatDate } from './format.js';
import { t } from './i18n.js';
import type { Lang } from './lang.js';
import type { Story } from './story/schema.js';
import { summaryAnswer } from './summary.js';

/**
 * A scheduled digest: what is new or changed since the channel's previous digest (facts carry
 * the date they were added or changed), then the summary.
 *
 * @param since ISO date of the channel's previous digest, or of its subscription for the first.
 */
export function digestAnswer(story: Story, lang: Lang, since: string): Answer {
  const summary = summaryAnswer(story, lang);
  const changed = story.facts.filter((fact) => fact.updated > since);
  const date = formatDate(since, lang);
  const opening = changed.length
    ? [t(lang, 'lead.digestNew', { date }), ...changed.map((fact) => `🆕 ${fact.text[lang]}`)]
    : [t(lang, 'lead.digestNothingNew', { date })];
  return {
    ...summary,
    title: t(lang, 'title.digest', { story: story.title[lang] }),
    lead: opening[0],
    bullets: [...opening.slice(1), ...(summary.bullets ?? [])],
    visibility: 'public',
  };
}
