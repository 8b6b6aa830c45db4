import { defineCommand, entityById, factsOn, sourcesOf, t, texts } from '../src/core/index.js';

export default defineCommand({
  name: 'announcement',
  nameJa: '発表',
  description: {
    en: "Brad Smith's visit to Japan and his meeting with the Prime Minister",
    ja: 'ブラッド・スミス氏の来日と首相との会談',
  },
  options: [],
  access: 'everyone',
  run({ story, lang }) {
    const [visit, ...rest] = factsOn(story, 'announcement');
    const people = (visit?.entities ?? [])
      .map((id) => entityById(story, id))
      .filter((entity) => entity.role !== undefined);
    return {
      lang,
      title: t(lang, 'title.announcement'),
      lead: visit?.text[lang],
      fields: people.map((person) => ({
        label: person.name[lang],
        value: person.role?.[lang] ?? '',
      })),
      bullets: texts(rest, lang),
      sources: sourcesOf(story, visit ? [visit, ...rest] : rest, lang),
      asOf: story.asOf,
      visibility: 'public',
    };
  },
});
