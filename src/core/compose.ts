import type { AnswerField, SourceRef } from './answer.js';
import { formatValue } from './format.js';
import { t } from './i18n.js';
import type { Lang } from './lang.js';
import type { Entity, Fact, Story, Topic } from './story/schema.js';

/** Small pieces commands build Answers from, so no command formats a fact its own way. */

export function factsOn(story: Story, topic: Topic): Fact[] {
  return story.facts.filter((fact) => fact.topic === topic);
}

export function entityById(story: Story, id: string): Entity {
  const entity = story.entities.find((e) => e.id === id);
  // The schema guarantees every fact's entity exists, so this is a programming error.
  if (!entity) throw new Error(`unknown entity ${id}`);
  return entity;
}

/** "Sakura Internet (TSE 3778)": the name, with the exchange code where we know it. */
export function entityLabel(entity: Entity, lang: Lang): string {
  const name = entity.name[lang];
  return entity.tseCode ? `${name} (${t(lang, 'label.tse', { code: entity.tseCode })})` : name;
}

export function valueFields(facts: readonly Fact[], lang: Lang): AnswerField[] {
  return facts.flatMap((fact) =>
    fact.values.map((value) => ({ label: value.label[lang], value: formatValue(value, lang) })),
  );
}

export function texts(facts: readonly Fact[], lang: Lang): string[] {
  return facts.map((fact) => fact.text[lang]);
}

export function caveats(facts: readonly Fact[], lang: Lang): string[] {
  return facts.flatMap((fact) => (fact.caveat ? [fact.caveat[lang]] : []));
}

/** One reference per article section used, in the order the facts came. */
export function sourcesOf(story: Story, facts: readonly Fact[]): SourceRef[] {
  const sections = [...new Set(facts.map((fact) => fact.section))];
  return sections.map((section) => ({
    title: story.source.title,
    date: story.source.date,
    section,
  }));
}
