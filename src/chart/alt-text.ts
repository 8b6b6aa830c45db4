import { type ChartSpec, formatPercentChange } from '../core/index.js';

/** The chart in words, with every number, for screen readers and for anyone whose image fails. */
export function chartAltText(chart: ChartSpec): string {
  const bars = [...chart.bars].sort((a, b) => Math.abs(b.value) - Math.abs(a.value));
  return `${chart.caption}: ${bars.map((bar) => `${bar.label} ${formatPercentChange(bar.value)}`).join(', ')}`;
}
