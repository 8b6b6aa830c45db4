import { describe, expect, it } from 'vitest';
import { answerToBlocks, BLOCK_KIT } from '../../src/adapters/slack/blocks.js';
import { answerToReply } from '../../src/adapters/slack/message.js';
import { decodeSlackText, escapeMrkdwn, truncateEscaped } from '../../src/adapters/slack/mrkdwn.js';
import type { Answer } from '../../src/core/index.js';
import { answer } from '../support/story.js';
import { blockKitProblems, type ReplyJson, visibleText } from './block-kit-check.js';

const NAMES = [
  'stocks',
  'investment',
  'partners',
  'announcement',
  'adoption',
  'impact',
  'summary',
  'source',
  'help',
];

/** Far beyond every limit, with markup and mentions in every text. */
function oversizedAnswer(): Answer {
  const noisy = (n: number) => `<!channel> & <@U123> @here ${'滝'.repeat(n)} 😀`.repeat(3);
  return {
    lang: 'en',
    title: noisy(200),
    lead: noisy(2000),
    fields: Array.from({ length: 45 }, (_, i) => ({ label: noisy(300 + i), value: noisy(1500) })),
    bullets: Array.from({ length: 120 }, () => noisy(900)),
    chart: {
      kind: 'bar',
      name: 'stocks',
      caption: noisy(400),
      unit: '%',
      bars: Array.from({ length: 200 }, (_, i) => ({ label: noisy(20), value: i - 100 })),
    },
    caveats: Array.from({ length: 60 }, () => noisy(1200)),
    sources: Array.from({ length: 30 }, (_, i) => ({
      title: noisy(500),
      eventsDate: '2026-04-03',
      section: `section ${i} ${noisy(100)}`,
    })),
    asOf: '2026-04-03',
    visibility: 'public',
  };
}

describe('Answer -> Block Kit', () => {
  it.each(
    NAMES.flatMap(
      (name) =>
        [
          [name, 'en'],
          [name, 'ja'],
        ] as const,
    ),
  )('%s (%s) is within every Block Kit limit', (name, lang) => {
    const reply = answerToReply(answer(name, lang)) as ReplyJson;
    expect(blockKitProblems(reply)).toEqual([]);
  });

  it('an oversized answer is cut to fit, keeping the header and the footer, and says so', () => {
    const reply = answerToReply(oversizedAnswer()) as ReplyJson;
    expect(blockKitProblems(reply)).toEqual([]);
    const blocks = reply.blocks ?? [];
    expect(blocks).toHaveLength(BLOCK_KIT.blocksPerMessage);
    expect(blocks[0]?.type).toBe('header');
    expect(blocks[0]?.text?.text.endsWith('…')).toBe(true);
    expect(blocks.at(-1)?.elements?.[0]?.text).toContain('As of 3 April 2026');
    expect(blocks.at(-2)?.elements?.[0]?.text).toBe('… shortened to fit in one Slack message.');
    // No text ends halfway through an entity or a surrogate pair.
    for (const text of visibleText(reply).split('\n')) {
      expect(text).not.toMatch(/&[a-z]{0,3}…$/);
      expect(text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    }
  });

  it('more than ten fields spill into further sections of at most ten', () => {
    const many: Answer = {
      ...answer('stocks'),
      fields: Array.from({ length: 23 }, (_, i) => ({ label: `L${i}`, value: `V${i}` })),
    };
    const sections = answerToBlocks(many).filter(
      (b) => b.type === 'section' && 'fields' in b && b.fields,
    );
    expect(sections.map((s) => ('fields' in s ? s.fields?.length : 0))).toEqual([10, 10, 3]);
  });

  it('escapes markup in every text, including the title and the source', () => {
    const base = answer('stocks');
    const tricky: Answer = {
      ...base,
      title: 'Title <!channel>',
      lead: 'Lead <@U123> & more',
      fields: [{ label: '<!here>', value: '<https://evil.example|click>' }],
      bullets: ['@everyone look'],
      caveats: ['<!subteam^S123>'],
      sources: [{ title: '<!channel> source', eventsDate: '2026-04-03', section: 'A & B' }],
    };
    const reply = answerToReply(tricky) as ReplyJson;
    expect(blockKitProblems(reply)).toEqual([]);
    const json = JSON.stringify(reply);
    expect(json).not.toMatch(/<[!@#]|<https?:/);
    expect(visibleText(reply)).toContain('&lt;https://evil.example|click&gt;');
    expect(reply.blocks?.[0]?.text?.text).toBe('Title &lt;!channel&gt;');
  });

  it('skips an empty lead rather than sending an empty text Slack would reject', () => {
    const reply = answerToReply({ ...answer('stocks'), lead: '  ' }) as ReplyJson;
    expect(blockKitProblems(reply)).toEqual([]);
  });
});

describe('mrkdwn text helpers', () => {
  it('escapes the three characters and defuses broadcast words', () => {
    expect(escapeMrkdwn('a & b < c > d')).toBe('a &amp; b &lt; c &gt; d');
    expect(escapeMrkdwn('hi @channel and @HERE, @everyone!')).toBe(
      'hi @\u2060channel and @\u2060HERE, @\u2060everyone!',
    );
    expect(escapeMrkdwn('mail me@channels.example')).toBe('mail me@channels.example');
  });

  it('decodes what Slack escaped in the command text, once', () => {
    expect(decodeSlackText('AT&amp;T &lt;b&gt; &amp;lt;')).toBe('AT&T <b> &lt;');
  });

  it('truncates without splitting an entity or a surrogate pair', () => {
    expect(truncateEscaped('abc', 3)).toBe('abc');
    expect(truncateEscaped('abcd&amp;efg', 7)).toBe('abcd…');
    expect(truncateEscaped('ab😀cd', 4)).toBe('ab…');
    expect(truncateEscaped('x'.repeat(10), 5)).toBe('xxxx…');
  });
});

describe('caveats', () => {
  it('take the language’s punctuation: "Note:" in English, 「注：」 with no space in Japanese', () => {
    const en = visibleText(answerToReply(answer('partners', 'en')) as ReplyJson);
    expect(en).toContain(':warning: *Note:* The article announces five other companies');
    const ja = visibleText(answerToReply(answer('partners', 'ja')) as ReplyJson);
    expect(ja).toContain(':warning: *注：*記事は「他の大手IT企業5社」');
  });
});
