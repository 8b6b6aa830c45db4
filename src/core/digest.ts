import type { Answer } from './answer.js';
import { formatDate } from './format.js';
import { t } from './i18n.js';
import type { Lang } from './lang.js';
import { stocksChart } from './stocks-chart.js';
import type { Fact, Story } from './story/schema.js';
import { summaryAnswer } from './summary.js';

/** What changed since the channel's previous digest; absent for a channel's first digest. */
export interface DigestChanges {
  /** The previous digest's date, as an ISO date in the channel's own time zone. */
  since: string;
  /** The facts that are new or changed since that digest showed them. */
  facts: readonly Fact[];
}

/**
 * A scheduled digest: what is new or changed since the channel's previous digest, then the
 * summary. The first digest a channel gets is the summary alone: there is nothing to compare.
 */
export function digestAnswer(story: Story, lang: Lang, changes?: DigestChanges): Answer {
  // A digest carries the share-move chart: the one picture in the story worth a glance.
  const summary = { ...summaryAnswer(story, lang), chart: stocksChart(story, lang) };
  const title = t(lang, 'title.digest', { story: story.title[lang] });
  if (!changes) return { ...summary, title, visibility: 'public' };
  const date = formatDate(changes.since, lang);
  const opening = changes.facts.length
    ? [t(lang, 'lead.digestNew', { date }), ...changes.facts.map((fact) => `🆕 ${fact.text[lang]}`)]
    : [t(lang, 'lead.digestNothingNew', { date })];
  return {
    ...summary,
    title,
    lead: opening[0],
    bullets: [...opening.slice(1), ...(summary.bullets ?? [])],
    visibility: 'public',
  };
}
