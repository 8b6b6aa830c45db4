import type { Answer, ChartSpec } from './answer.js';
import { formatPercentChange } from './format.js';
import { t } from './i18n.js';
import type { Lang } from './lang.js';
import { footerLine } from './source-line.js';

const BAR_WIDTH = 24;

/**
 * "Note: …" / 「注：…」: the caveat label with the punctuation and spacing of the language
 * (Japanese takes a full-width colon and no space). `emphasize` lets a renderer bold the label.
 */
export function caveatLine(
  lang: Lang,
  text: string,
  emphasize: (label: string) => string = (label) => label,
): string {
  const label = t(lang, 'caveat.label', { prefix: t(lang, 'caveat.prefix') });
  return `${emphasize(label)}${lang === 'ja' ? '' : ' '}${text}`;
}

/** Text bars scaled to the largest move, so 20.2% and 0.22% both stay readable. */
export function chartLines(chart: ChartSpec): string[] {
  const max = Math.max(...chart.bars.map((bar) => Math.abs(bar.value)), Number.EPSILON);
  const labelWidth = Math.max(...chart.bars.map((bar) => bar.label.length));
  return chart.bars.map((bar) => {
    const length = Math.max(1, Math.round((Math.abs(bar.value) / max) * BAR_WIDTH));
    return `${bar.label.padEnd(labelWidth)}  ${'█'.repeat(length)} ${formatPercentChange(bar.value)}`;
  });
}

/**
 * The Answer as plain, readable text: the console's output, and the notification fallback on
 * platforms that need one. No markup beyond what reads fine unrendered.
 */
export function answerToPlainText(answer: Answer): string {
  const out: string[] = [answer.title];
  if (answer.lead) out.push(answer.lead);
  if (answer.fields?.length) {
    const listSeparator = answer.lang === 'ja' ? '、' : ', ';
    const width = Math.max(...answer.fields.map((field) => field.label.length));
    out.push(
      '',
      ...answer.fields.map(
        (f) => `  ${f.label.padEnd(width)}  ${f.value.replace(/\n/g, listSeparator)}`,
      ),
    );
  }
  if (answer.bullets?.length) out.push('', ...answer.bullets.map((bullet) => `  • ${bullet}`));
  if (answer.chart)
    out.push('', answer.chart.caption, ...chartLines(answer.chart).map((l) => `  ${l}`));
  if (answer.caveats?.length) {
    out.push('', ...answer.caveats.map((text) => `⚠ ${caveatLine(answer.lang, text)}`));
  }
  out.push('', footerLine(answer));
  return out.join('\n');
}
