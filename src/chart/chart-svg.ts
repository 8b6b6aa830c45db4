import { type ChartSpec, formatPercentChange } from '../core/index.js';
import { FONT_FAMILY } from './fonts.js';

/** Everything a chart image shows; the renderer knows nothing else (no platform, no story). */
export interface ChartDrawing {
  chart: ChartSpec;
  /** The source line under the chart (`Source: "…" (3 April 2026), Market Reactions`). */
  source: string | undefined;
}

/** Logical size; rendered at 2x for sharp text on high-density screens. */
export const CHART_WIDTH = 800;
export const CHART_HEIGHT = 400;

/**
 * One opaque light card for both themes: it reads the same on Discord's dark background and on
 * Slack's white one (a transparent chart would need two palettes). Text is near-black on white
 * (contrast 16:1), values and the source line grey at 7:1, bars a deep pink that white text on
 * them still passes WCAG AA against (5.6:1).
 */
const COLOURS = {
  background: '#ffffff',
  border: '#d0d7de',
  text: '#1f2328',
  muted: '#57606a',
  rise: '#c2255c',
  fall: '#1c64b8',
  baseline: '#8c959f',
  onBar: '#ffffff',
} as const;

// Layout in pixels. A block of named numbers like this is the same shape as the benches'
// settings, which the duplicates tool pairs with it: alike in form only.
const MARGIN = 32;
const TITLE_SIZE = 22;
const LABEL_SIZE = 16;
const VALUE_SIZE = 16;
const SOURCE_SIZE = 12;
const PLOT_TOP = 72;
const PLOT_BOTTOM = CHART_HEIGHT - 56;
const MAX_LABEL_WIDTH = 260;
const GAP = 12;

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Width of `text` in px at `size`, from the font's proportions: CJK and full-width characters
 * are one em, Latin about 0.6 em at most. Over-estimates rather than under, since it decides
 * whether a value fits inside its bar; resvg lays the text out itself.
 */
export function textWidth(text: string, size: number): number {
  let ems = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    ems +=
      code >= 0x2e80
        ? 1
        : /[A-Z%mw@]/.test(char)
          ? 0.72
          : /[ .,:;'|!iljtf()]/.test(char)
            ? 0.3
            : 0.55;
  }
  return ems * size;
}

function fitText(text: string, size: number, max: number): string {
  if (textWidth(text, size) <= max) return text;
  const chars = [...text];
  while (chars.length > 1 && textWidth(`${chars.join('')}…`, size) > max) chars.pop();
  return `${chars.join('').trimEnd()}…`;
}

/** Up to two lines of at most `max` px each, broken between words where there are spaces. */
function wrapTwoLines(content: string, size: number, max: number): string[] {
  if (textWidth(content, size) <= max) return [content];
  const chars = [...content];
  let cut = chars.length;
  while (cut > 1 && textWidth(chars.slice(0, cut).join(''), size) > max) cut--;
  const space = chars.lastIndexOf(' ', cut);
  if (space > cut / 2) cut = space + 1;
  const first = chars.slice(0, cut).join('').trimEnd();
  return [first, fitText(chars.slice(cut).join('').trimStart(), size, max)];
}

function text(
  x: number,
  y: number,
  content: string,
  attrs: { size: number; fill: string; anchor?: 'start' | 'end'; weight?: 400 | 700 },
): string {
  const anchor = attrs.anchor ?? 'start';
  const weight = attrs.weight ?? 400;
  return `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" font-size="${attrs.size}" font-weight="${weight}" fill="${attrs.fill}" text-anchor="${anchor}">${escapeXml(content)}</text>`;
}

/**
 * A horizontal bar chart as SVG: bars sorted by size (largest first), each with its value; a
 * value that does not fit inside its bar (one move can be 20 times the others) is written just
 * outside it, so the small bars stay readable. Negative moves grow left from a zero line.
 */
export function chartSvg({ chart, source }: ChartDrawing): string {
  const bars = [...chart.bars].sort((a, b) => Math.abs(b.value) - Math.abs(a.value));
  const labels = bars.map((bar) => fitText(bar.label, LABEL_SIZE, MAX_LABEL_WIDTH));
  const values = bars.map((bar) => formatPercentChange(bar.value));
  const labelWidth = Math.max(0, ...labels.map((label) => textWidth(label, LABEL_SIZE)));
  const valueRoom = Math.max(0, ...values.map((value) => textWidth(value, VALUE_SIZE))) + GAP;

  const plotLeft = MARGIN + labelWidth + GAP * 1.5;
  const plotRight = CHART_WIDTH - MARGIN;
  const low = Math.min(0, ...bars.map((bar) => bar.value));
  const high = Math.max(0, ...bars.map((bar) => bar.value));
  // Room for a value written outside the longest bar on either side.
  const left = plotLeft + (low < 0 ? valueRoom : 0);
  const right = plotRight - (high > 0 ? valueRoom : 0);
  const span = high - low || 1;
  const scale = (right - left) / span;
  const zeroX = left - low * scale;

  const slot = Math.min((PLOT_BOTTOM - PLOT_TOP) / Math.max(bars.length, 1), 64);
  const thickness = Math.round(slot * 0.62);
  const plotHeight = slot * bars.length;
  const top = PLOT_TOP + (PLOT_BOTTOM - PLOT_TOP - plotHeight) / 2;

  const parts: string[] = [];
  bars.forEach((bar, i) => {
    const y = top + slot * i + (slot - thickness) / 2;
    const middle = y + thickness / 2 + VALUE_SIZE * 0.35;
    const length = Math.max(Math.abs(bar.value) * scale, 2);
    const rising = bar.value >= 0;
    const x = rising ? zeroX : zeroX - length;
    const fill = rising ? COLOURS.rise : COLOURS.fall;
    parts.push(
      `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${length.toFixed(1)}" height="${thickness}" rx="3" fill="${fill}"/>`,
      text(plotLeft - GAP * 1.5, middle, labels[i] ?? '', {
        size: LABEL_SIZE,
        fill: COLOURS.text,
        anchor: 'end',
      }),
    );
    const value = values[i] ?? '';
    const inside = textWidth(value, VALUE_SIZE) + GAP * 2 <= length;
    const towardsEnd = rising ? x + length : x;
    const at = inside
      ? towardsEnd + (rising ? -GAP : GAP)
      : towardsEnd + (rising ? GAP * 0.6 : -GAP * 0.6);
    parts.push(
      text(at, middle, value, {
        size: VALUE_SIZE,
        weight: 700,
        fill: inside ? COLOURS.onBar : COLOURS.text,
        anchor: rising === inside ? 'end' : 'start',
      }),
    );
  });

  const baseline = `<line x1="${zeroX.toFixed(1)}" y1="${(top - 6).toFixed(1)}" x2="${zeroX.toFixed(1)}" y2="${(top + plotHeight + 6).toFixed(1)}" stroke="${COLOURS.baseline}" stroke-width="1"/>`;
  const title = text(MARGIN, MARGIN + TITLE_SIZE * 0.8, fitText(chart.caption, TITLE_SIZE, 736), {
    size: TITLE_SIZE,
    weight: 700,
    fill: COLOURS.text,
  });
  const sourceLines = source ? wrapTwoLines(source, SOURCE_SIZE, CHART_WIDTH - MARGIN * 2) : [];
  const footer = sourceLines
    .map((line, i) =>
      text(MARGIN, CHART_HEIGHT - 20 - (sourceLines.length - 1 - i) * 17, line, {
        size: SOURCE_SIZE,
        fill: COLOURS.muted,
      }),
    )
    .join('');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CHART_WIDTH}" height="${CHART_HEIGHT}" viewBox="0 0 ${CHART_WIDTH} ${CHART_HEIGHT}" font-family="${FONT_FAMILY}">`,
    `<rect x="0.5" y="0.5" width="${CHART_WIDTH - 1}" height="${CHART_HEIGHT - 1}" rx="8" fill="${COLOURS.background}" stroke="${COLOURS.border}"/>`,
    title,
    baseline,
    ...parts,
    footer,
    '</svg>',
  ].join('');
}
