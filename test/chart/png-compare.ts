import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';

export interface Region {
  x: number;
  y: number;
  width: number;
  height: number;
}

export function decodePng(png: Buffer): PNG {
  return PNG.sync.read(png);
}

function crop(image: PNG, region: Region): Uint8Array {
  const out = new Uint8Array(region.width * region.height * 4);
  for (let row = 0; row < region.height; row++) {
    const start = ((region.y + row) * image.width + region.x) * 4;
    out.set(image.data.subarray(start, start + region.width * 4), row * region.width * 4);
  }
  return out;
}

/** Share of the region's pixels that differ visibly (pixelmatch's perceptual threshold 0.1). */
export function differingShare(a: Buffer, b: Buffer, region?: Region): number {
  const first = decodePng(a);
  const second = decodePng(b);
  if (first.width !== second.width || first.height !== second.height) return 1;
  const area = region ?? { x: 0, y: 0, width: first.width, height: first.height };
  const diff = pixelmatch(
    crop(first, area),
    crop(second, area),
    undefined,
    area.width,
    area.height,
    {
      threshold: 0.1,
    },
  );
  return diff / (area.width * area.height);
}

/** Share of the region's pixels that are not the white background (text, bars). */
export function inkShare(png: Buffer, region: Region): number {
  const pixels = crop(decodePng(png), region);
  let inked = 0;
  for (let i = 0; i < pixels.length; i += 4) {
    if ((pixels[i] ?? 255) < 200 || (pixels[i + 1] ?? 255) < 200 || (pixels[i + 2] ?? 255) < 200)
      inked++;
  }
  return inked / (region.width * region.height);
}

/**
 * The golden PNG at `path`; with UPDATE_GOLDEN=1 the current render is written there first (look
 * at it before committing: the golden is what a reviewer signed off).
 */
export function golden(path: string, current: Buffer): Buffer {
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(path)) writeFileSync(path, current);
  return readFileSync(path);
}
