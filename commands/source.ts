import { caveats, defineCommand, factsOn, formatDate, t, texts } from '../src/core/index.js';

export default defineCommand({
  name: 'source',
  nameJa: '出典',
  description: {
    en: 'Where the facts come from, and what the source leaves unclear',
    ja: '出典と、記事で不明確な点',
  },
  options: [],
  access: 'everyone',
  run({ story, lang }) {
    return {
      lang,
      title: t(lang, 'title.source'),
      lead: t(lang, 'lead.source'),
      fields: [
        { label: t(lang, 'label.article'), value: story.source.title },
        { label: t(lang, 'label.date'), value: formatDate(story.source.date, lang) },
      ],
      bullets: story.sourceNotes.map((note) => note[lang]),
      caveats: [...caveats(story.facts, lang), ...texts(factsOn(story, 'disclaimer'), lang)],
      sources: [{ title: story.source.title, date: story.source.date, section: 'whole article' }],
      asOf: story.asOf,
      visibility: 'public',
    };
  },
});
