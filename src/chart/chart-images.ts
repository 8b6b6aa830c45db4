import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { type Answer, sourceLine } from '../core/index.js';
import { chartAltText } from './alt-text.js';
import { type ChartDrawing, chartSvg } from './chart-svg.js';
import { fontsFor } from './fonts.js';
import { type Renderer, type RenderJob, renderInProcess } from './renderer.js';

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
  readonly #images: LRUCache<string, ChartImage>;
  readonly #render: Renderer;
  #renders = 0;

  /** `render` draws the PNGs: in this process unless told (main uses a child process, ADR 011). */
  constructor(options: { capacity?: number; render?: Renderer } = {}) {
    this.#images = new LRUCache({ max: options.capacity ?? 64 });
    this.#render = options.render ?? renderInProcess;
  }

  /** The answer's chart as a PNG, or undefined for an answer without one. */
  imageFor(answer: Answer): ChartImage | undefined {
    const drawing = drawingOf(answer);
    if (!drawing) return undefined;
    const hash = hashOf(answer.lang, drawing);
    const cached = this.get(hash);
    if (cached) return cached;
    this.prepare([answer]);
    return this.#images.get(hash);
  }

  /**
   * Draws every chart among `answers` not drawn yet, as one batch (one child process at most):
   * start-up draws all of a story's charts this way.
   */
  prepare(answers: readonly Answer[]): void {
    const missing = new Map<string, { answer: Answer; drawing: ChartDrawing; job: RenderJob }>();
    for (const answer of answers) {
      const drawing = drawingOf(answer);
      if (!drawing) continue;
      const hash = hashOf(answer.lang, drawing);
      if (this.#images.has(hash) || missing.has(hash)) continue;
      const svg = chartSvg(drawing);
      missing.set(hash, { answer, drawing, job: { svg, fonts: fontsFor(svg) } });
    }
    if (missing.size === 0) return;
    const pngs = this.#render([...missing.values()].map(({ job }) => job));
    [...missing].forEach(([hash, { answer, drawing }], i) => {
      const png = pngs[i];
      if (!png) throw new Error(`no PNG for chart ${hash}`);
      this.#renders++;
      this.#images.set(hash, {
        hash,
        fileName: `${drawing.chart.name}-${answer.lang}.png`,
        png,
        alt: chartAltText(drawing.chart),
      });
    });
  }

  /** An image rendered before, by its hash (the `/charts/<hash>.png` route). */
  get(hash: string): ChartImage | undefined {
    return this.#images.get(hash);
  }

  /** How many PNGs have been drawn: what the cache saves is visible in tests and the bench. */
  get renders(): number {
    return this.#renders;
  }
}
