import {
  type Answer,
  caveats,
  defineCommand,
  entityById,
  factsOn,
  formatPercentChange,
  type Lang,
  type Story,
  sourcesOf,
  t,
  texts,
  valueFields,
} from '../src/core/index.js';

/** The whole story on one screen; also the body of every scheduled digest. */
export function summaryAnswer(story: Story, lang: Lang): Answer {
  const pledge = factsOn(story, 'investment').filter((fact) => fact.values.length > 0);
  const focus = factsOn(story, 'focus-area');
  const market = factsOn(story, 'market');
  const narrative = [
    ...factsOn(story, 'partnership').slice(0, 1),
    ...factsOn(story, 'announcement').slice(0, 1),
    ...factsOn(story, 'adoption'),
    ...factsOn(story, 'it-partners'),
  ];
  const moves = market.flatMap((fact) =>
    fact.values.flatMap((value) =>
      value.kind === 'percent' && fact.entities[0]
        ? [{ name: entityById(story, fact.entities[0]).name[lang], value: value.value }]
        : [],
    ),
  );
  moves.sort((a, b) => b.value - a.value);
  const disclaimer = factsOn(story, 'disclaimer');
  const used = [...pledge, ...focus, ...narrative, ...market, ...disclaimer];
  return {
    lang,
    title: t(lang, 'title.summary', { story: story.title[lang] }),
    lead: texts(pledge, lang).join(' '),
    fields: [
      ...valueFields([...pledge, ...focus], lang),
      {
        label: t(lang, 'label.shareMoves'),
        value: moves.map((move) => `${move.name} ${formatPercentChange(move.value)}`).join('\n'),
      },
    ],
    bullets: [
      `${t(lang, 'label.focusAreas')}: ${texts(focus, lang).join(' ')}`,
      ...texts(narrative, lang),
    ],
    caveats: [...caveats(used, lang), ...texts(disclaimer, lang)],
    sources: sourcesOf(story, used),
    asOf: story.asOf,
    visibility: 'public',
  };
}

export default defineCommand({
  name: 'summary',
  description: { en: 'The whole story on one screen', ja: '記事の要点をひと目で' },
  options: [],
  access: 'everyone',
  run: ({ story, lang }) => summaryAnswer(story, lang),
});
