import { createHash } from 'node:crypto';
import { type Answer, sourceLine } from '../core/index.js';
import { chartAltText } from './alt-text.js';
import { type ChartDrawing, chartSvg } from './chart-svg.js';
import { fontsFor } from './fonts.js';
import { svgToPng } from './render-png.js';

/**
 * Part of every image's hash: bump it when the drawing changes, so a URL served with immutable
 * caching never starts showing a different picture.
 */
export const RENDERER_VERSION = 1;

/** One rendered chart: the PNG and what a message needs to show and describe it. */
export interface ChartImage {
  /** Content address: the same drawing in the same language always has the same hash. */
  hash: string;
  /** `stocks-en.png`: the attachment's name on Discord, the file's name on Slack. */
  fileName: string;
  png: Buffer;
  /** The numbers in words (Slack's alt_text, Discord's attachment description). */
  alt: string;
}

function drawingOf(answer: Answer): ChartDrawing | undefined {
  return answer.chart ? { chart: answer.chart, source: sourceLine(answer) } : undefined;
}

function hashOf(lang: string, drawing: ChartDrawing): string {
  return createHash('sha256')
    .update(JSON.stringify([RENDERER_VERSION, lang, drawing.chart, drawing.source]))
    .digest('base64url')
    .slice(0, 22);
}

/**
 * Chart PNGs, rendered once per (chart, language, data revision) and then served from memory.
 * The key is a hash of everything drawn (bars, labels, caption, source line, language), so a
 * correction to any fact the chart shows is a new image and an unchanged one is never redrawn,
 * across commands, digests and both platforms. Bounded: least recently used out first.
 */
export class ChartImages {
  readonly #images = new Map<string, ChartImage>();
  #renders = 0;

  constructor(readonly capacity = 64) {}

  /** The answer's chart as a PNG, or undefined for an answer without one. */
  imageFor(answer: Answer): ChartImage | undefined {
    const drawing = drawingOf(answer);
    if (!drawing) return undefined;
    const hash = hashOf(answer.lang, drawing);
    const cached = this.get(hash);
    if (cached) return cached;
    const svg = chartSvg(drawing);
    const png = svgToPng(svg, fontsFor(svg));
    this.#renders++;
    const image: ChartImage = {
      hash,
      fileName: `${drawing.chart.name}-${answer.lang}.png`,
      png,
      alt: chartAltText(drawing.chart),
    };
    this.#images.set(hash, image);
    if (this.#images.size > this.capacity) {
      const oldest = this.#images.keys().next();
      if (!oldest.done) this.#images.delete(oldest.value);
    }
    return image;
  }

  /** An image rendered before, by its hash (the `/charts/<hash>.png` route). */
  get(hash: string): ChartImage | undefined {
    const image = this.#images.get(hash);
    if (image) {
      // Re-inserted, so the Map's order stays least recently used first.
      this.#images.delete(hash);
      this.#images.set(hash, image);
    }
    return image;
  }

  /** How many PNGs have been drawn: what the cache saves is visible in tests and the bench. */
  get renders(): number {
    return this.#renders;
  }
}
