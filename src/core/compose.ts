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

/**
 * "Sakura Internet (TSE 3778)" / 「さくらインターネット（東証：3778）」: the name, with the exchange
 * code where we know it. The codes are ours, not the article's: answers that show them carry
 * `tseCodeNote`.
 */
export function entityLabel(entity: Entity, lang: Lang): string {
  return entity.tseCode
    ? t(lang, 'label.withTse', { name: entity.name[lang], code: entity.tseCode })
    : entity.name[lang];
}

/** Says that the exchange codes shown are sakura-bot's, when any entity shown has one. */
export function tseCodeNote(entities: readonly Entity[], lang: Lang): string[] {
  return entities.some((entity) => entity.tseCode) ? [t(lang, 'note.tseCodes')] : [];
}

/** Sentences as one paragraph: English puts a space between them, Japanese none. */
export function joinSentences(sentences: readonly string[], lang: Lang): string {
  return sentences.join(lang === 'ja' ? '' : ' ');
}

/** The article section's name in `lang`; the schema guarantees every fact's section is listed. */
export function sectionName(story: Story, section: string, lang: Lang): string {
  return story.sections[section]?.[lang] ?? section;
}

/** A fact's text followed by the section it cites: "… (Market Reactions)" / "…（市場の反応）". */
export function citedText(story: Story, fact: Fact, lang: Lang): string {
  return t(lang, 'fact.cited', {
    text: fact.text[lang],
    section: sectionName(story, fact.section, lang),
  });
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

/** One reference per article section used, in the order the facts came, named in `lang`. */
export function sourcesOf(story: Story, facts: readonly Fact[], lang: Lang): SourceRef[] {
  const sections = [...new Set(facts.map((fact) => fact.section))];
  return sections.map((section) => ({
    title: story.source.title,
    eventsDate: story.source.eventsDate,
    section: sectionName(story, section, lang),
  }));
}
