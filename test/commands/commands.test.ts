import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { allText, answer, story } from '../support/story.js';

const SOURCE_TITLE =
  "Japan's Sakura Internet jumps 20% as Microsoft plans billion AI push with SoftBank";

describe('every command', () => {
  it.each(commands.map((c) => c.name).filter((name) => name !== 'ask'))(
    '%s cites its source and as-of date in both languages',
    (name) => {
      for (const lang of ['en', 'ja'] as const) {
        const reply = answer(name, lang);
        expect(reply.lang).toBe(lang);
        expect(reply.asOf).toBe('2026-04-03');
        if (name !== 'help') {
          expect(reply.sources.length).toBeGreaterThan(0);
          for (const source of reply.sources) {
            expect(source.title).toBe(SOURCE_TITLE);
            expect(source.eventsDate).toBe('2026-04-03');
          }
        }
      }
    },
  );

  it('has an English and a Japanese description each', () => {
    for (const command of commands) {
      expect(command.description.en.length).toBeGreaterThan(0);
      expect(command.description.ja).toMatch(
        /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u,
      );
    }
  });
});

describe('stocks', () => {
  it('gives the three share moves, largest first, with TSE codes', () => {
    const reply = answer('stocks');
    expect(reply.title).toBe('Share moves on 3 April 2026');
    expect(reply.fields).toEqual([
      { label: 'Sakura Internet (TSE 3778)', value: '+20.2%' },
      { label: 'SoftBank Corp. (TSE 9434)', value: '+1.02%' },
      { label: 'SoftBank Group (TSE 9984)', value: '+0.22%' },
    ]);
    expect(reply.chart?.bars.map((bar) => bar.value)).toEqual([20.2, 1.02, 0.22]);
    expect(reply.sources.map((s) => s.section)).toEqual(['Market Reactions']);
    expect(reply.caveats).toEqual([
      'The Tokyo Stock Exchange codes in brackets are added by sakura-bot for reference; the article does not give them.',
    ]);
    expect(reply.visibility).toBe('public');
  });

  it('in Japanese', () => {
    const reply = answer('stocks', 'ja');
    expect(reply.title).toBe('2026年4月3日の株価の動き');
    expect(reply.fields).toEqual([
      { label: 'さくらインターネット（東証：3778）', value: '+20.2%' },
      { label: 'ソフトバンク株式会社（東証：9434）', value: '+1.02%' },
      { label: 'ソフトバンクグループ（東証：9984）', value: '+0.22%' },
    ]);
    expect(reply.caveats).toEqual([
      '括弧内の東京証券取引所の証券コードは、sakura-botが参考として付けたもので、記事には記載がありません。',
    ]);
  });
});

describe('investment', () => {
  it('gives $10 billion, 2026–2029, the focus areas and 1 million by 2030', () => {
    const reply = answer('investment');
    expect(reply.fields).toEqual([
      { label: 'Amount', value: '$10 billion' },
      { label: 'Period', value: '2026–2029' },
      { label: 'People to train', value: '1 million engineers and developers' },
      { label: 'Target year', value: '2030' },
    ]);
    expect(reply.bullets).toEqual([
      'Building AI infrastructure.',
      'Strengthening cybersecurity.',
      'Training 1 million engineers and developers by 2030.',
    ]);
    expect(reply.caveats?.[0]).toContain('billion AI push');
  });

  it('in Japanese', () => {
    const reply = answer('investment', 'ja');
    expect(reply.fields).toEqual([
      { label: '投資額', value: '100億ドル' },
      { label: '期間', value: '2026年〜2029年' },
      { label: '育成人数', value: '100万人（エンジニア・開発者）' },
      { label: '目標年', value: '2030年' },
    ]);
    expect(reply.bullets).toEqual([
      'AIインフラの構築。',
      'サイバーセキュリティの強化。',
      '2030年までに100万人のエンジニアと開発者を育成。',
    ]);
  });
});

describe('partners', () => {
  it('names SoftBank Corp. and Sakura Internet, the four IT companies, and the five-vs-four gap', () => {
    const reply = answer('partners');
    expect(reply.fields).toEqual([
      {
        label: 'AI computing in Japan',
        value: 'Sakura Internet (TSE 3778)\nSoftBank Corp. (TSE 9434)',
      },
      { label: 'Other Japanese IT companies', value: 'NTT Data Corp.\nNEC\nFujitsu\nHitachi' },
    ]);
    expect(allText(reply)).toContain('GPUs');
    expect(allText(reply)).toContain('data centres in Japan');
    expect(reply.caveats).toContain(
      'The article announces five other companies but names only four (NTT Data Corp., NEC, Fujitsu, Hitachi); it does not say who the fifth is.',
    );
    expect(reply.caveats).toContain(
      'The Tokyo Stock Exchange codes in brackets are added by sakura-bot for reference; the article does not give them.',
    );
  });

  it('in Japanese', () => {
    const reply = answer('partners', 'ja');
    expect(reply.fields?.[1]?.value).toBe('NTTデータ\nNEC\n富士通\n日立製作所');
    expect(reply.caveats?.join('')).toContain('5社');
    expect(reply.caveats?.join('')).toContain('4社');
  });
});

describe('announcement', () => {
  it("names Brad Smith's titles and Prime Minister Sanae Takaichi", () => {
    const reply = answer('announcement');
    expect(reply.lead).toContain('Brad Smith');
    expect(reply.lead).toContain('Prime Minister Sanae Takaichi');
    expect(reply.fields).toEqual([
      { label: 'Brad Smith', value: 'Vice Chair and President of Microsoft' },
      { label: 'Sanae Takaichi', value: 'Prime Minister of Japan' },
    ]);
    expect(reply.bullets?.[0]).toContain('demand for cloud and AI services');
  });

  it('in Japanese', () => {
    const reply = answer('announcement', 'ja');
    expect(reply.lead).toContain('高市早苗首相');
    expect(reply.fields?.[0]).toEqual({
      label: 'ブラッド・スミス',
      value: 'マイクロソフト副会長兼社長',
    });
  });
});

describe('adoption', () => {
  it('gives about 1 in 5 (Japan, working age) against 1 in 6 (global)', () => {
    const reply = answer('adoption');
    expect(reply.fields).toEqual([
      { label: 'Japan, working-age people', value: 'about 1 in 5' },
      { label: 'Global average', value: '1 in 6' },
    ]);
    expect(reply.caveats?.[0]).toContain('does not say which survey');
  });

  it('in Japanese', () => {
    expect(answer('adoption', 'ja').fields).toEqual([
      { label: '日本（生産年齢人口）', value: '約5人に1人' },
      { label: '世界平均', value: '6人に1人' },
    ]);
  });
});

describe('impact', () => {
  it('lists the three implications and the professionals-vs-engineers wording', () => {
    const reply = answer('impact');
    expect(reply.lead).toBe('The article expects 3 implications for the Japanese market:');
    expect(reply.bullets?.map((b) => b.split(':')[0])).toEqual([
      'More investment in technology',
      'Job creation',
      'More advanced AI',
    ]);
    expect(reply.caveats?.[0]).toContain('1 million AI professionals');
  });

  it('in Japanese', () => {
    const reply = answer('impact', 'ja');
    expect(reply.bullets?.map((b) => b.split('：')[0])).toEqual([
      '技術への投資拡大',
      '雇用の創出',
      'AIシステムの高度化',
    ]);
  });
});

describe('summary', () => {
  it('puts the whole story on one screen with every headline figure', () => {
    const text = allText(answer('summary'));
    for (const figure of [
      '$10 billion',
      '2026–2029',
      '1 million',
      '+20.2%',
      '+1.02%',
      '+0.22%',
      'one in five',
      'one in six',
    ]) {
      expect(text).toContain(figure);
    }
    expect(text).toContain('NTT Data Corp., NEC, Fujitsu and Hitachi');
    expect(text).toContain('may change');
  });

  it('in Japanese', () => {
    const text = allText(answer('summary', 'ja'));
    for (const figure of [
      '100億ドル',
      '2026年〜2029年',
      '100万人',
      '+20.2%',
      '+1.02%',
      '+0.22%',
      '5人に1人',
      '6人に1人',
    ]) {
      expect(text).toContain(figure);
    }
  });
});

describe('source', () => {
  it('names the article and date, the disclaimer, and every unclear point', () => {
    const reply = answer('source');
    expect(reply.fields).toEqual([
      { label: 'Article', value: SOURCE_TITLE },
      { label: 'Published', value: 'not given in the article' },
      { label: 'Date of the events', value: '3 April 2026' },
    ]);
    expect(reply.lead).toContain('3 April 2026 is the date of the events');
    expect(allText(reply)).toContain('The article gives no publication date.');
    expect(allText(reply)).toContain('codes in brackets are added by sakura-bot');
    const caveats = reply.caveats?.join('\n') ?? '';
    expect(caveats).toContain('may change');
    for (const fact of story.facts) {
      if (fact.caveat) expect(caveats).toContain(fact.caveat.en);
    }
  });

  it('in Japanese', () => {
    const reply = answer('source', 'ja');
    expect(reply.fields?.slice(1)).toEqual([
      { label: '公開日', value: '記事に記載なし' },
      { label: '出来事の日付', value: '2026年4月3日' },
    ]);
    expect(reply.sources[0]?.section).toBe('記事全体');
  });
});

describe('help', () => {
  it('lists every command, privately', () => {
    const reply = answer('help');
    expect(reply.visibility).toBe('private');
    expect(reply.bullets).toHaveLength(commands.length);
    expect(reply.bullets).toContain(
      '`ask <question>` — Ask a question about the story in English or Japanese',
    );
  });
});
