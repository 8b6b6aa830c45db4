import {
  caveats,
  defineCommand,
  entityById,
  entityLabel,
  type Fact,
  factsOn,
  type Lang,
  type Story,
  sourcesOf,
  t,
  texts,
} from '../src/core/index.js';

/** The companies the facts name, without the story's subject: partners are who it works with. */
function partnerNames(story: Story, facts: readonly Fact[], lang: Lang): string {
  const ids = [...new Set(facts.flatMap((fact) => fact.entities))].filter(
    (id) => id !== story.subject,
  );
  return ids.map((id) => entityLabel(entityById(story, id), lang)).join('\n');
}

export default defineCommand({
  name: 'partners',
  nameJa: '提携先',
  description: {
    en: 'Who Microsoft is working with in Japan',
    ja: 'マイクロソフトの日本での協業相手',
  },
  options: [],
  access: 'everyone',
  run({ story, lang }) {
    const aim = factsOn(story, 'investment').filter((fact) => fact.values.length === 0);
    const compute = factsOn(story, 'partnership');
    const others = factsOn(story, 'it-partners');
    return {
      lang,
      title: t(lang, 'title.partners'),
      lead: texts(aim, lang).join(' '),
      fields: [
        { label: t(lang, 'label.computePartners'), value: partnerNames(story, compute, lang) },
        { label: t(lang, 'label.itPartners'), value: partnerNames(story, others, lang) },
      ],
      bullets: texts([...compute, ...others], lang),
      caveats: caveats([...aim, ...others], lang),
      sources: sourcesOf(story, [...aim, ...compute, ...others]),
      asOf: story.asOf,
      visibility: 'public',
    };
  },
});
