import MiniSearch from 'minisearch';
import SearchableMap from 'minisearch/SearchableMap';
import type { Fact, Story } from '../story/schema.js';
import { isOutOfScope } from './scope.js';
import { tokenize } from './tokenize.js';
import { TOPIC_WORDS } from './vocabulary.js';

export type AskResult =
  | { kind: 'found'; facts: Fact[] }
  | { kind: 'notCovered'; reason: 'outOfScope' | 'unknownName' | 'noMatch' };

interface FactDocument {
  id: string;
  text: string;
  names: string;
  /** The article's heading and the topic's words add context the fact's own words lack. */
  section: string;
}

/** Results scoring below this share of the best one are noise, not answers. */
const RELATIVE_CUTOFF = 0.45;
const MAX_FACTS = 3;
/** At least this share of a question's content words must be words the story uses. */
const MIN_COVERAGE = 0.6;
const MENTION_MARKUP = /<[@#!][^>]*>|@(?:everyone|here|channel)\b/g;
/** See #splitByRarity: a term in more facts than both of these is too common to rank by. */
const COMMON_TERM_FLOOR = 200;
const COMMON_TERM_SHARE = 0.05;

/** Full-text search over one story's facts, in both languages, for `ask`. */
export class FactIndex {
  readonly #search: MiniSearch<FactDocument>;
  readonly #facts: ReadonlyMap<string, Fact>;
  /** Every indexed term, in a radix tree: prefix and typo look-ups without scanning them all. */
  readonly #vocabulary = new SearchableMap<true>();
  /** How many facts use each term. */
  readonly #documentFrequency = new Map<string, number>();
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
    // Documents hold canonical terms already, so indexing only splits on spaces.
    const documents = story.facts.map((fact) => ({
      id: fact.id,
      text: termsOf(
        [fact.text.en, fact.text.ja, ...fact.values.flatMap((v) => [v.label.en, v.label.ja])].join(
          ' ',
        ),
      ),
      names: fact.entities.flatMap((id) => termsOf(names.get(id) ?? '')),
      section: termsOf(`${fact.section} ${TOPIC_WORDS[fact.topic]}`),
    }));
    for (const doc of documents) {
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
        boost: { text: 1.5, section: 0.5 },
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
  }

  /** A story word, a longer form of one ("invest" -> "investment"), or a near-typo ("Mircosoft"). */
  #knows(term: string): boolean {
    if (this.#vocabulary.has(term)) return true;
    if (term.length < 4) return false;
    if (this.#vocabulary.atPrefix(term).size > 0) return true;
    return term.length >= 6 && this.#vocabulary.fuzzyGet(term, 2).size > 0;
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

  ask(rawQuestion: string): AskResult {
    // Mentions (`<@U123>`, `<!channel>`, `<#C1|general>`, `@everyone`) say who is asked, not what.
    const question = rawQuestion.replace(MENTION_MARKUP, ' ');
    if (isOutOfScope(question)) return { kind: 'notCovered', reason: 'outOfScope' };
    const tokens = tokenize(question);
    if (tokens.length === 0) return { kind: 'notCovered', reason: 'noMatch' };

    const unknown = tokens.filter((token) => !this.#knows(token.term));
    // A name the story never mentions ("Google", "トヨタ") means the question is about something else.
    if (unknown.some((token) => token.nameLike))
      return { kind: 'notCovered', reason: 'unknownName' };
    if ((tokens.length - unknown.length) / tokens.length < MIN_COVERAGE) {
      return { kind: 'notCovered', reason: 'noMatch' };
    }

    const { rare, common } = this.#splitByRarity(tokens.map((token) => token.term));
    // The terms are canonical already: hand them over as they are rather than tokenize twice.
    const found = this.#search.search(rare.join(' '), { tokenize: (text) => text.split(' ') });
    // Common terms only re-rank what the rare ones found ("shares" picks the share move among
    // the facts that name Sakura Internet), which costs a look-up per candidate, not per fact.
    const results = found
      .map((result) => {
        const terms = this.#factTerms.get(String(result.id));
        const shared = common.filter((term) => terms?.has(term)).length;
        const boost = common.length === 0 ? 1 : 1 + shared / common.length;
        return { id: String(result.id), score: result.score * boost };
      })
      .sort((a, b) => b.score - a.score);
    const best = results[0]?.score;
    if (best === undefined) return { kind: 'notCovered', reason: 'noMatch' };
    const facts = results
      .filter((result) => result.score >= best * RELATIVE_CUTOFF)
      .slice(0, MAX_FACTS)
      .flatMap((result) => {
        const fact = this.#facts.get(result.id);
        return fact ? [fact] : [];
      });
    return { kind: 'found', facts };
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
