import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Gives the last chart's pixel buffers back before the next chart is drawn. resvg's 1600×800
 * pixmap and its pixel copy (5 MB each) are freed only by the finalisers of their JS wrappers,
 * and Node runs those finalisers after a collection, on a later turn of the event loop: a loop
 * drawing chart after chart without yielding keeps every buffer, so each chart's pixmap is fresh
 * memory the kernel must fault in and zero (~5 ms of a chart, and 60 charts reach ~700 MiB).
 * A young-generation collection (the wrappers are young; ~0.3 ms) and one turn later, the
 * allocator hands the same pages to the next chart. Needs `--expose-gc` for the collection;
 * without it this only yields, and the buffers go when V8 next collects on its own.
 */
export async function releasePixels(): Promise<void> {
  globalThis.gc?.({ type: 'minor' });
  await nextTurn();
}
