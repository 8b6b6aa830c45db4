import type { Lang } from './lang.js';
import type { FactValue } from './story/schema.js';

const LOCALE: Record<Lang, string> = { en: 'en-GB', ja: 'ja-JP' };

/** Currency words for Japanese, where "100億ドル" reads naturally and "$100億" does not. */
const JA_CURRENCY: Record<string, string> = { USD: 'ドル', JPY: '円', EUR: 'ユーロ' };

export function formatPercentChange(value: number): string {
  const sign = value > 0 ? '+' : value < 0 ? '−' : '±';
  return `${sign}${Math.abs(value)}%`;
}

export function formatMoney(amount: number, currency: string, lang: Lang): string {
  if (lang === 'ja') {
    const number = new Intl.NumberFormat('ja-JP', { notation: 'compact' }).format(amount);
    return `${number}${JA_CURRENCY[currency] ?? ` ${currency}`}`;
  }
  const symbol =
    new Intl.NumberFormat('en-US', { style: 'currency', currency, currencyDisplay: 'narrowSymbol' })
      .formatToParts(0)
      .find((part) => part.type === 'currency')?.value ?? currency;
  const number = new Intl.NumberFormat('en-US', {
    notation: 'compact',
    compactDisplay: 'long',
  }).format(amount);
  return `${symbol}${number}`;
}

export function formatCount(value: number, lang: Lang): string {
  return new Intl.NumberFormat(LOCALE[lang], {
    notation: 'compact',
    compactDisplay: 'long',
  }).format(value);
}

/** `2026-04-03` -> "3 April 2026" / "2026年4月3日"; parsed as UTC so no time zone shifts the day. */
export function formatDate(isoDate: string, lang: Lang): string {
  return new Intl.DateTimeFormat(LOCALE[lang], { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${isoDate}T00:00:00Z`),
  );
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
