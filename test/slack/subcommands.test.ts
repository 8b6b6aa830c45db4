import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockKitProblems, type ReplyJson, visibleText } from './block-kit-check.js';
import { type SlackHarness, startHarness } from './harness.js';

let h: SlackHarness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

/** Sends `/sakura <text>` and returns the reply, from the ack or, for `ask`, from response_url. */
async function reply(text: string): Promise<ReplyJson> {
  const result = await h.slash(text);
  expect(result.status).toBe(200);
  if (result.json) return result.json as ReplyJson;
  return (await h.responses.waitFor(result.responseUrl)).body as ReplyJson;
}

const SOURCE_EN =
  'Source: "Japan\'s Sakura Internet jumps 20% as Microsoft plans billion AI push with SoftBank" (undated; events of 3 April 2026)';
const SOURCE_JA =
  "出典：「Japan's Sakura Internet jumps 20% as Microsoft plans billion AI push with SoftBank」（公開日の記載なし、2026年4月3日の出来事）";

/** Subcommand, language, and what the reply must say (exact figures from data/stories). */
const cases: [string, 'en' | 'ja', string[]][] = [
  [
    'stocks',
    'en',
    [
      'Share moves on 3 April 2026',
      '*Sakura Internet (TSE 3778)*\n+20.2%',
      '*SoftBank Corp. (TSE 9434)*\n+1.02%',
      '*SoftBank Group (TSE 9984)*\n+0.22%',
      'Market Reactions',
    ],
  ],
  [
    'stocks',
    'ja',
    [
      '2026年4月3日の株価の動き',
      '*さくらインターネット（東証：3778）*\n+20.2%',
      '*ソフトバンク株式会社（東証：9434）*\n+1.02%',
      '*ソフトバンクグループ（東証：9984）*\n+0.22%',
    ],
  ],
  [
    'investment',
    'en',
    [
      "Microsoft's investment in Japan",
      '*Amount*\n$10 billion',
      '*Period*\n2026–2029',
      '1 million engineers and developers',
      '*Target year*\n2030',
      'Building AI infrastructure.',
      'Strengthening cybersecurity.',
    ],
  ],
  [
    'investment',
    'ja',
    [
      'マイクロソフトの対日投資',
      '*投資額*\n100億ドル',
      '*期間*\n2026年〜2029年',
      '100万人',
      '2030年',
    ],
  ],
  [
    'partners',
    'en',
    [
      'SoftBank Corp.',
      'Sakura Internet',
      '*Other Japanese IT companies*\nNTT Data Corp.\nNEC\nFujitsu\nHitachi',
      '*AI computing in Japan*\nSakura Internet (TSE 3778)\nSoftBank Corp. (TSE 9434)',
      'graphics processing units (GPUs)',
      'announces five other companies but names only four',
    ],
  ],
  [
    'partners',
    'ja',
    [
      '*その他の日本のIT企業*\nNTTデータ\nNEC\n富士通\n日立製作所',
      'GPU',
      '他の大手IT企業5社',
      '4社',
    ],
  ],
  [
    'announcement',
    'en',
    ['Brad Smith', 'Sanae Takaichi', 'Prime Minister of Japan', 'demand for cloud and AI services'],
  ],
  [
    'announcement',
    'ja',
    ['ブラッド・スミス', '高市早苗', '内閣総理大臣', 'クラウドとAIサービスへの需要'],
  ],
  [
    'adoption',
    'en',
    [
      '*Japan, working-age people*\nabout 1 in 5',
      '*Global average*\n1 in 6',
      'does not say which survey',
    ],
  ],
  ['adoption', 'ja', ['約5人に1人', '6人に1人']],
  [
    'impact',
    'en',
    [
      'What it means for Japan',
      'the $10 billion signals',
      'training 1 million AI professionals',
      'domestic large language models',
    ],
  ],
  ['impact', 'ja', ['日本への影響', '100億ドルの投資', '100万人のAI人材']],
  [
    'summary',
    'en',
    [
      'In brief:',
      '*Amount*\n$10 billion',
      '*Period*\n2026–2029',
      '*Share moves*\nSakura Internet +20.2%\nSoftBank Corp. +1.02%\nSoftBank Group +0.22%',
      'NTT Data Corp., NEC, Fujitsu and Hitachi',
      'five other companies but names only four',
    ],
  ],
  ['summary', 'ja', ['概要：', '*投資額*\n100億ドル', 'さくらインターネット +20.2%', '6人に1人']],
  [
    'source',
    'en',
    [
      'Every answer comes from this one article.',
      "Japan's Sakura Internet jumps 20% as Microsoft plans billion AI push with SoftBank",
      '3 April 2026',
    ],
  ],
  ['source', 'ja', ['すべての回答はこの記事に基づいています。', '2026年4月3日']],
  [
    'ask how much is Microsoft investing?',
    'en',
    [
      'Microsoft pledged $10 billion for Japan, 2026–2029',
      'how much is Microsoft investing?',
      '$10 billion in Japan from 2026 to 2029',
    ],
  ],
  ['ask 投資額は？', 'ja', ['について記事の記載', '100億ドル']],
];

describe('/sakura subcommands over signed HTTP, in English and Japanese', () => {
  it.each(cases)('%s (%s)', async (text, lang, expected) => {
    const body = await reply(lang === 'ja' && !text.startsWith('ask') ? `${text} lang:ja` : text);
    expect(blockKitProblems(body)).toEqual([]);
    expect(body.response_type).toBe('in_channel');
    const shown = visibleText(body);
    for (const phrase of expected) expect(shown).toContain(phrase.replace(/&/g, '&amp;'));
    // The footer: source (with its section) and the as-of date, in the asked language.
    const footer = body.blocks?.at(-1);
    expect(footer?.type).toBe('context');
    const footerText = footer?.elements?.[0]?.text ?? '';
    expect(footerText).toContain(lang === 'ja' ? SOURCE_JA : SOURCE_EN);
    expect(footerText).toContain(lang === 'ja' ? '2026年4月3日時点' : 'As of 3 April 2026');
    expect(body.blocks?.[0]?.type).toBe('header');
  });

  it('help is private and lists every public command, in both languages', async () => {
    for (const [text, title] of [
      ['help', 'sakura-bot commands'],
      ['help lang:ja', 'sakura-botのコマンド'],
    ] as const) {
      const body = await reply(text);
      expect(blockKitProblems(body)).toEqual([]);
      expect(body.response_type).toBe('ephemeral');
      const shown = visibleText(body);
      expect(body.blocks?.[0]?.text?.text).toBe(title);
      for (const name of [
        'stocks',
        'investment',
        'partners',
        'announcement',
        'adoption',
        'impact',
        'summary',
        'ask &lt;question&gt;',
        'source',
        'help',
      ]) {
        expect(shown).toContain(`\`${name}\``);
      }
    }
  });

  it('DEFAULT_LANG is the workspace default, and lang:en still overrides it', async () => {
    const ja = await startHarness({ env: { DEFAULT_LANG: 'ja' } });
    try {
      const { json } = await ja.slash('adoption');
      expect(visibleText(json as ReplyJson)).toContain('約5人に1人');
      const { json: en } = await ja.slash('adoption lang:en');
      expect(visibleText(en as ReplyJson)).toContain('about 1 in 5');
    } finally {
      await ja.close();
    }
  });

  it('the plain-text fallback carries the same figures for notifications', async () => {
    const body = await reply('stocks');
    expect(body.text).toContain('Sakura Internet (TSE 3778)  +20.2%');
    expect(body.text).toContain('As of 3 April 2026');
  });
});
