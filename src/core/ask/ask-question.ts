import type { Localized } from '../lang.js';
import type { Entity, Fact } from '../story/schema.js';
import type { EntityMatch } from './entity-finder.js';
import type { FactIndex, Ranked } from './fact-index.js';
import { figuresAgree } from './figures.js';
import { isOutOfScope } from './scope.js';
import { questionShape, type Shape } from './shape.js';
import { type Token, tokenize } from './tokenize.js';
import { ATTRIBUTE_NOUNS, CONCEPT_NAMES, isAttributeWord } from './vocabulary.js';

/**
 * `ask`'s decisions over a story's index: which fact answers the question first, whether it is
 * a yes or a no, or what the story lacks about the question's subject. See ADR 007.
 */

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

/** Results scoring below this share of the best one are noise, not answers. */
const RELATIVE_CUTOFF = 0.45;
/** A fact holding the asked kind of value may lead from further down, but not from the noise. */
const KIND_CUTOFF = 0.2;
const MAX_FACTS = 3;
/** A yes/no is answered yes when the fact uses at least this share of the question's words. */
const CLAIM_SHARE = 0.6;
const NEGATIVE = /\b(no|not|never|without|only)\b|n't/i;
/** "Which shares rose the most?": the largest or smallest of the figures found. */
const MOST = /\b(most|highest|biggest|largest|best|strongest)\b|最も|一番|最大|最高/i;
const LEAST = /\b(least|lowest|smallest|weakest)\b|最小|最低|もっとも小さ/i;
/** At least this share of a question's content words must be words the story uses. */
const MIN_COVERAGE = 0.6;
/**
 * How chat text addresses people and places: a `<…>` token opening with @, # or ! (a user, a
 * channel, a broadcast) or an @-word for everyone. Whichever chat it came from, it says who is
 * asked, not what; written once here so every surface, the console included, reads alike.
 */
const ADDRESSING = /<[@#!][^>]*>|@(?:everyone|here|channel)\b/g;
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
function holdsKind(fact: Fact, shape: Shape, index: FactIndex): boolean {
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
      return fact.entities.some((id) => index.entityKind(id) !== 'company');
    case 'company':
      return (
        kinds.includes('count') || fact.entities.some((id) => index.entityKind(id) === 'company')
      );
    case 'general':
      return true;
  }
}

function subjectOf(
  index: FactIndex,
  tokens: readonly Token[],
  named: EntityMatch,
): AskSubject | undefined {
  const first = named.ids[0];
  const entity = first === undefined ? undefined : index.entity(first);
  if (entity) return { kind: 'entity', entity };
  for (const token of tokens) {
    const name = CONCEPT_NAMES[token.term];
    if (name) return { kind: 'concept', term: token.term, name };
  }
  return undefined;
}

/** Answers one free question from the story behind `index`. */
export function askQuestion(index: FactIndex, rawQuestion: string): AskResult {
  const question = rawQuestion.replace(ADDRESSING, ' ').replace(SHARE_OF, '$1 percentage of');
  if (isOutOfScope(question)) return { kind: 'notCovered', reason: 'outOfScope' };
  const tokens = tokenize(question);
  if (tokens.length === 0) return { kind: 'notCovered', reason: 'noMatch' };

  const named = index.findEntities(tokens);
  const unknown = tokens.filter(
    (token, i) => !named.tokenIndexes.has(i) && !index.knows(token.term),
  );
  // A name the story never mentions ("Google", "トヨタ", "NTT" without "Data") means the
  // question is about something else.
  const otherName = tokens.some(
    (token, i) =>
      token.nameLike &&
      !named.tokenIndexes.has(i) &&
      !isAttributeWord(token.term) &&
      (unknown.includes(token) || index.isPartialName(token.term)),
  );
  if (otherName) return { kind: 'notCovered', reason: 'unknownName' };
  const known = tokens.filter((token) => !unknown.includes(token));
  if (known.length === 0) return { kind: 'notCovered', reason: 'noMatch' };

  const { shape, purpose, yesNo } = questionShape(question);
  const content = tokens.filter((token, i) => !named.tokenIndexes.has(i) && known.includes(token));
  const subject = subjectOf(index, content, named);
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
  const pool = index.about(index.rank(terms), named);
  const best = pool[0]?.score ?? 0;
  const relevant = pool.filter((r) => r.score >= best * RELATIVE_CUTOFF);
  const words = (list: readonly Token[]) => askedPhrases(question, list);

  // Revenue, the CEO, 社長: asked about, and in none of the subject's facts.
  const attributes = tokens.filter(
    (token, i) =>
      !named.tokenIndexes.has(i) &&
      isAttributeWord(token.term) &&
      !pool.some((r) => r.score > 0 && index.factUses(r.fact, token.term)),
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
        r.score >= best * KIND_CUTOFF && (concept === undefined || index.factUses(r.fact, concept)),
    );
    const holding = pickWithKind(index, candidates, shape);
    if (!holding) {
      const aboutShares = shape === 'percent' && tokens.some((token) => token.term === 'stock');
      return partial({ kind: aboutShares ? 'sharePrice' : shape, words: [] }, relevant);
    }
    facts = [holding, ...relevant.filter((r) => r !== holding)];
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
      (content.includes(token) || unknown.includes(token)) && !index.isContextTerm(token.term),
  );
  // A fact that says what the article does not give ("names no author") answers a yes/no
  // about it only in its own words: no yes or no is read into it.
  if (NEGATIVE.test(top.text.en)) return { kind: 'found', facts: chosen };
  const answer = verdictOf(index, question, tokens, claim, named, top);
  if (answer) return { kind: 'found', facts: chosen, verdict: answer };
  // A yes/no whose claim no fact about its subject makes: the story does not say.
  return partial({ claim: true, words: words(claim.filter((t) => !/^\d/.test(t.term))) }, relevant);
}

/**
 * The best candidate holding the asked kind. "Who …?" prefers the fact naming the most people,
 * and takes a company ("Who will deliver the GPUs?") when no fact names a person.
 */
function pickWithKind(
  index: FactIndex,
  candidates: readonly Ranked[],
  shape: Shape,
): Ranked | undefined {
  if (shape !== 'person') return candidates.find((r) => holdsKind(r.fact, shape, index));
  const people = (r: Ranked) =>
    r.fact.entities.filter((id) => index.entityKind(id) !== 'company').length;
  const named = candidates.filter((r) => people(r) > 0);
  if (named.length === 0) return candidates.find((r) => r.fact.entities.length > 0);
  return named.reduce((most, r) => (people(r) > people(most) ? r : most));
}

function verdictOf(
  index: FactIndex,
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
  const used = words.filter((token) => index.factUses(top, token.term)).length;
  const wordsFit = words.length === 0 || used / words.length >= CLAIM_SHARE;
  return namesFit && wordsFit ? 'yes' : undefined;
}
