import { describe, expect, it } from 'vitest';
import { indexedPng } from '../../src/chart/indexed-png.js';
import { decodePng } from './png-compare.js';

/** Premultiplied RGBA, as resvg hands pixels over. */
function premultiplied(pixels: [number, number, number, number][]): Buffer {
  return Buffer.from(
    pixels.flatMap(([r, g, b, a]) => [
      Math.round((r * a) / 255),
      Math.round((g * a) / 255),
      Math.round((b * a) / 255),
      a,
    ]),
  );
}

describe('the palette PNG encoder', () => {
  it('round-trips a few colours, transparency included, as straight RGBA', () => {
    const source: [number, number, number, number][] = [
      [255, 255, 255, 255],
      [194, 37, 92, 255],
      [31, 35, 40, 255],
      [208, 215, 222, 128],
      [0, 0, 0, 0],
      [194, 37, 92, 255],
    ];
    const png = indexedPng(premultiplied(source), 3, 2);
    if (!png) throw new Error('no PNG');
    const decoded = decodePng(png);
    expect([decoded.width, decoded.height]).toEqual([3, 2]);
    source.forEach(([r, g, b, a], i) => {
      const got = [...decoded.data.subarray(i * 4, i * 4 + 4)];
      if (a === 0) {
        expect(got[3]).toBe(0);
        return;
      }
      // Premultiplying to 8 bits loses a little at half alpha.
      for (const [k, want] of [r, g, b, a].entries()) {
        expect(Math.abs((got[k] ?? -99) - want)).toBeLessThanOrEqual(2);
      }
    });
  });

  it('declines a picture of more than 256 colours (the caller encodes RGBA instead)', () => {
    const many = Buffer.alloc(300 * 4);
    for (let i = 0; i < 300; i += 1) many.writeUInt32BE(((i << 8) | 0xff) >>> 0, i * 4);
    expect(indexedPng(many, 300, 1)).toBeUndefined();
    expect(indexedPng(many.subarray(0, 256 * 4), 256, 1)).toBeDefined();
  });
});

describe('rows that repeat the row above', () => {
  it('decode to the same pixels as the rows they repeat (PNG filter Up, all zeros)', () => {
    const white: [number, number, number, number] = [255, 255, 255, 255];
    const pink: [number, number, number, number] = [194, 37, 92, 255];
    const rows = [
      [white, pink, white],
      [white, pink, white],
      [white, pink, white],
      [pink, pink, white],
      [pink, pink, white],
    ];
    const png = indexedPng(premultiplied(rows.flat()), 3, rows.length);
    if (!png) throw new Error('no PNG');
    const decoded = decodePng(png);
    expect([...decoded.data]).toEqual(rows.flat().flat());
  });
});

describe('long runs of one colour', () => {
  it('decode to the same pixels, whether filled at once or pixel by pixel', () => {
    const white: [number, number, number, number] = [255, 255, 255, 255];
    const pink: [number, number, number, number] = [194, 37, 92, 255];
    const grey: [number, number, number, number] = [87, 96, 106, 255];
    const row = (y: number) =>
      Array.from({ length: 40 }, (_, x) => (x < 20 + y ? white : x % 3 === 0 ? grey : pink));
    const rows = [row(0), row(5), row(11)];
    const png = indexedPng(premultiplied(rows.flat()), 40, rows.length);
    if (!png) throw new Error('no PNG');
    expect([...decodePng(png).data]).toEqual(rows.flat().flat());
  });
});

describe('palette indices written over the pixels they come from', () => {
  it('decode to the source for narrow and short pictures, where rows overlap the most', () => {
    const white: [number, number, number, number] = [255, 255, 255, 255];
    const pink: [number, number, number, number] = [194, 37, 92, 255];
    const grey: [number, number, number, number] = [87, 96, 106, 128];
    const colours = [white, pink, grey];
    for (const width of [1, 2, 3, 5]) {
      for (const height of [1, 2, 3, 7]) {
        // Rows that repeat the one above and rows that do not, the first row included.
        const rows = Array.from({ length: height }, (_, y) =>
          Array.from(
            { length: width },
            (_, x) => colours[(Math.floor(y / 2) + x) % colours.length] ?? white,
          ),
        );
        const png = indexedPng(premultiplied(rows.flat()), width, height);
        if (!png) throw new Error('no PNG');
        const decoded = decodePng(png);
        expect([decoded.width, decoded.height]).toEqual([width, height]);
        rows.flat().forEach(([r, g, b, a], i) => {
          const got = [...decoded.data.subarray(i * 4, i * 4 + 4)];
          for (const [k, want] of [r, g, b, a].entries()) {
            expect(Math.abs((got[k] ?? -99) - want)).toBeLessThanOrEqual(2);
          }
        });
      }
    }
  });
});
