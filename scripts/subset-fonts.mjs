// `npm run fonts`: makes the Noto Sans JP subsets the chart renderer loads (assets/fonts/).
//
// Why a subset: the full TTFs are 5.4 MB each and resvg parses every font it is given on each
// render; a subset of the characters the charts can show keeps a cold render in milliseconds.
// The subset covers printable ASCII, kana, CJK and full-width punctuation, and every character
// in the story data, the UI strings and the commands; run this again whenever those change
// (test/chart/chart-images.test.ts fails until you do). Characters outside it are still drawn:
// the renderer falls back to the full font from the npm package for that chart.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import subsetFont from 'subset-font';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const fontPackage = dirname(require.resolve('@expo-google-fonts/noto-sans-jp/package.json'));
const { version } = JSON.parse(readFileSync(join(fontPackage, 'package.json'), 'utf8'));

// What rustybuzz applies to horizontal text in any script without being asked (its default and
// horizontal feature lists), plus 'rvrn'; anything else a chart would have to ask for.
const HORIZONTAL_FEATURES = [
  'abvm',
  'blwm',
  'ccmp',
  'locl',
  'mark',
  'mkmk',
  'rlig',
  'rvrn',
  'calt',
  'clig',
  'curs',
  'dist',
  'kern',
  'liga',
  'rclt',
];

const WEIGHTS = [
  { weight: 400, file: '400Regular/NotoSansJP_400Regular.ttf' },
  { weight: 700, file: '700Bold/NotoSansJP_700Bold.ttf' },
];

function range(from, to) {
  let text = '';
  for (let code = from; code <= to; code++) text += String.fromCodePoint(code);
  return text;
}

function filesIn(dir, suffix) {
  return readdirSync(join(root, dir))
    .filter((name) => name.endsWith(suffix))
    .map((name) => readFileSync(join(root, dir, name), 'utf8'));
}

const sources = [
  ...filesIn('data/stories', '.json'),
  ...filesIn('commands', '.ts'),
  readFileSync(join(root, 'src/core/i18n.ts'), 'utf8'),
];
const wanted = new Set([
  ...range(0x20, 0x7e), // ASCII
  ...range(0xa0, 0xff), // Latin-1 (accented names, ×, ·)
  ...'–—‘’“”…•−→▲▼',
  ...range(0x3000, 0x303f), // CJK punctuation
  ...range(0x3041, 0x3096), // hiragana
  ...range(0x30a0, 0x30ff), // katakana
  ...range(0xff01, 0xff5e), // full-width forms
  ...sources.join(''),
]);
// Only what a font draws: no line breaks or other control characters.
const characters = [...wanted]
  .filter((c) => !/[\p{Cc}\p{Cs}]/u.test(c))
  .sort((a, b) => a.codePointAt(0) - b.codePointAt(0))
  .join('');

// A second, Latin-only subset of the same characters (everything below the CJK blocks, where
// the chart code's textWidth also draws the line): an English chart is drawn with it. resvg-js
// reads a font file again for every glyph it lays out (ADR 011): 32 KB a weight instead of 164
// is ~1.5 ms less per English chart, with the same pixels (a test compares them).
const latin = [...characters].filter((c) => (c.codePointAt(0) ?? 0) < 0x2e80).join('');

for (const { weight, file } of WEIGHTS) {
  const full = readFileSync(join(fontPackage, file));
  for (const [name, text] of [
    ['subset', characters],
    ['latin', latin],
  ]) {
    const subset = await subsetFont(full, text, {
      targetFormat: 'truetype',
      keepFeatures: HORIZONTAL_FEATURES,
    });
    const out = join(root, 'assets/fonts', `NotoSansJP-${weight}-${name}.ttf`);
    writeFileSync(out, subset);
    console.log(`${out}: ${subset.length} bytes`);
  }
}
writeFileSync(
  join(root, 'assets/fonts/subset.json'),
  `${JSON.stringify({ font: `@expo-google-fonts/noto-sans-jp@${version}`, characters, latin }, null, 2)}\n`,
);
console.log(`${characters.length} characters, ${latin.length} of them in the Latin subset`);
