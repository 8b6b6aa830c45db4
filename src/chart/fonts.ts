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
export const SUBSET_FONTS: FontSet = {
  files: [400, 700].map((weight) => join(SUBSET_DIR, `NotoSansJP-${weight}-subset.ttf`)),
};

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

let covered: ReadonlySet<string> | undefined;

/** The characters the subset has glyphs for, as listed by the script that made it. */
export function subsetCharacters(): ReadonlySet<string> {
  covered ??= new Set(
    (JSON.parse(readFileSync(join(SUBSET_DIR, 'subset.json'), 'utf8')) as { characters: string })
      .characters,
  );
  return covered;
}

/** The subset when it covers every character of `text`, else the full font. */
export function fontsFor(text: string): FontSet {
  const known = subsetCharacters();
  for (const char of text) {
    if (!known.has(char) && !/\s/.test(char)) return fullFonts();
  }
  return SUBSET_FONTS;
}
