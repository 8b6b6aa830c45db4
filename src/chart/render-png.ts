import { createRequire } from 'node:module';
import os from 'node:os';
import { FONT_FAMILY, type FontSet } from './fonts.js';
import { indexedPng } from './indexed-png.js';

/** Device pixels per SVG pixel: 800×400 becomes 1600×800, sharp on high-density screens. */
export const DENSITY = 2;

type ResvgModule = typeof import('@resvg/resvg-js');
let resvg: ResvgModule | undefined;

/**
 * resvg's native module, loaded on the first render rather than on import: a process that only
 * imports the chart code (main, which renders in a child process, ADR 011) never maps it.
 */
function loadResvg(): ResvgModule {
  resvg ??= createRequire(import.meta.url)('@resvg/resvg-js') as ResvgModule;
  return resvg;
}

/**
 * SVG to PNG in process with resvg (Rust, its binary inside the npm package). System fonts are
 * never loaded: the chart looks the same on every machine, and a server with no fonts at all
 * draws Japanese from the project's own files. Encoded as a palette PNG where the picture has at
 * most 256 colours (a chart always has), else resvg's own RGBA PNG.
 */
export function svgToPng(svg: string, fonts: FontSet): Buffer {
  const { Resvg } = loadResvg();
  const renderer = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: DENSITY },
    font: {
      loadSystemFonts: false,
      fontFiles: [...fonts.files],
      defaultFontFamily: FONT_FAMILY,
    },
    textRendering: 1,
    shapeRendering: 2,
  });
  const image = renderer.render();
  // Little-endian machines only read the pixels as 32-bit words in the order indexedPng expects.
  const small =
    os.endianness() === 'LE' ? indexedPng(image.pixels, image.width, image.height) : undefined;
  return small ?? image.asPng();
}
