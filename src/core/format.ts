import type { Lang } from './lang.js';
import type { FactValue } from './story/schema.js';

// Intl formatters cost far more to build than to use (tens of microseconds each): build once.
// Built on first use per language, so a run that answers in one language builds one set.
const compactNumbers: Partial<Record<Lang, Intl.NumberFormat>> = {};

function compactNumber(lang: Lang): Intl.NumberFormat {
  compactNumbers[lang] ??=
    lang === 'ja'
      ? new Intl.NumberFormat('ja-JP', { notation: 'compact' })
      : new Intl.NumberFormat('en-US', { notation: 'compact', compactDisplay: 'long' });
  return compactNumbers[lang];
}

const currencySymbols = new Map<string, string>();

/** "$", "€", "¥": the narrow symbol Intl knows for a currency, looked up once per currency. */
function currencySymbol(currency: string): string {
  let symbol = currencySymbols.get(currency);
  if (symbol === undefined) {
    symbol =
      new Intl.NumberFormat('en-US', {
        style: 'currency',
        currency,
        currencyDisplay: 'narrowSymbol',
      })
        .formatToParts(0)
        .find((part) => part.type === 'currency')?.value ?? currency;
    currencySymbols.set(currency, symbol);
  }
  return symbol;
}

/** Currency words for Japanese, where "100億ドル" reads naturally and "$100億" does not. */
const JA_CURRENCY: Record<string, string> = { USD: 'ドル', JPY: '円', EUR: 'ユーロ' };

export function formatPercentChange(value: number): string {
  const sign = value > 0 ? '+' : value < 0 ? '−' : '±';
  return `${sign}${Math.abs(value)}%`;
}

export function formatMoney(amount: number, currency: string, lang: Lang): string {
  const number = compactNumber(lang).format(amount);
  return lang === 'ja'
    ? `${number}${JA_CURRENCY[currency] ?? ` ${currency}`}`
    : `${currencySymbol(currency)}${number}`;
}

export function formatCount(value: number, lang: Lang): string {
  return compactNumber(lang).format(value);
}

const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/**
 * `2026-04-03` -> "3 April 2026" / "2026年4月3日". Written out rather than through
 * Intl.DateTimeFormat: these are calendar dates with no time zone to convert, and the first
 * DateTimeFormat costs a one-shot console run about 25 ms of ICU loading.
 */
export function formatDate(isoDate: string, lang: Lang): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  if (!year || !month || !day) return isoDate;
  return lang === 'ja' ? `${year}年${month}月${day}日` : `${day} ${MONTHS_EN[month - 1]} ${year}`;
}

export function formatValue(value: FactValue, lang: Lang): string {
  switch (value.kind) {
    case 'percent':
      return formatPercentChange(value.value);
    case 'money':
      return formatMoney(value.amount, value.currency, lang);
    case 'count':
      // Japanese counters attach to the number (5社, 100万人); English units follow a space.
      return lang === 'ja'
        ? `${formatCount(value.value, lang)}${value.unit.ja}`
        : `${formatCount(value.value, lang)} ${value.unit.en}`;
    case 'year':
      return lang === 'ja' ? `${value.value}年` : String(value.value);
    case 'yearRange':
      return lang === 'ja' ? `${value.from}年〜${value.to}年` : `${value.from}–${value.to}`;
    case 'ratio': {
      const approx = value.approximate;
      return lang === 'ja'
        ? `${approx ? '約' : ''}${value.denominator}人に${value.numerator}人`
        : `${approx ? 'about ' : ''}${value.numerator} in ${value.denominator}`;
    }
    case 'date':
      return formatDate(value.value, lang);
  }
}
