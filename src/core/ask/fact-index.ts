import { distance } from 'fastest-levenshtein';
import MiniSearch from 'minisearch';
import SearchableMap from 'minisearch/SearchableMap';
import type { Entity, Fact, Story } from '../story/schema.js';
import { type AskResult, askQuestion } from './ask-question.js';
import { EntityFinder, type EntityMatch } from './entity-finder.js';
import { type Token, tokenize } from './tokenize.js';
import { TOPIC_WORDS } from './vocabulary.js';

interface FactDocument {
  id: string;
  text: string;
  names: string;
  /** The article's heading and the topic's words add context the fact's own words lack. */
  section: string;
}

/** A fact and how well it matches a question's terms. */
export interface Ranked {
  fact: Fact;
  score: number;
}

/** See #splitByRarity: a term in more facts than both of these is too common to rank by. */
const COMMON_TERM_FLOOR = 200;
const COMMON_TERM_SHARE = 0.05;
/** A term in at least this share of the facts is the story's context ("Japan", "AI"), no claim. */
const CONTEXT_TERM_SHARE = 0.4;

/** Full-text search over one story's facts, in both languages, for `ask`. */
export class FactIndex {
  readonly #search: MiniSearch<FactDocument>;
  readonly #facts: ReadonlyMap<string, Fact>;
  readonly #entities: ReadonlyMap<string, Entity>;
  readonly #factsByEntity = new Map<string, Fact[]>();
  readonly #finder: EntityFinder;
  /** Every indexed term, in a radix tree: prefix and typo look-ups without scanning them all. */
  readonly #vocabulary = new SearchableMap<true>();
  /** How many facts use each term. */
  readonly #documentFrequency = new Map<string, number>();
  /** How many facts' own text (not names, headings or topic words) uses each term. */
  readonly #textFrequency = new Map<string, number>();
  /** The terms of each fact, for re-ranking by common terms. */
  readonly #factTerms = new Map<string, ReadonlySet<string>>();

  constructor(story: Story) {
    // Names and section headings repeat across facts: tokenize each distinct string once.
    const cache = new Map<string, string[]>();
    const termsOf = (text: string): string[] => {
      let terms = cache.get(text);
      if (!terms) {
        terms = tokenize(text).map((token) => token.term);
        cache.set(text, terms);
      }
      return terms;
    };
    const names = new Map(
      story.entities.map((e) => [
        e.id,
        [e.name.en, e.name.ja, ...e.aliases, e.role?.en ?? '', e.role?.ja ?? ''].join(' '),
      ]),
    );
    const sectionNames = (section: string) => {
      const name = story.sections[section];
      return name ? `${name.en} ${name.ja}` : section;
    };
    // Documents hold canonical terms already, so indexing only splits on spaces.
    const documents = story.facts.map((fact) => ({
      id: fact.id,
      text: termsOf(
        [
          fact.text.en,
          fact.text.ja,
          fact.caveat?.en ?? '',
          fact.caveat?.ja ?? '',
          ...fact.values.flatMap((v) => [v.label.en, v.label.ja]),
        ].join(' '),
      ),
      names: fact.entities.flatMap((id) => termsOf(names.get(id) ?? '')),
      section: termsOf(`${sectionNames(fact.section)} ${TOPIC_WORDS[fact.topic]}`),
    }));
    for (const doc of documents) {
      for (const term of new Set(doc.text)) {
        this.#textFrequency.set(term, (this.#textFrequency.get(term) ?? 0) + 1);
      }
      const terms = new Set([...doc.text, ...doc.names, ...doc.section]);
      this.#factTerms.set(doc.id, terms);
      for (const term of terms) {
        this.#vocabulary.set(term, true);
        this.#documentFrequency.set(term, (this.#documentFrequency.get(term) ?? 0) + 1);
      }
    }
    this.#search = new MiniSearch<FactDocument>({
      fields: ['text', 'names', 'section'],
      tokenize: (text) => (text ? text.split(' ') : []),
      processTerm: (term) => term,
      searchOptions: {
        tokenize: (question) => tokenize(question).map((token) => token.term),
        processTerm: (term) => term,
        boost: { text: 1.5, section: 1 },
        // Prefix and typo matching only for words the story does not use as they are: they cost
        // the most on a large store and add nothing to an exact hit.
        prefix: (term) => term.length >= 4 && !this.#vocabulary.has(term),
        fuzzy: (term) => (term.length >= 6 && !this.#vocabulary.has(term) ? 0.2 : false),
      },
    });
    this.#search.addAll(
      documents.map((doc) => ({
        id: doc.id,
        text: doc.text.join(' '),
        names: doc.names.join(' '),
        section: doc.section.join(' '),
      })),
    );
    this.#facts = new Map(story.facts.map((fact) => [fact.id, fact]));
    this.#entities = new Map(story.entities.map((entity) => [entity.id, entity]));
    for (const fact of story.facts) {
      for (const id of fact.entities) {
        const list = this.#factsByEntity.get(id) ?? [];
        list.push(fact);
        this.#factsByEntity.set(id, list);
      }
    }
    this.#finder = new EntityFinder(story.entities);
  }

  /** The story's entities named in a question (see EntityFinder). */
  findEntities(tokens: readonly Token[]): EntityMatch {
    return this.#finder.find(tokens, (term) => this.#vocabulary.has(term));
  }

  /** "NTT" of "NTT Data": a name-like word that names no entity alone. */
  isPartialName(term: string): boolean {
    return this.#finder.isPartialName(term);
  }

  /** "Japan" in a story about Japan: a word so many facts use that it supports no claim. */
  isContextTerm(term: string): boolean {
    return (this.#textFrequency.get(term) ?? 0) >= this.#facts.size * CONTEXT_TERM_SHARE;
  }

  entity(id: string): Entity | undefined {
    return this.#entities.get(id);
  }

  entityKind(id: string): Entity['kind'] | undefined {
    return this.#entities.get(id)?.kind;
  }

  /** A story word, a longer form of one ("invest" -> "investment"), or a near-typo ("Mircosoft"). */
  knows(term: string): boolean {
    if (this.#vocabulary.has(term)) return true;
    if (term.length < 4) return false;
    if (this.#vocabulary.atPrefix(term).size > 0) return true;
    return term.length >= 6 && this.#vocabulary.fuzzyGet(term, 2).size > 0;
  }

  /** Whether a fact uses a question's term as it is, as a prefix, or with a typo. */
  factUses(fact: Fact, term: string): boolean {
    const terms = this.#factTerms.get(fact.id);
    if (!terms) return false;
    if (terms.has(term)) return true;
    for (const own of terms) {
      if (term.length >= 4 && own.startsWith(term)) return true;
      if (term.length >= 6 && Math.abs(own.length - term.length) <= 2 && distance(own, term) <= 2)
        return true;
    }
    return false;
  }

  /**
   * On a large store a word found in a large share of facts makes the search score every one of
   * them; while the question has rarer words, those find the candidates alone. Small stores
   * (like one article) never reach the floor, so every word is searched there.
   */
  #splitByRarity(terms: readonly string[]): { rare: string[]; common: string[] } {
    const limit = Math.max(COMMON_TERM_FLOOR, this.#facts.size * COMMON_TERM_SHARE);
    const rare = terms.filter((term) => (this.#documentFrequency.get(term) ?? 0) <= limit);
    if (rare.length === 0) return { rare: [...terms], common: [] };
    return { rare, common: terms.filter((term) => !rare.includes(term)) };
  }

  rank(terms: readonly string[]): Ranked[] {
    const { rare, common } = this.#splitByRarity(terms);
    // The terms are canonical already: hand them over as they are rather than tokenize twice.
    const found = this.#search.search(rare.join(' '), { tokenize: (text) => text.split(' ') });
    // Common terms only re-rank what the rare ones found ("shares" picks the share move among
    // the facts that name Sakura Internet), which costs a look-up per candidate, not per fact.
    return found
      .flatMap((result) => {
        const fact = this.#facts.get(String(result.id));
        if (!fact) return [];
        const terms = this.#factTerms.get(fact.id);
        const shared = common.filter((term) => terms?.has(term)).length;
        const boost = common.length === 0 ? 1 : 1 + shared / common.length;
        return [{ fact, score: result.score * boost }];
      })
      .sort((a, b) => b.score - a.score);
  }

  /** The ranked facts about the named entities; their facts in story order if none ranked. */
  about(ranked: readonly Ranked[], named: EntityMatch): Ranked[] {
    if (named.ids.length === 0) return [...ranked];
    const about = ranked.filter((r) => r.fact.entities.some((id) => named.ids.includes(id)));
    if (about.length > 0) return about;
    return named.ids.flatMap((id) =>
      (this.#factsByEntity.get(id) ?? []).map((fact) => ({ fact, score: 0 })),
    );
  }

  ask(question: string): AskResult {
    return askQuestion(this, question);
  }
}

const indexes = new WeakMap<Story, FactIndex>();

/** One index per loaded story, built on first use: building costs far more than a search. */
export function factIndexFor(story: Story): FactIndex {
  let index = indexes.get(story);
  if (!index) {
    index = new FactIndex(story);
    indexes.set(story, index);
  }
  return index;
}
