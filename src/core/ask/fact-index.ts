import { distance } from 'fastest-levenshtein';
import MiniSearch from 'minisearch';
import SearchableMap from 'minisearch/SearchableMap';
import type { Localized } from '../lang.js';
import type { Entity, Fact, Story } from '../story/schema.js';
import { EntityFinder, type EntityMatch } from './entity-finder.js';
import { figuresAgree } from './figures.js';
import { isOutOfScope } from './scope.js';
import { questionShape, type Shape } from './shape.js';
import { type Token, tokenize } from './tokenize.js';
import { ATTRIBUTE_NOUNS, CONCEPT_NAMES, isAttributeWord, TOPIC_WORDS } from './vocabulary.js';

/** What a question is about when the story has nothing of the asked kind. */
export type AskSubject =
  | { kind: 'entity'; entity: Entity }
  | { kind: 'concept'; term: string; name: Localized };

/** The kind of value a partial answer says the story lacks. */
export type MissingKind = Exclude<Shape, 'general'> | 'sharePrice';

export interface Missing {
  kind?: MissingKind;
  /** A yes/no question's claim that no fact about the subject makes. */
  claim?: boolean;
  /** The question's own words for what is missing ("revenue", 「社長」). */
  words: string[];
}

export type AskResult =
  | { kind: 'found'; facts: Fact[]; verdict?: 'yes' | 'no' }
  | { kind: 'partial'; subject: AskSubject; missing: Missing; facts: Fact[] }
  | { kind: 'notCovered'; reason: 'outOfScope' | 'unknownName' | 'noMatch' };

interface FactDocument {
  id: string;
  text: string;
  names: string;
  /** The article's heading and the topic's words add context the fact's own words lack. */
  section: string;
}

interface Ranked {
  fact: Fact;
  score: number;
}

/** Results scoring below this share of the best one are noise, not answers. */
const RELATIVE_CUTOFF = 0.45;
/** A fact holding the asked kind of value may lead from further down, but not from the noise. */
const KIND_CUTOFF = 0.2;
const MAX_FACTS = 3;
/** A yes/no is answered yes when the fact uses at least this share of the question's words. */
const CLAIM_SHARE = 0.6;
const NEGATIVE = /\b(no|not|never|without|only)\b|n't/i;
/** Words nearly every fact of this story shares: they support no particular claim. */
const CONTEXT_TERMS = new Set(['japan', 'ai', 'microsoft']);
/** "Which shares rose the most?": the largest or smallest of the figures found. */
const MOST = /\b(most|highest|biggest|largest|best|strongest)\b|最も|一番|最大|最高/i;
const LEAST = /\b(least|lowest|smallest|weakest)\b|最小|最低|もっとも小さ/i;
/** At least this share of a question's content words must be words the story uses. */
const MIN_COVERAGE = 0.6;
const MENTION_MARKUP = /<[@#!][^>]*>|@(?:everyone|here|channel)\b/g;
/** See #splitByRarity: a term in more facts than both of these is too common to rank by. */
const COMMON_TERM_FLOOR = 200;
const COMMON_TERM_SHARE = 0.05;

/** "What share of people…" asks for a proportion, not about shares on the market. */
const SHARE_OF = /\b(what|which|the) share of\b/gi;
const JAPANESE_WORD_CHAR = /[\p{Script=Han}\p{Script=Katakana}ー]/u;

/**
 * The asker's words for what is missing, whole: Japanese is segmented into pieces (時価|総額), so
 * a Japanese word is extended over the kanji and katakana that follow it in the question.
 */
function askedPhrases(question: string, tokens: readonly Token[]): string[] {
  const phrases: string[] = [];
  for (const token of tokens) {
    const at = question.indexOf(token.text);
    let end = at + token.text.length;
    if (at >= 0 && JAPANESE_WORD_CHAR.test(token.text)) {
      while (end < question.length && JAPANESE_WORD_CHAR.test(question[end] ?? '')) end += 1;
    }
    const phrase = ATTRIBUTE_NOUNS[token.term] ?? (at >= 0 ? question.slice(at, end) : token.text);
    if (!phrases.some((earlier) => earlier.includes(phrase))) phrases.push(phrase);
  }
  return phrases;
}

/** The facts that hold a percentage, largest first (`direction` 1) or smallest first (-1). */
function byPercent(ranked: readonly Ranked[], direction: 1 | -1): Ranked[] {
  const percentOf = (fact: Fact) => {
    const value = fact.values.find((v) => v.kind === 'percent');
    return value?.kind === 'percent' ? value.value : undefined;
  };
  return ranked
    .filter((r) => percentOf(r.fact) !== undefined)
    .sort((a, b) => direction * ((percentOf(b.fact) ?? 0) - (percentOf(a.fact) ?? 0)));
}

/** Whether a fact holds a value of the kind a question's shape asks for. */
function holdsKind(fact: Fact, shape: Shape, story: EntityKinds): boolean {
  const kinds = fact.values.map((value) => value.kind);
  switch (shape) {
    case 'amount':
      return kinds.includes('money');
    case 'percent':
      return kinds.includes('percent') || kinds.includes('ratio');
    case 'count':
      return kinds.includes('count') || kinds.includes('ratio');
    case 'date':
      return kinds.includes('date') || kinds.includes('year') || kinds.includes('yearRange');
    case 'person':
      return fact.entities.some((id) => story.get(id) !== 'company');
    case 'company':
      return kinds.includes('count') || fact.entities.some((id) => story.get(id) === 'company');
    case 'general':
      return true;
  }
}

type EntityKinds = ReadonlyMap<string, Entity['kind']>;

/** Full-text search over one story's facts, in both languages, for `ask`. */
export class FactIndex {
  readonly #search: MiniSearch<FactDocument>;
  readonly #facts: ReadonlyMap<string, Fact>;
  readonly #entities: ReadonlyMap<string, Entity>;
  readonly #entityKinds: EntityKinds;
  readonly #factsByEntity = new Map<string, Fact[]>();
  readonly #finder: EntityFinder;
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
    this.#entityKinds = new Map(story.entities.map((entity) => [entity.id, entity.kind]));
    for (const fact of story.facts) {
      for (const id of fact.entities) {
        const list = this.#factsByEntity.get(id) ?? [];
        list.push(fact);
        this.#factsByEntity.set(id, list);
      }
    }
    this.#finder = new EntityFinder(story.entities);
  }

  /** A story word, a longer form of one ("invest" -> "investment"), or a near-typo ("Mircosoft"). */
  #knows(term: string): boolean {
    if (this.#vocabulary.has(term)) return true;
    if (term.length < 4) return false;
    if (this.#vocabulary.atPrefix(term).size > 0) return true;
    return term.length >= 6 && this.#vocabulary.fuzzyGet(term, 2).size > 0;
  }

  /** Whether a fact uses a question's term as it is, as a prefix, or with a typo. */
  #factUses(fact: Fact, term: string): boolean {
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

  #rank(terms: readonly string[]): Ranked[] {
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
  #about(ranked: readonly Ranked[], named: EntityMatch): Ranked[] {
    if (named.ids.length === 0) return [...ranked];
    const about = ranked.filter((r) => r.fact.entities.some((id) => named.ids.includes(id)));
    if (about.length > 0) return about;
    return named.ids.flatMap((id) =>
      (this.#factsByEntity.get(id) ?? []).map((fact) => ({ fact, score: 0 })),
    );
  }

  #subject(tokens: readonly Token[], named: EntityMatch): AskSubject | undefined {
    const first = named.ids[0];
    const entity = first === undefined ? undefined : this.#entities.get(first);
    if (entity) return { kind: 'entity', entity };
    for (const token of tokens) {
      const name = CONCEPT_NAMES[token.term];
      if (name) return { kind: 'concept', term: token.term, name };
    }
    return undefined;
  }

  ask(rawQuestion: string): AskResult {
    // Mentions (`<@U123>`, `<!channel>`, `<#C1|general>`, `@everyone`) say who is asked, not what.
    const question = rawQuestion.replace(MENTION_MARKUP, ' ').replace(SHARE_OF, '$1 percentage of');
    if (isOutOfScope(question)) return { kind: 'notCovered', reason: 'outOfScope' };
    const tokens = tokenize(question);
    if (tokens.length === 0) return { kind: 'notCovered', reason: 'noMatch' };

    const named = this.#finder.find(tokens, (term) => this.#vocabulary.has(term));
    const unknown = tokens.filter(
      (token, i) => !named.tokenIndexes.has(i) && !this.#knows(token.term),
    );
    // A name the story never mentions ("Google", "トヨタ", "NTT" without "Data") means the
    // question is about something else.
    const otherName = tokens.some(
      (token, i) =>
        token.nameLike &&
        !named.tokenIndexes.has(i) &&
        !isAttributeWord(token.term) &&
        (unknown.includes(token) || this.#finder.isPartialName(token.term)),
    );
    if (otherName) return { kind: 'notCovered', reason: 'unknownName' };
    const known = tokens.filter((token) => !unknown.includes(token));
    if (known.length === 0) return { kind: 'notCovered', reason: 'noMatch' };

    const { shape, purpose, yesNo } = questionShape(question);
    const content = tokens.filter(
      (token, i) => !named.tokenIndexes.has(i) && known.includes(token),
    );
    const subject = this.#subject(content, named);
    const partial = (missing: Missing, facts: readonly Ranked[]): AskResult =>
      subject
        ? {
            kind: 'partial',
            subject,
            missing,
            facts: facts.slice(0, MAX_FACTS).map((r) => r.fact),
          }
        : { kind: 'notCovered', reason: 'noMatch' };

    // "What is it for?" names no purpose word: add the one the story's aims are indexed under.
    const terms = known.map((token) => token.term);
    if (purpose && !terms.includes('purpose')) terms.push('purpose');
    const pool = this.#about(this.#rank(terms), named);
    const best = pool[0]?.score ?? 0;
    const relevant = pool.filter((r) => r.score >= best * RELATIVE_CUTOFF);
    const words = (list: readonly Token[]) => askedPhrases(question, list);

    // Revenue, the CEO, 社長: asked about, and in none of the subject's facts.
    const attributes = tokens.filter(
      (token, i) =>
        !named.tokenIndexes.has(i) &&
        isAttributeWord(token.term) &&
        !pool.some((r) => r.score > 0 && this.#factUses(r.fact, token.term)),
    );
    if (attributes.length > 0) return partial({ words: words(attributes) }, relevant);
    if (known.length / tokens.length < MIN_COVERAGE)
      return partial({ words: words(unknown) }, relevant);
    if (relevant.length === 0) return { kind: 'notCovered', reason: 'noMatch' };

    let facts = relevant;
    if (shape !== 'general') {
      // The fact must be about the subject too: a date elsewhere in the story is no date for it.
      const concept = subject?.kind === 'concept' ? subject.term : undefined;
      const candidates = pool.filter(
        (r) =>
          r.score >= best * KIND_CUTOFF &&
          (concept === undefined || this.#factUses(r.fact, concept)),
      );
      const withKind = this.#withKind(candidates, shape);
      if (!withKind) {
        const aboutShares = shape === 'percent' && tokens.some((token) => token.term === 'stock');
        return partial({ kind: aboutShares ? 'sharePrice' : shape, words: [] }, relevant);
      }
      facts = [withKind, ...relevant.filter((r) => r !== withKind)];
    }
    const extreme = MOST.test(question) ? 1 : LEAST.test(question) ? -1 : 0;
    if (extreme !== 0) {
      // Among the answers found, not the whole store: "most" of what was asked about.
      const ranked = byPercent(relevant, extreme);
      if (ranked.length > 1) facts = [...ranked, ...facts.filter((r) => !ranked.includes(r))];
    }
    const top = facts[0]?.fact;
    if (!top) return { kind: 'notCovered', reason: 'noMatch' };
    const chosen = facts.slice(0, MAX_FACTS).map((r) => r.fact);
    if (!yesNo) return { kind: 'found', facts: chosen };

    // Words the story never uses are part of the claim too ("hire" in "Will Microsoft hire people?").
    const claim = tokens.filter(
      (token) =>
        (content.includes(token) || unknown.includes(token)) && !CONTEXT_TERMS.has(token.term),
    );
    // A fact that says what the article does not give ("names no author") answers a yes/no
    // about it only in its own words: no yes or no is read into it.
    if (NEGATIVE.test(top.text.en)) return { kind: 'found', facts: chosen };
    const verdict = this.#verdict(question, tokens, claim, named, top);
    if (verdict) return { kind: 'found', facts: chosen, verdict };
    // A yes/no whose claim no fact about its subject makes: the story does not say.
    return partial(
      { claim: true, words: words(claim.filter((t) => !/^\d/.test(t.term))) },
      relevant,
    );
  }

  /**
   * The best candidate holding the asked kind. "Who …?" prefers the fact naming the most people,
   * and takes a company ("Who will deliver the GPUs?") when no fact names a person.
   */
  #withKind(candidates: readonly Ranked[], shape: Shape): Ranked | undefined {
    if (shape !== 'person')
      return candidates.find((r) => holdsKind(r.fact, shape, this.#entityKinds));
    const people = (r: Ranked) =>
      r.fact.entities.filter((id) => this.#entityKinds.get(id) !== 'company').length;
    const named = candidates.filter((r) => people(r) > 0);
    if (named.length === 0) return candidates.find((r) => r.fact.entities.length > 0);
    return named.reduce((most, r) => (people(r) > people(most) ? r : most));
  }

  #verdict(
    question: string,
    asked: readonly Token[],
    content: readonly Token[],
    named: EntityMatch,
    top: Fact,
  ): 'yes' | 'no' | undefined {
    const agree = figuresAgree(question, top.values);
    if (agree === false) return 'no';
    const move = top.values.find((value) => value.kind === 'percent');
    const asksFall = asked.some((token) => token.term === 'fall');
    if (move?.kind === 'percent' && asksFall) return move.value > 0 ? 'no' : 'yes';
    const namesFit = named.groups.every((ids) => ids.some((id) => top.entities.includes(id)));
    // Figures are checked above; of the words, most must be the fact's own ("part of the plan"
    // in "Is cybersecurity part of the plan?" is phrasing, not a claim).
    const words = content.filter((token) => !/^\d/.test(token.term));
    const used = words.filter((token) => this.#factUses(top, token.term)).length;
    const wordsFit = words.length === 0 || used / words.length >= CLAIM_SHARE;
    return namesFit && wordsFit ? 'yes' : undefined;
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
