import { constants, crc32, deflateSync } from 'node:zlib';

/** A PNG holds at most this many palette entries. */
const MAX_COLOURS = 256;

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(data, crc32(head.subarray(4))) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/** PNG row filters (the byte each row starts with): as is, or the difference from the row above. */
const FILTER_NONE = 0;
const FILTER_UP = 2;

/**
 * Palette indices for pixels [from, end) into `indexed` at `from + shift`, a run of one colour at
 * a time, adding colours to `palette` as they first appear; false past 256 colours. Its own
 * small function, called once per row that differs from the one above: a fresh process (the
 * chart child's first chart) runs this loop in V8's interpreter until V8 compiles it, and a small
 * function called 260 times is compiled sooner and faster than the whole encoder replaced in the
 * middle of its loop. Measured on one chart in a fresh process, 11 runs each, CPU p50: 15.5 ms
 * against 20 with the loop inline; in the chart child (10 children, 4 charts) the first chart
 * 30 -> 27.5, the later ones unchanged.
 *
 * No state but the palette lives between calls, on purpose: a colour kept in an object's field
 * (the last run's, as before) is a small integer for opaque pixels but a heap number for
 * half-transparent ones (int32 outside V8's 31-bit small integers), and the first such pixel
 * changed the field's representation, which threw away V8's compiled code for this loop (2.2-2.4
 * ms to compile, in the child's first chart) to compile it again. Consecutive runs of a row
 * differ in colour anyway, so the palette is asked once per run, as it was.
 */
function indexRow(
  pixels: Int32Array,
  from: number,
  end: number,
  indexed: Uint8Array,
  shift: number,
  palette: Map<number, number>,
): boolean {
  let i = from;
  while (i < end) {
    const colour = pixels[i] as number;
    let index = palette.get(colour);
    if (index === undefined) {
      if (palette.size === MAX_COLOURS) return false;
      index = palette.size;
      palette.set(colour, index);
    }
    let j = i + 1;
    while (j < end && pixels[j] === colour) j += 1;
    if (j - i > 8) indexed.fill(index, i + shift, j + shift);
    else for (let k = i + shift; k < j + shift; k += 1) indexed[k] = index;
    i = j;
  }
  return true;
}

/**
 * Premultiplied RGBA pixels (resvg's) as an 8-bit palette PNG, losslessly, or undefined when
 * they use more than 256 colours. A chart is flat colours and their antialiasing (about 130
 * colours in all), so this is a quarter of the RGBA data to compress: the PNG comes out about
 * half the size of resvg's own RGBA encoding, and faster to make.
 *
 * `rgba` is used up: the palette indices are written over it (see below), whether or not a PNG
 * comes out. svgToPng hands over resvg's `pixels` copy, and falls back to the rendered image's
 * own PNG, not to those pixels.
 */
export function indexedPng(rgba: Buffer, width: number, height: number): Buffer | undefined {
  // Signed: an opaque pixel is above 2^31 as unsigned, a boxed number per read in V8's
  // interpreter (where a fresh process runs its first chart); as int32 it is a small integer.
  const pixels = new Int32Array(rgba.buffer, rgba.byteOffset, width * height);
  // Rows are compared through a plain Uint8Array's subarrays with the static Buffer.compare: both
  // are V8 builtins or a few lines of JS, where `buf.compare(target, offsets…)` validates its four
  // offsets in JS on every call. A fresh process runs that JS in V8's interpreter and then
  // compiles it, once per chart process: measured on the child's 4 charts (CPU ms per chart,
  // compares only) 2.5 / 3.6 / 1.0 / 0.2 with offsets, 0.7 / 0.4 / 1.3 / 0.3 this way.
  const bytes = new Uint8Array(rgba.buffer, rgba.byteOffset, rgba.length);
  const rowBytes = width + 1;
  const stride = width * 4;
  // The indexed rows are written over the pixels, which they trail: row y's 1 + width bytes go
  // at y * rowBytes, behind pixel row y - 1 (at (y - 1) * stride) from row 2 on, so the rows
  // still to compare and index are intact. The pixels are memory already touched; a new 1.3 MB
  // array was 313 fresh pages for the kernel to fault in and zero, ~0.6 ms of a process's first
  // chart. Row 0 overlaps pixel row 0, which row 1 is compared with: it waits in `first` and is
  // copied in at the end.
  const indexed = bytes;
  const first = new Uint8Array(rowBytes);
  // Colours in the order they first appear, each with its palette index.
  const palette = new Map<number, number>();
  for (let y = 0; y < height; y += 1) {
    const row = y * rowBytes;
    // Two rows in three of a bar chart repeat the row above (bars, margins; only text rows
    // differ): one native memcmp skips the per-pixel loop and leaves a row of zeros.
    const start = y * stride;
    if (
      y > 0 &&
      Buffer.compare(
        bytes.subarray(start - stride, start),
        bytes.subarray(start, start + stride),
      ) === 0
    ) {
      indexed[row] = FILTER_UP;
      indexed.fill(0, row + 1, row + rowBytes);
      continue;
    }
    // Pixel i of this row is byte i + y + 1 of the indexed data (after each row's filter byte).
    if (y === 0) {
      first[0] = FILTER_NONE;
      if (!indexRow(pixels, 0, width, first, 1, palette)) return undefined;
    } else {
      indexed[row] = FILTER_NONE;
      if (!indexRow(pixels, y * width, (y + 1) * width, indexed, y + 1, palette)) return undefined;
    }
  }
  indexed.set(first, 0);
  const plte = Buffer.alloc(palette.size * 3);
  const trns = Buffer.alloc(palette.size);
  for (const [colour, index] of palette) {
    // The Int32Array reads the RGBA bytes in the machine's (little-endian) order: ABGR.
    const alpha = colour >>> 24;
    // resvg's pixels are premultiplied by alpha; PNG stores them straight.
    const straight = (channel: number) =>
      alpha === 0 || alpha === 255 ? channel : Math.min(255, Math.round((channel * 255) / alpha));
    plte[index * 3] = straight(colour & 0xff);
    plte[index * 3 + 1] = straight((colour >>> 8) & 0xff);
    plte[index * 3 + 2] = straight((colour >>> 16) & 0xff);
    trns[index] = alpha;
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.writeUInt8(8, 8); // bits per palette index
  header.writeUInt8(3, 9); // colour type 3: palette
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', header),
    chunk('PLTE', plte),
    chunk('tRNS', trns),
    // Run-length only: flat colours are runs, so it is 1.2 ms for ~29 KB where the default
    // (level 6, matching strings) takes 5.3 ms for ~25 KB and level 9 40 ms for ~23 KB.
    chunk(
      'IDAT',
      deflateSync(indexed.subarray(0, rowBytes * height), { strategy: constants.Z_RLE }),
    ),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
