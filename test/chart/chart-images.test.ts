import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import subsetFont from 'subset-font';
import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import {
  ChartImages,
  chartSvg,
  fontsFor,
  fullFonts,
  LATIN_FONTS,
  latinCharacters,
  SUBSET_FONTS,
  subsetCharacters,
  svgToPng,
} from '../../src/chart/index.js';
import {
  type Answer,
  digestAnswer,
  type Lang,
  runCommand,
  type Story,
  sourceLine,
} from '../../src/core/index.js';
import { story } from '../discord/helpers.js';
import { decodePng, differingShare, golden, inkShare, type Region } from './png-compare.js';

const here = dirname(fileURLToPath(import.meta.url));
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function stocks(lang: Lang, from: Story = story): Answer {
  const command = commands.find((c) => c.name === 'stocks');
  if (!command) throw new Error('no stocks command');
  return runCommand({ story: from, commands, command, options: {}, lang }) as Answer;
}

/** The bar labels' column at 2x: left of the bars, between the title and the source line. */
const LABEL_AREA: Region = { x: 60, y: 180, width: 330, height: 480 };

describe('the stocks chart image', () => {
  for (const lang of ['en', 'ja'] as const) {
    it(`${lang}: a 1600×800 PNG under 100 KB that matches the golden image`, () => {
      const image = new ChartImages().imageFor(stocks(lang));
      expect(image).toBeDefined();
      if (!image) return;
      expect(image.png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
      expect(image.png.length).toBeLessThan(100 * 1024);
      const decoded = decodePng(image.png);
      expect([decoded.width, decoded.height]).toEqual([1600, 800]);
      expect(image.fileName).toBe(`stocks-${lang}.png`);
      const expected = golden(join(here, 'golden', `stocks-${lang}.png`), image.png);
      // Antialiasing may differ by a pixel here and there between resvg builds; a moved bar or a
      // changed label is thousands of pixels.
      expect(differingShare(image.png, expected)).toBeLessThan(0.002);
    });
  }

  it('alt text gives every number, largest first', () => {
    const image = new ChartImages().imageFor(stocks('en'));
    expect(image?.alt).toMatch(
      /^Share price change on 3 April 2026: Sakura Internet \+20\.2%, .+ \+1\.02%, .+ \+0\.22%$/,
    );
  });

  it('the same chart is rendered once; another language or changed data is a new image', () => {
    const images = new ChartImages();
    const en = images.imageFor(stocks('en'));
    expect(images.imageFor(stocks('en'))).toBe(en);
    expect(images.renders).toBe(1);
    const ja = images.imageFor(stocks('ja'));
    expect(ja?.hash).not.toBe(en?.hash);
    expect(images.get(en?.hash ?? '')).toBe(en);

    // A correction to a share move: the chart's data revision changed, so must its image.
    const corrected = structuredClone(story);
    const market = corrected.facts.find((fact) =>
      fact.values.some((value) => value.kind === 'percent'),
    );
    const move = market?.values.find((value) => value.kind === 'percent');
    if (move?.kind === 'percent') move.value += 1;
    const changed = images.imageFor(stocks('en', corrected));
    expect(changed?.hash).not.toBe(en?.hash);
    expect(images.renders).toBe(3);
  });

  it('answers without a chart have no image', () => {
    const images = new ChartImages();
    const summary = commands.find((c) => c.name === 'summary');
    if (!summary) throw new Error('no summary command');
    const answer = runCommand({ story, commands, command: summary, options: {}, lang: 'en' });
    expect(images.imageFor(answer as Answer)).toBeUndefined();
    expect(images.renders).toBe(0);
  });

  it('a digest carries the share-move chart, cited with its own sources', () => {
    const images = new ChartImages();
    const fromStocks = images.imageFor(stocks('ja'));
    const fromDigest = images.imageFor(digestAnswer(story, 'ja'));
    // Same bars and caption; the source line differs (the digest cites more sections).
    expect(fromDigest?.fileName).toBe('stocks-ja.png');
    expect(fromDigest?.alt).toBe(fromStocks?.alt);
  });
});

describe('Japanese labels are real glyphs', () => {
  it('the label area differs from a render whose font has no Japanese (tofu boxes)', async () => {
    const answer = stocks('ja');
    if (!answer.chart) throw new Error('no chart');
    const svg = chartSvg({ chart: answer.chart, source: sourceLine(answer) });
    const real = svgToPng(svg, SUBSET_FONTS);

    // The same font cut down to ASCII: every Japanese character becomes its .notdef box.
    const require = createRequire(import.meta.url);
    const fontDir = dirname(require.resolve('@expo-google-fonts/noto-sans-jp/package.json'));
    const full = readFileSync(join(fontDir, '400Regular', 'NotoSansJP_400Regular.ttf'));
    const ascii = await subsetFont(full, 'abcdefghijklmnopqrstuvwxyz0123456789+.%', {
      targetFormat: 'truetype',
    });
    const dir = mkdtempSync(join(tmpdir(), 'sakura-tofu-'));
    writeFileSync(join(dir, 'ascii.ttf'), ascii);
    const tofu = svgToPng(svg, { files: [join(dir, 'ascii.ttf')] });
    const none = svgToPng(svg, { files: [] });

    // resvg leaves a glyph the font lacks blank (or a .notdef box where the font draws one):
    // either way the label column loses the ink that real glyphs put there.
    const realInk = inkShare(real, LABEL_AREA);
    expect(realInk).toBeGreaterThan(0.008);
    expect(inkShare(tofu, LABEL_AREA)).toBeLessThan(realInk / 10);
    expect(inkShare(none, LABEL_AREA)).toBeLessThan(realInk / 10);
    expect(differingShare(real, tofu, LABEL_AREA)).toBeGreaterThan(realInk / 3);
    // And the check can tell: the tofu render is far from the real one, the real one from itself not.
    expect(differingShare(real, svgToPng(svg, SUBSET_FONTS), LABEL_AREA)).toBe(0);
  });

  it('the subset covers every character the charts can show', () => {
    const covered = subsetCharacters();
    for (const lang of ['en', 'ja'] as const) {
      for (const answer of [stocks(lang), digestAnswer(story, lang)]) {
        if (!answer.chart) throw new Error('no chart');
        const svg = chartSvg({ chart: answer.chart, source: sourceLine(answer) });
        const text = [...svg.matchAll(/>([^<]+)</g)].map((m) => m[1]).join('');
        const missing = [...text].filter((c) => !covered.has(c) && !/\s/.test(c));
        // Failing here: the story or the UI strings gained characters; run `npm run fonts`.
        expect(missing).toEqual([]);
        expect(fontsFor(svg)).toBe(lang === 'en' ? LATIN_FONTS : SUBSET_FONTS);
      }
    }
  });

  it('the subset draws the very pixels the full font draws (it keeps every feature a chart uses)', () => {
    for (const lang of ['en', 'ja'] as const) {
      const answer = stocks(lang);
      if (!answer.chart) throw new Error('no chart');
      const svg = chartSvg({ chart: answer.chart, source: sourceLine(answer) });
      expect(differingShare(svgToPng(svg, SUBSET_FONTS), svgToPng(svg, fullFonts()))).toBe(0);
    }
  });

  it('text outside the subset is drawn with the full font instead of as tofu', () => {
    expect(fontsFor('鬱')).toEqual(fullFonts());
  });
});

describe('English charts are drawn with a Latin-only subset', () => {
  /** Every chart the bot draws at start-up in `lang`: the stocks chart and the digest's. */
  function svgs(lang: Lang): string[] {
    return [stocks(lang), digestAnswer(story, lang)].map((answer) => {
      if (!answer.chart) throw new Error('no chart');
      return chartSvg({ chart: answer.chart, source: sourceLine(answer) });
    });
  }

  it('the very pixels the full font draws, from far smaller files', () => {
    for (const svg of svgs('en')) {
      expect(fontsFor(svg)).toBe(LATIN_FONTS);
      const latin = decodePng(svgToPng(svg, LATIN_FONTS));
      const full = decodePng(svgToPng(svg, fullFonts()));
      expect(Buffer.compare(latin.data, full.data)).toBe(0);
    }
    // What it is for: resvg reads a font file again for every glyph it lays out.
    for (const [i, file] of LATIN_FONTS.files.entries()) {
      const subset = SUBSET_FONTS.files[i] ?? '';
      expect(readFileSync(file).length).toBeLessThan(readFileSync(subset).length / 4);
    }
  });

  it('one Japanese character in a chart takes the whole subset', () => {
    for (const svg of svgs('ja')) expect(fontsFor(svg)).toBe(SUBSET_FONTS);
    const english = svgs('en')[0] ?? '';
    expect(fontsFor(english.replace('Sakura Internet', 'さくらインターネット'))).toBe(SUBSET_FONTS);
  });

  it("holds exactly the subset's characters below the CJK blocks", () => {
    const all = subsetCharacters();
    const latin = latinCharacters();
    expect(latin.size).toBeGreaterThan(190);
    for (const char of latin) expect(all.has(char)).toBe(true);
    for (const char of all) {
      expect(latin.has(char)).toBe((char.codePointAt(0) ?? 0) < 0x2e80);
    }
  });
});

describe('a picture of more than 256 colours', () => {
  it("is resvg's own RGBA PNG, though the palette encoder wrote over the pixels it declined", () => {
    // Two gradients across each other: thousands of colours, no palette PNG possible.
    const svg = [
      '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="200">',
      '<defs><linearGradient id="h"><stop offset="0" stop-color="#ff0000"/>',
      '<stop offset="1" stop-color="#0000ff"/></linearGradient>',
      '<linearGradient id="v" x2="0" y2="1"><stop offset="0" stop-color="#00ff00" stop-opacity="0"/>',
      '<stop offset="1" stop-color="#00ff00"/></linearGradient></defs>',
      '<rect width="300" height="200" fill="url(#h)"/><rect width="300" height="200" fill="url(#v)"/>',
      '</svg>',
    ].join('');
    const png = svgToPng(svg, LATIN_FONTS);
    const decoded = decodePng(png);
    expect(decoded.data.length).toBe(600 * 400 * 4);
    // An RGBA PNG (colour type 6), with the pixels resvg drew, checked against its own encoder.
    expect(png[25]).toBe(6);
    const { Resvg } = createRequire(import.meta.url)(
      '@resvg/resvg-js',
    ) as typeof import('@resvg/resvg-js');
    const own = new Resvg(svg, {
      fitTo: { mode: 'zoom', value: 2 },
      font: { loadSystemFonts: false },
      textRendering: 1,
      shapeRendering: 2,
    });
    expect(Buffer.compare(decoded.data, decodePng(own.render().asPng()).data)).toBe(0);
  });
});
