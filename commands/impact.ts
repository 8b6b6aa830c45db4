// Opens and is shaped like the other commands by design: see commands/index.ts.
import { caveats, defineCommand, factsOn, sourcesOf, t, texts } from '../src/core/index.js';

export default defineCommand({
  name: 'impact',
  nameJa: '影響',
  description: {
    en: 'What the article expects this to mean for Japan',
    ja: '記事が挙げる日本市場への影響',
  },
  options: [],
  access: 'everyone',
  run({ story, lang }) {
    const facts = factsOn(story, 'implication');
    return {
      lang,
      title: t(lang, 'title.impact'),
      lead: t(lang, 'lead.impact', { count: facts.length }),
      bullets: texts(facts, lang),
      caveats: caveats(facts, lang),
      sources: sourcesOf(story, facts, lang),
      asOf: story.asOf,
      visibility: 'public',
    };
  },
});
