// Opens and is shaped like the other commands by design: see commands/index.ts.
import {
  caveats,
  defineCommand,
  factsOn,
  joinSentences,
  sourcesOf,
  t,
  texts,
  valueFields,
} from '../src/core/index.js';

export default defineCommand({
  name: 'investment',
  nameJa: '投資',
  description: {
    en: "Microsoft's $10 billion plan: amount, years, focus areas, training goal",
    ja: 'マイクロソフトの投資計画：金額・期間・重点分野・育成目標',
  },
  options: [],
  access: 'everyone',
  run({ story, lang }) {
    const pledge = factsOn(story, 'investment').filter((fact) => fact.values.length > 0);
    const focus = factsOn(story, 'focus-area');
    return {
      lang,
      title: t(lang, 'title.investment'),
      lead: joinSentences(texts(pledge, lang), lang),
      fields: valueFields([...pledge, ...focus], lang),
      bullets: texts(focus, lang),
      caveats: caveats(pledge, lang),
      sources: sourcesOf(story, [...pledge, ...focus], lang),
      asOf: story.asOf,
      visibility: 'public',
    };
  },
});
