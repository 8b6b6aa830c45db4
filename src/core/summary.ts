import type { Answer } from './answer.js';
import {
  caveats,
  entityById,
  factsOn,
  joinSentences,
  sourcesOf,
  texts,
  valueFields,
} from './compose.js';
import { formatPercentChange } from './format.js';
import { t } from './i18n.js';
import type { Lang } from './lang.js';
import type { Story } from './story/schema.js';

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
    lead: joinSentences(texts(pledge, lang), lang),
    fields: [
      ...valueFields([...pledge, ...focus], lang),
      {
        label: t(lang, 'label.shareMoves'),
        value: moves.map((move) => `${move.name} ${formatPercentChange(move.value)}`).join('\n'),
      },
    ],
    bullets: [
      t(lang, 'label.inline', {
        label: t(lang, 'label.focusAreas'),
        value: joinSentences(texts(focus, lang), lang),
      }),
      ...texts(narrative, lang),
    ],
    caveats: [...caveats(used, lang), ...texts(disclaimer, lang)],
    sources: sourcesOf(story, used, lang),
    asOf: story.asOf,
    visibility: 'public',
  };
}
