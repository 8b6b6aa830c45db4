/**
 * Chart images: the Answer's `chart` drawn as SVG and rendered to PNG with resvg. Platform-free
 * like the core, but outside it because it loads a native module and font files (ADR 009).
 */
export { chartAltText } from './alt-text.js';
export { type ChartImage, ChartImages, RENDERER_VERSION } from './chart-images.js';
export { CHART_HEIGHT, CHART_WIDTH, type ChartDrawing, chartSvg } from './chart-svg.js';
export { RENDER_CHILD_ARGS, renderChildEnv, renderInChildProcess } from './child-renderer.js';
export {
  type FontSet,
  fontsFor,
  fullFonts,
  LATIN_FONTS,
  latinCharacters,
  SUBSET_FONTS,
  subsetCharacters,
} from './fonts.js';
export { DENSITY, svgToPng } from './render-png.js';
export { type Renderer, type RenderJob, renderInProcess } from './renderer.js';
export { warmCharts } from './warm.js';
