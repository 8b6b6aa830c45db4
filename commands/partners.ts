import {
  caveats,
  defineCommand,
  type Entity,
  entityById,
  entityLabel,
  type Fact,
  factsOn,
  joinSentences,
  type Story,
  sourcesOf,
  t,
  texts,
  tseCodeNote,
} from '../src/core/index.js';

/** The companies the facts name, without the story's subject: partners are who it works with. */
function partners(story: Story, facts: readonly Fact[]): Entity[] {
  const ids = [...new Set(facts.flatMap((fact) => fact.entities))].filter(
    (id) => id !== story.subject,
  );
  return ids.map((id) => entityById(story, id));
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
    const names = (entities: readonly Entity[]) =>
      entities.map((entity) => entityLabel(entity, lang)).join('\n');
    const aim = factsOn(story, 'investment').filter((fact) => fact.values.length === 0);
    const compute = factsOn(story, 'partnership');
    const others = factsOn(story, 'it-partners');
    const computePartners = partners(story, compute);
    const otherPartners = partners(story, others);
    return {
      lang,
      title: t(lang, 'title.partners'),
      lead: joinSentences(texts(aim, lang), lang),
      fields: [
        { label: t(lang, 'label.computePartners'), value: names(computePartners) },
        { label: t(lang, 'label.itPartners'), value: names(otherPartners) },
      ],
      bullets: texts([...compute, ...others], lang),
      caveats: [
        ...caveats([...aim, ...others], lang),
        ...tseCodeNote([...computePartners, ...otherPartners], lang),
      ],
      sources: sourcesOf(story, [...aim, ...compute, ...others], lang),
      asOf: story.asOf,
      visibility: 'public',
    };
  },
});
