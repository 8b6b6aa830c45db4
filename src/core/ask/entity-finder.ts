import { distance } from 'fastest-levenshtein';
import type { Entity } from '../story/schema.js';
import type { Token } from './tokenize.js';
import { tokenize } from './tokenize.js';

interface NameForm {
  entityId: string;
  terms: readonly string[];
  /** The first word looks like a name on its own (NTT, Sakura), not an ordinary word (日本). */
  nameLike: boolean;
}

export interface EntityMatch {
  /** Entities named, in the order the question names them; "SoftBank" alone names both. */
  ids: string[];
  /** The ids each name in the question stands for, one list per name. */
  groups: string[][];
  /** Indexes of the question's tokens that are part of a name. */
  tokenIndexes: ReadonlySet<number>;
}

/** Typos allowed in a name word: none in short words, where one letter makes another name. */
function maxTypos(term: string): number {
  if (term.length >= 8) return 2;
  return term.length >= 5 ? 1 : 0;
}

/**
 * Finds the story's entities in a question by their names and aliases (English, Japanese,
 * romaji), longest name first, so "SoftBank Group" is the group and "SoftBank" alone is either.
 */
export class EntityFinder {
  /** Name forms by their first term, longest first. */
  readonly #byFirstTerm = new Map<string, NameForm[]>();
  readonly #firstTerms: string[];
  /** First words of longer names that are no name alone ("NTT" of "NTT Data"). */
  readonly #partialNames = new Set<string>();

  constructor(entities: readonly Entity[]) {
    for (const entity of entities) {
      const names = [entity.name.en, entity.name.ja, ...entity.aliases];
      for (const name of names) {
        const tokens = tokenize(name);
        const terms = tokens.map((token) => token.term);
        const first = terms[0];
        if (first === undefined) continue;
        const forms = this.#byFirstTerm.get(first) ?? [];
        forms.push({ entityId: entity.id, terms, nameLike: tokens[0]?.nameLike ?? false });
        this.#byFirstTerm.set(first, forms);
      }
    }
    for (const forms of this.#byFirstTerm.values()) {
      forms.sort((a, b) => b.terms.length - a.terms.length);
    }
    this.#firstTerms = [...this.#byFirstTerm.keys()];
    for (const [first, forms] of this.#byFirstTerm) {
      if (forms.every((form) => form.terms.length > 1 && form.nameLike))
        this.#partialNames.add(first);
    }
  }

  /**
   * A name-like word that starts a longer name but is none alone: "NTT" is not NTT Data, so a
   * question about NTT is about a company the story does not mention.
   */
  isPartialName(term: string): boolean {
    return this.#partialNames.has(term);
  }

  /** `known(term)`: the story uses the word as it is, so a near match is no typo of a name. */
  find(tokens: readonly Token[], known: (term: string) => boolean): EntityMatch {
    const ids: string[] = [];
    const groups: string[][] = [];
    const tokenIndexes = new Set<number>();
    let i = 0;
    while (i < tokens.length) {
      const term = tokens[i]?.term ?? '';
      const matched = this.#matchAt(tokens, i, term) ?? this.#matchTypoAt(tokens, i, term, known);
      if (!matched) {
        i += 1;
        continue;
      }
      groups.push(matched.ids);
      for (const id of matched.ids) if (!ids.includes(id)) ids.push(id);
      for (let k = i; k < i + matched.length; k += 1) tokenIndexes.add(k);
      i += matched.length;
    }
    return { ids, groups, tokenIndexes };
  }

  #matchAt(
    tokens: readonly Token[],
    at: number,
    first: string,
  ): { ids: string[]; length: number } | undefined {
    const forms = this.#byFirstTerm.get(first);
    if (!forms) return undefined;
    let best: { ids: string[]; length: number } | undefined;
    for (const form of forms) {
      if (best && form.terms.length < best.length) break;
      // Later words of a name may carry a typo ("SoftBank Grup"): the first has matched already.
      const fits = form.terms.every((term, k) => {
        const asked = tokens[at + k]?.term;
        if (asked === term) return true;
        return k > 0 && asked !== undefined && asked.length >= 4 && distance(asked, term) <= 1;
      });
      if (!fits) continue;
      if (best) {
        if (!best.ids.includes(form.entityId)) best.ids.push(form.entityId);
      } else {
        best = { ids: [form.entityId], length: form.terms.length };
      }
    }
    return best;
  }

  /** A one-word name written with a typo ("Mircosoft", "Fujitu"). */
  #matchTypoAt(
    tokens: readonly Token[],
    at: number,
    term: string,
    known: (term: string) => boolean,
  ): { ids: string[]; length: number } | undefined {
    const typos = maxTypos(term);
    if (typos === 0 || known(term)) return undefined;
    for (const candidate of this.#firstTerms) {
      if (Math.abs(candidate.length - term.length) > typos) continue;
      if (distance(candidate, term) > typos) continue;
      const match = this.#matchAt(
        tokens.map((token, k) => (k === at ? { ...token, term: candidate } : token)),
        at,
        candidate,
      );
      if (match) return match;
    }
    return undefined;
  }
}
