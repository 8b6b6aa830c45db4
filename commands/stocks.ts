// Opens and is shaped like the other commands by design: see commands/index.ts.
import {
  defineCommand,
  entityById,
  entityLabel,
  factsOn,
  formatDate,
  formatPercentChange,
  sourcesOf,
  stocksChart,
  t,
  tseCodeNote,
} from '../src/core/index.js';

export default defineCommand({
  name: 'stocks',
  nameJa: '株価',
  description: {
    en: 'Share moves on the day of the announcement',
    ja: '発表当日の株価の動き',
  },
  options: [],
  access: 'everyone',
  run({ story, lang }) {
    const facts = factsOn(story, 'market');
    const moves = facts
      .flatMap((fact) =>
        fact.values.flatMap((value) =>
          value.kind === 'percent' && fact.entities[0]
            ? [{ entity: entityById(story, fact.entities[0]), value: value.value }]
            : [],
        ),
      )
      .sort((a, b) => b.value - a.value);
    const overview = facts.find((fact) => fact.values.some((value) => value.kind === 'date'));
    const tradingDay = overview?.values.find((value) => value.kind === 'date');
    const date = formatDate(tradingDay?.kind === 'date' ? tradingDay.value : story.asOf, lang);
    return {
      lang,
      title: t(lang, 'title.stocks', { date }),
      lead: overview?.text[lang],
      fields: moves.map((move) => ({
        label: entityLabel(move.entity, lang),
        value: formatPercentChange(move.value),
      })),
      chart: stocksChart(story, lang),
      caveats: tseCodeNote(
        moves.map((move) => move.entity),
        lang,
      ),
      sources: sourcesOf(story, facts, lang),
      asOf: story.asOf,
      visibility: 'public',
    };
  },
});
