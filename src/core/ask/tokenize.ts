import { canonicalTerm, isStopword } from './vocabulary.js';

export interface Token {
  /** Canonical term, as stored in the index. */
  term: string;
  /** Looks like a name (Capitalised, ACRONYM, カタカナ): an unknown one means "not in the story". */
  nameLike: boolean;
}

// Intl.Segmenter splits Japanese (which has no spaces) into words using ICU's dictionary, and
// treats English like any word splitter; one tokenizer serves both languages.
const segmenter = new Intl.Segmenter('ja', { granularity: 'word' });
const KATAKANA = /^[\p{Script=Katakana}ー・]{2,}$/u;
const NAME_LIKE_LATIN = /^\p{Lu}[\p{L}\p{N}.&'-]*$/u;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const { segment, isWordLike } of segmenter.segment(text.normalize('NFKC'))) {
    if (!isWordLike && segment !== '$' && segment !== '%') continue;
    const word = segment.toLowerCase();
    if (isStopword(word)) continue;
    const nameLike = NAME_LIKE_LATIN.test(segment) || KATAKANA.test(segment);
    tokens.push({ term: canonicalTerm(word), nameLike });
  }
  return tokens;
}
