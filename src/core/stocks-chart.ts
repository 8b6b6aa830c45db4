import type { ChartSpec } from './answer.js';
import { entityById, factsOn } from './compose.js';
import { formatDate } from './format.js';
import { t } from './i18n.js';
import type { Lang } from './lang.js';
import type { Story } from './story/schema.js';

/** The trading day the market facts describe (the story's date where the source gives none). */
export function tradingDate(story: Story, lang: Lang): string {
  const overview = factsOn(story, 'market').find((fact) =>
    fact.values.some((value) => value.kind === 'date'),
  );
  const day = overview?.values.find((value) => value.kind === 'date');
  return formatDate(day?.kind === 'date' ? day.value : story.asOf, lang);
}

/**
 * The share moves as a bar chart, largest rise first: what `stocks` shows and what every digest
 * carries, so both draw the same picture (and share one rendered image).
 */
export function stocksChart(story: Story, lang: Lang): ChartSpec {
  const bars = factsOn(story, 'market').flatMap((fact) =>
    fact.values.flatMap((value) =>
      value.kind === 'percent' && fact.entities[0]
        ? [{ label: entityById(story, fact.entities[0]).name[lang], value: value.value }]
        : [],
    ),
  );
  return {
    kind: 'bar',
    name: 'stocks',
    caption: t(lang, 'chart.stocks', { date: tradingDate(story, lang) }),
    unit: '%',
    bars: bars.sort((a, b) => b.value - a.value),
  };
}
