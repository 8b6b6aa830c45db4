import { canonicalTerm, isStopword } from './vocabulary.js';

export interface Token {
  /** The word as the question writes it, to quote back ("revenue", 「社長」). */
  text: string;
  /** Canonical term, as stored in the index. */
  term: string;
  /** Looks like a name (Capitalised, ACRONYM, カタカナ): an unknown one means "not in the story". */
  nameLike: boolean;
}

// Japanese has no spaces, so its runs go to Intl.Segmenter (ICU's dictionary); everything else is
// split by a plain regex, which is many times faster and gives the same words for Latin text.
// Built on first use: loading ICU's Japanese dictionary costs start-up time most runs never need.
let segmenter: Intl.Segmenter | undefined;
const japaneseSegmenter = () => (segmenter ??= new Intl.Segmenter('ja', { granularity: 'word' }));
const JAPANESE_RUN = /([\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー々]+)/u;
const OTHER_WORD = /[\p{L}\p{N}]+(?:['’.][\p{L}\p{N}]+)*|[$%]/gu;
const KATAKANA = /^[\p{Script=Katakana}ー・]{2,}$/u;
const NAME_LIKE_LATIN = /^\p{Lu}[\p{L}\p{N}.&'-]*$/u;

function words(text: string): string[] {
  const out: string[] = [];
  // split() with a capturing group alternates: other text at even indexes, Japanese at odd ones.
  text.split(JAPANESE_RUN).forEach((piece, i) => {
    if (i % 2 === 0) {
      for (const match of piece.matchAll(OTHER_WORD)) out.push(match[0]);
    } else {
      for (const { segment, isWordLike } of japaneseSegmenter().segment(piece)) {
        if (isWordLike) out.push(segment);
      }
    }
  });
  return out;
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const word of words(text.normalize('NFKC'))) {
    const lower = word.toLowerCase().replace(/’/g, "'");
    // "What's" is "what": a question word, not a name. "IT" in capitals is the industry.
    const stop = isStopword(lower) || isStopword(lower.replace(/'s$/, ''));
    if (stop && word !== 'IT') continue;
    const nameLike = NAME_LIKE_LATIN.test(word) || KATAKANA.test(word);
    tokens.push({ text: word, term: canonicalTerm(lower), nameLike });
  }
  return tokens;
}
