import {
  caveats,
  defineCommand,
  factsOn,
  formatDate,
  sourcesOf,
  t,
  texts,
} from '../src/core/index.js';

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
        // The article is undated: say so rather than let the events' date pass for its own.
        { label: t(lang, 'label.published'), value: t(lang, 'value.notGiven') },
        {
          label: t(lang, 'label.eventsDate'),
          value: formatDate(story.source.eventsDate, lang),
        },
      ],
      bullets: [...texts(factsOn(story, 'source'), lang), t(lang, 'note.tseCodes')],
      caveats: [...caveats(story.facts, lang), ...texts(factsOn(story, 'disclaimer'), lang)],
      sources: sourcesOf(story, factsOn(story, 'source'), lang),
      asOf: story.asOf,
      visibility: 'public',
    };
  },
});
