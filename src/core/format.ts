import type { Lang } from './lang.js';
import type { FactValue } from './story/schema.js';

const LOCALE: Record<Lang, string> = { en: 'en-GB', ja: 'ja-JP' };

// Intl formatters cost far more to build than to use (tens of microseconds each): build once.
const compactNumber: Record<Lang, Intl.NumberFormat> = {
  en: new Intl.NumberFormat('en-US', { notation: 'compact', compactDisplay: 'long' }),
  ja: new Intl.NumberFormat('ja-JP', { notation: 'compact' }),
};
const dateFormats: Record<Lang, Intl.DateTimeFormat> = {
  en: new Intl.DateTimeFormat(LOCALE.en, { dateStyle: 'long', timeZone: 'UTC' }),
  ja: new Intl.DateTimeFormat(LOCALE.ja, { dateStyle: 'long', timeZone: 'UTC' }),
};
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
  const number = compactNumber[lang].format(amount);
  return lang === 'ja'
    ? `${number}${JA_CURRENCY[currency] ?? ` ${currency}`}`
    : `${currencySymbol(currency)}${number}`;
}

export function formatCount(value: number, lang: Lang): string {
  return compactNumber[lang].format(value);
}

/** `2026-04-03` -> "3 April 2026" / "2026年4月3日"; parsed as UTC so no time zone shifts the day. */
export function formatDate(isoDate: string, lang: Lang): string {
  return dateFormats[lang].format(new Date(`${isoDate}T00:00:00Z`));
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
