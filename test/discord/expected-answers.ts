import type { Lang } from '../../src/core/index.js';

/** What each /sakura subcommand must state, in each language: the story's figures, exactly. */

export const SOURCE = {
  en: ['Source: "Japan\'s Sakura Internet jumps 20%', 'As of 3 April 2026'],
  ja: ["出典：「Japan's Sakura Internet jumps 20%", '2026年4月3日時点'],
};

export const EXPECTED: Record<string, Record<Lang, string[]>> = {
  stocks: {
    en: ['Share moves on 3 April 2026', '+20.2%', '+1.02%', '+0.22%', 'Sakura Internet (TSE 3778)'],
    ja: ['2026年4月3日の株価の動き', '+20.2%', '+1.02%', '+0.22%', 'さくらインターネット'],
  },
  investment: {
    en: ['$10 billion', '2026–2029', '1 million engineers and developers', '2030', 'cybersecurity'],
    ja: ['100億ドル', '2026年〜2029年', '100万人', '2030年', 'サイバーセキュリティ'],
  },
  partners: {
    en: [
      'NTT Data Corp.',
      'NEC',
      'Fujitsu',
      'Hitachi',
      'SoftBank Corp.',
      'Sakura Internet',
      'announces five other companies but names only four',
    ],
    ja: ['NTTデータ', 'NEC', '富士通', '日立製作所', '5社', '4社'],
  },
  announcement: {
    en: ['Brad Smith', 'Vice Chair and President', 'Prime Minister Sanae Takaichi'],
    ja: ['ブラッド・スミス', '高市早苗'],
  },
  adoption: {
    en: ['about 1 in 5', '1 in 6'],
    ja: ['約5人に1人', '6人に1人'],
  },
  impact: {
    en: ['3 implications', 'Job creation', '1 million AI professionals'],
    ja: ['3点', '雇用の創出', '100万人のAI人材'],
  },
  summary: {
    en: ['$10 billion', '2026–2029', '+20.2%', 'one in six', 'Hitachi'],
    ja: ['100億ドル', '2026年〜2029年', '+20.2%', '日立製作所'],
  },
  source: {
    en: ['Every answer comes from this one article', '3 April 2026', 'may change'],
    ja: ['すべての回答はこの記事に基づいています', '2026年4月3日'],
  },
};

export const LOCALES: Record<Lang, string> = { en: 'en-US', ja: 'ja' };
