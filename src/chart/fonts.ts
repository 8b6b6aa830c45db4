import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { PROJECT_ROOT } from '../paths.js';

/** The family every chart names; the font files below are its two weights. */
export const FONT_FAMILY = 'Noto Sans JP';

/** The font files resvg is given: the project's own, never the machine's (which may have none). */
export interface FontSet {
  files: readonly string[];
}

const SUBSET_DIR = join(PROJECT_ROOT, 'assets', 'fonts');

/** Made by `npm run fonts` (scripts/subset-fonts.mjs) from the npm package's TTFs. */
export const SUBSET_FONTS: FontSet = subsetFiles('subset');

/**
 * The subset's characters below the CJK blocks only (ASCII, Latin-1, dashes, quotes, arrows):
 * 32 KB a weight instead of 164. resvg-js reads a font file again for every glyph it lays out
 * (ADR 011), so an English chart drawn with these costs ~1.5 ms less, for the very same pixels.
 */
export const LATIN_FONTS: FontSet = subsetFiles('latin');

function subsetFiles(name: string): FontSet {
  return {
    files: [400, 700].map((weight) => join(SUBSET_DIR, `NotoSansJP-${weight}-${name}.ttf`)),
  };
}

function packageDir(): string {
  const require = createRequire(import.meta.url);
  return dirname(require.resolve('@expo-google-fonts/noto-sans-jp/package.json'));
}

/** The whole of Noto Sans JP (5 MB a weight): only for text the subset does not cover. */
export function fullFonts(): FontSet {
  const dir = packageDir();
  return {
    files: [
      join(dir, '400Regular', 'NotoSansJP_400Regular.ttf'),
      join(dir, '700Bold', 'NotoSansJP_700Bold.ttf'),
    ],
  };
}

/**
 * What `npm run fonts` wrote beside the files: the characters each subset has glyphs for. Read
 * without zod: the project's own generated file, and this module is imported by the chart child
 * too (render-png.ts), where loading zod would cost more than a chart.
 */
interface SubsetList {
  characters: string;
  latin: string;
}
let covered: { all: ReadonlySet<string>; latin: ReadonlySet<string> } | undefined;

function coverage(): { all: ReadonlySet<string>; latin: ReadonlySet<string> } {
  if (!covered) {
    const list = JSON.parse(readFileSync(join(SUBSET_DIR, 'subset.json'), 'utf8')) as SubsetList;
    covered = { all: new Set(list.characters), latin: new Set(list.latin) };
  }
  return covered;
}

/** The characters the subset has glyphs for, as listed by the script that made it. */
export function subsetCharacters(): ReadonlySet<string> {
  return coverage().all;
}

/** The characters the Latin subset has glyphs for. */
export function latinCharacters(): ReadonlySet<string> {
  return coverage().latin;
}

/**
 * The smallest font files that cover every character of `text` (white space aside): the Latin
 * subset, else the subset, else the full font.
 */
export function fontsFor(text: string): FontSet {
  const { all, latin } = coverage();
  let onlyLatin = true;
  for (const char of text) {
    if (latin.has(char) || /\s/.test(char)) continue;
    onlyLatin = false;
    if (!all.has(char)) return fullFonts();
  }
  return onlyLatin ? LATIN_FONTS : SUBSET_FONTS;
}
