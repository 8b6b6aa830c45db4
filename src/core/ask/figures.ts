import type { FactValue } from '../story/schema.js';

/**
 * Figures a question states ("$20 billion", "20%", "100万人", "2030年"), to check a yes/no
 * question against the fact: "Did Microsoft pledge $20 billion?" is answered "No".
 * Only numbers with a unit or a scale count: "April 3" or "the 5 companies" are not claims.
 */
const FIGURE =
  /(\$\s*)?(\d+(?:[.,]\d+)*)\s*(billion|bn|million|m\b|thousand|億|万|千)?\s*(%|percent|ドル|dollars?|円|人|people|engineers|developers|年)?/gi;

const SCALE: Record<string, number> = {
  billion: 1e9,
  bn: 1e9,
  million: 1e6,
  m: 1e6,
  thousand: 1e3,
  億: 1e8,
  万: 1e4,
  千: 1e3,
};

export function figuresIn(question: string): number[] {
  const out: number[] = [];
  for (const match of question.normalize('NFKC').matchAll(FIGURE)) {
    const [, dollar, digits, scale, unit] = match;
    if (!digits || (!dollar && !scale && !unit)) continue;
    const value =
      Number(digits.replace(/,/g, '')) * (scale ? (SCALE[scale.toLowerCase()] ?? 1) : 1);
    if (Number.isFinite(value)) out.push(value);
  }
  return out;
}

/** Every number a value holds, as a question would state it. */
function numbersOf(value: FactValue): number[] {
  switch (value.kind) {
    case 'percent':
    case 'count':
    case 'year':
      return [value.value];
    case 'money':
      return [value.amount];
    case 'yearRange':
      return [value.from, value.to];
    case 'ratio':
      return [value.numerator, value.denominator];
    case 'date':
      return [Number(value.value.slice(0, 4))];
  }
}

/** Rounded figures count as the same: the headline's "20%" is the 20.2% rise. */
const TOLERANCE = 0.05;

const CURRENCIES: readonly [RegExp, string][] = [
  [/\$|\bdollars?\b|\busd\b|ドル/i, 'USD'],
  [/\byen\b|円|\bjpy\b/i, 'JPY'],
  [/\beuros?\b|€|ユーロ/i, 'EUR'],
];

/** The currency a question names, if any ("10 billion yen" -> JPY). */
function currencyIn(question: string): string | undefined {
  return CURRENCIES.find(([pattern]) => pattern.test(question))?.[1];
}

/** `undefined` when the question states no figure; otherwise whether all of them are the fact's. */
export function figuresAgree(question: string, values: readonly FactValue[]): boolean | undefined {
  const asked = figuresIn(question);
  if (asked.length === 0 || values.length === 0) return undefined;
  // "Is it 10 billion yen?" about $10 billion: the same number in another currency is not it.
  const currency = currencyIn(question);
  const money = values.find((value) => value.kind === 'money');
  if (currency && money?.kind === 'money' && money.currency !== currency) return false;
  const held = values.flatMap(numbersOf);
  return asked.every((figure) =>
    held.some((number) => Math.abs(number - figure) <= Math.abs(number) * TOLERANCE),
  );
}
