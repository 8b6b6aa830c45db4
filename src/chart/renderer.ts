import type { FontSet } from './fonts.js';
import { svgToPng } from './render-png.js';

/** One chart to draw: its SVG and the fonts resvg may use for it. */
export interface RenderJob {
  svg: string;
  fonts: FontSet;
}

/**
 * Turns SVGs into PNGs, in order, several at once so a batch (every chart of a story) pays any
 * fixed cost once. Synchronous, like the cache in front of it: an answer never waits on a
 * promise for its picture.
 */
export type Renderer = (jobs: readonly RenderJob[]) => Buffer[];

/** In this process: the CLI and the tests. Maps resvg and keeps what it allocates (ADR 011). */
export const renderInProcess: Renderer = (jobs) => jobs.map((job) => svgToPng(job.svg, job.fonts));
