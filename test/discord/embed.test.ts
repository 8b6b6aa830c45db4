import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import {
  answerToEmbed,
  EMBED_COLOUR,
  EMBED_LIMITS,
  embedSize,
} from '../../src/adapters/discord/embed.js';
import { fitLines, truncateText } from '../../src/adapters/discord/text-fit.js';
import {
  type Answer,
  errorAnswer,
  failureAnswer,
  helpAnswer,
  LANGS,
  runCommand,
  unknownCommandAnswer,
} from '../../src/core/index.js';
import { ready } from '../support/story.js';
import { expectEmbedWithinLimits } from './embed-checks.js';
import { story } from './helpers.js';

/** Answer -> embed: every limit, for every real answer and for answers far beyond them. */

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function expectWithinLimits(answer: Answer) {
  const embed = answerToEmbed(answer);
  expectEmbedWithinLimits(embed);
  const texts = [embed.title, embed.description, embed.footer?.text];
  for (const field of embed.fields ?? []) texts.push(field.name, field.value);
  for (const text of texts) expect(LONE_SURROGATE.test(text ?? '')).toBe(false);
  // A code block cut in half would swallow the rest of the message.
  expect(((embed.description ?? '').match(/```/g) ?? []).length % 2).toBe(0);
  return embed;
}

const QUESTIONS = ['how much is Microsoft investing?', 'who are the partners', 'tomorrow price'];

const realAnswers: [string, Answer][] = LANGS.flatMap((lang) => [
  ...commands.flatMap((command): [string, Answer][] =>
    command.options.some((o) => o.required)
      ? QUESTIONS.map((question) => [
          `${command.name} "${question}" (${lang})`,
          ready(runCommand({ story, commands, command, options: { question }, lang })),
        ])
      : [
          [
            `${command.name} (${lang})`,
            ready(runCommand({ story, commands, command, options: {}, lang })),
          ],
        ],
  ),
  [`failure (${lang})`, failureAnswer(story, lang, 'deadbeef')],
  [`error (${lang})`, errorAnswer(story, lang, 'Title', 'Lead')],
  [`unknown (${lang})`, unknownCommandAnswer(story, commands, lang, 'stoks', 'stocks')],
]);

describe('every real answer', () => {
  it.each(realAnswers)('%s fits every embed limit and keeps all it says', (_name, answer) => {
    const embed = expectWithinLimits(answer);
    expect(embed.color).toBe(EMBED_COLOUR);
    expect(embed.title).toBe(answer.title);
    // Real answers are far below the limits: nothing may be cut or dropped.
    expect(embed.fields ?? []).toHaveLength(answer.fields?.length ?? 0);
    for (const text of [answer.lead, ...(answer.bullets ?? []), ...(answer.caveats ?? [])]) {
      if (text) expect(embed.description).toContain(text.trim().slice(0, 60));
    }
    expect(embed.description ?? '').not.toContain('…');
  });

  it('stocks draws its chart as text bars in a code block, with the caption', () => {
    const stocks = commands.find((c) => c.name === 'stocks');
    if (!stocks) throw new Error('stocks command missing');
    const embed = answerToEmbed(
      ready(runCommand({ story, commands, command: stocks, options: {}, lang: 'en' })),
    );
    expect(embed.description).toContain(
      '**Share price change on 3 April 2026**\n```\nSakura Internet',
    );
    expect(embed.description).toMatch(/█+ \+20\.2%/);
  });

  it('puts source and as-of date in the footer; an answer without sources gets the date only', () => {
    const partners = commands.find((c) => c.name === 'partners');
    if (!partners) throw new Error('partners command missing');
    const cited = answerToEmbed(
      ready(runCommand({ story, commands, command: partners, options: {}, lang: 'ja' })),
    );
    expect(cited.footer?.text).toMatch(
      /^出典：「.+」（公開日の記載なし、2026年4月3日の出来事）、.+ · 2026年4月3日時点$/,
    );
    expect(answerToEmbed(helpAnswer(story, commands, 'en')).footer?.text).toBe(
      'As of 3 April 2026',
    );
  });

  it('shows caveats with their prefix', () => {
    const partners = commands.find((c) => c.name === 'partners');
    if (!partners) throw new Error('partners command missing');
    const embed = answerToEmbed(
      ready(runCommand({ story, commands, command: partners, options: {}, lang: 'en' })),
    );
    expect(embed.description).toContain(
      '⚠ **Note:** The article announces five other companies but names only four',
    );
    const ja = answerToEmbed(
      ready(runCommand({ story, commands, command: partners, options: {}, lang: 'ja' })),
    );
    // Japanese takes a full-width colon and no space after it.
    expect(ja.description).toContain('⚠ **注：**記事は「他の大手IT企業5社」');
  });
});

/** Built here, far past every limit, to prove the renderer cuts rather than Discord refusing. */
function hugeAnswer(): Answer {
  const text = (n: number, unit = 'word ') => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
  return {
    lang: 'en',
    title: '🌸'.repeat(300),
    lead: text(10_000, 'lead '),
    fields: Array.from({ length: 60 }, (_, i) => ({
      label: `${i} ${text(400, 'label ')}`,
      value: `${i} ${text(3000, 'value ')}`,
    })),
    bullets: Array.from({ length: 200 }, (_, i) => `${i} ${text(500)}`),
    chart: {
      kind: 'bar',
      name: 'stocks',
      caption: text(500, 'caption '),
      unit: '%',
      bars: Array.from({ length: 300 }, (_, i) => ({ label: `company ${i}`, value: i / 10 })),
    },
    caveats: Array.from({ length: 50 }, (_, i) => `caveat ${i}: ${text(300, 'careful ')}`),
    sources: Array.from({ length: 40 }, (_, i) => ({
      title: text(2000, 'title '),
      eventsDate: '2026-04-03',
      section: `section ${i} ${text(100, 's ')}`,
    })),
    asOf: '2026-04-03',
    visibility: 'public',
  };
}

describe('an answer beyond every limit', () => {
  const answer = hugeAnswer();
  const embed = expectWithinLimits(answer);

  it('is cut to the limits, and says where it was cut', () => {
    expect(embed.title?.endsWith('…')).toBe(true);
    expect(embed.footer?.text.endsWith('…')).toBe(true);
    expect(embed.fields?.length).toBeGreaterThan(0);
    expect(embed.fields?.every((f) => f.name.endsWith('…') && f.value.endsWith('…'))).toBe(true);
    expect(embedSize(embed)).toBeGreaterThan(EMBED_LIMITS.total - 1300);
  });

  it('keeps the lead first and still shows caveats', () => {
    expect(embed.description?.startsWith('lead lead')).toBe(true);
    expect(embed.description).toContain('⚠ **Note:** caveat 0:');
  });

  it('gives the description all the room the total leaves when there are no fields', () => {
    const noFields = answerToEmbed({ ...answer, fields: [] });
    const room =
      EMBED_LIMITS.total - (noFields.title?.length ?? 0) - (noFields.footer?.text.length ?? 0);
    expect(noFields.description?.length).toBeGreaterThan(room - 200);
    expect(embedSize(noFields)).toBeLessThanOrEqual(EMBED_LIMITS.total);
    const shortFooter = answerToEmbed({ ...answer, fields: [], sources: [], title: 'Short' });
    expect(shortFooter.description?.length).toBeGreaterThan(EMBED_LIMITS.description - 200);
  });

  it('keeps at most 25 fields when each is small', () => {
    const many = answerToEmbed({
      ...answer,
      lead: 'short',
      bullets: [],
      caveats: [],
      chart: undefined,
      sources: [],
      title: 'Many',
      fields: Array.from({ length: 40 }, (_, i) => ({ label: `f${i}`, value: `v${i}` })),
    });
    expect(many.fields).toHaveLength(25);
    expect(many.fields?.[24]).toEqual({ name: 'f24', value: 'v24', inline: true });
  });

  it('replaces empty field text with the blank Discord accepts', () => {
    const blank = answerToEmbed({ ...answer, fields: [{ label: '', value: ' ' }] });
    expect(blank.fields?.[0]).toMatchObject({ name: '\u200b', value: '\u200b' });
  });
});

describe('text fitting', () => {
  it('never splits a surrogate pair', () => {
    for (let max = 1; max < 12; max += 1) {
      const cut = truncateText('🌸🌸🌸🌸🌸🌸🌸🌸', max);
      expect(cut.length).toBeLessThanOrEqual(max);
      expect(LONE_SURROGATE.test(cut)).toBe(false);
    }
  });

  it('keeps whole lines and marks the cut', () => {
    expect(fitLines(['aaaa', 'bbbb', 'cccc'], 11)).toBe('aaaa\nbbbb\n…');
    expect(fitLines(['aaaa', 'bbbb', 'cccc'], 10)).toBe('aaaa\n…');
    expect(fitLines(['aaaa', 'bbbb', 'cccc'], 14)).toBe('aaaa\nbbbb\ncccc');
    expect(fitLines(['a'.repeat(50)], 10)).toBe(`${'a'.repeat(9)}…`);
  });
});
