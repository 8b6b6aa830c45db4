import { distance } from 'fastest-levenshtein';
import MiniSearch from 'minisearch';
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

/** Full-text search over one story's facts, in both languages, for `ask`. */
export class FactIndex {
  readonly #search: MiniSearch<FactDocument>;
  readonly #facts: ReadonlyMap<string, Fact>;
  readonly #vocabulary = new Set<string>();

  constructor(story: Story) {
    const names = new Map(
      story.entities.map((e) => [
        e.id,
        [e.name.en, e.name.ja, ...e.aliases, e.role?.en ?? '', e.role?.ja ?? ''].join(' '),
      ]),
    );
    const documents = story.facts.map((fact) => ({
      id: fact.id,
      text: [
        fact.text.en,
        fact.text.ja,
        ...fact.values.flatMap((v) => [v.label.en, v.label.ja]),
      ].join(' '),
      names: fact.entities.map((id) => names.get(id) ?? '').join(' '),
      section: `${fact.section} ${TOPIC_WORDS[fact.topic]}`,
    }));
    const terms = (text: string) => tokenize(text).map((token) => token.term);
    this.#search = new MiniSearch<FactDocument>({
      fields: ['text', 'names', 'section'],
      tokenize: terms,
      processTerm: (term) => term,
      searchOptions: {
        boost: { text: 1.5, section: 0.5 },
        prefix: (term) => term.length >= 4,
        fuzzy: (term) => (term.length >= 6 ? 0.2 : false),
      },
    });
    this.#search.addAll(documents);
    for (const doc of documents) {
      for (const field of [doc.text, doc.names, doc.section]) {
        for (const term of terms(field)) this.#vocabulary.add(term);
      }
    }
    this.#facts = new Map(story.facts.map((fact) => [fact.id, fact]));
  }

  /** A story word, a longer form of one ("invest" -> "investment"), or a near-typo ("Mircosoft"). */
  #knows(term: string): boolean {
    if (this.#vocabulary.has(term)) return true;
    if (term.length < 4) return false;
    for (const known of this.#vocabulary) {
      if (known.startsWith(term)) return true;
      if (
        term.length >= 6 &&
        Math.abs(known.length - term.length) <= 2 &&
        distance(known, term) <= 2
      ) {
        return true;
      }
    }
    return false;
  }

  ask(question: string): AskResult {
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

    const results = this.#search.search(question);
    const best = results[0]?.score;
    if (best === undefined) return { kind: 'notCovered', reason: 'noMatch' };
    const facts = results
      .filter((result) => result.score >= best * RELATIVE_CUTOFF)
      .slice(0, MAX_FACTS)
      .flatMap((result) => {
        const fact = this.#facts.get(String(result.id));
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
