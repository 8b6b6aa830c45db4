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
  name: 'adoption',
  nameJa: '利用状況',
  description: {
    en: 'How many people use generative AI in Japan and worldwide',
    ja: '日本と世界の生成AI利用率',
  },
  options: [],
  access: 'everyone',
  run({ story, lang }) {
    const facts = factsOn(story, 'adoption');
    return {
      lang,
      title: t(lang, 'title.adoption'),
      lead: joinSentences(texts(facts, lang), lang),
      fields: valueFields(facts, lang),
      caveats: caveats(facts, lang),
      sources: sourcesOf(story, facts, lang),
      asOf: story.asOf,
      visibility: 'public',
    };
  },
});
