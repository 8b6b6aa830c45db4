import type { Story } from '../../src/core/index.js';

/** A deterministic PRNG (mulberry32), so every run measures the same generated store. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS_EN =
  'cloud chips grid power storage network robotics battery factory port rail satellite fibre research grant startup bank insurer retail logistics hospital school energy solar wind hydrogen semiconductor software platform market export tariff'.split(
    ' ',
  );
const WORDS_JA =
  'クラウド 半導体 電力 物流 研究 銀行 小売 病院 学校 太陽光 風力 水素 輸出 市場 工場'.split(' ');

/**
 * The real story grown to `size` facts: its own facts first, then generated ones built from a
 * fixed vocabulary with numbers and company names, so `ask` has a realistic index to search.
 */
export function syntheticStory(base: Story, size: number): Story {
  const random = prng(42);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const entities = [...base.entities];
  for (let i = 0; i < 200; i += 1) {
    entities.push({
      id: `company-${i}`,
      kind: 'company',
      name: { en: `Company${i} Holdings`, ja: `会社${i}` },
      aliases: [],
    });
  }
  const facts = [...base.facts];
  for (let i = facts.length; i < size; i += 1) {
    const company = entities[base.entities.length + (i % 200)];
    if (!company) throw new Error('entity list too short');
    const words = Array.from({ length: 12 }, () => pick(WORDS_EN)).join(' ');
    const wordsJa = Array.from({ length: 6 }, () => pick(WORDS_JA)).join('と');
    const pct = Math.round(random() * 3000) / 100;
    facts.push({
      id: `fact-${i}`,
      topic: pick(['market', 'investment', 'partnership', 'implication'] as const),
      text: {
        en: `${company.name.en} reported ${words} up ${pct}% in ${2020 + (i % 10)}.`,
        ja: `${company.name.ja}は${wordsJa}で${pct}%増加しました。`,
      },
      values: [{ kind: 'percent', label: { en: 'Change', ja: '変化率' }, value: pct }],
      entities: [company.id],
      section: `Section ${i % 50}`,
      updated: base.asOf,
    });
  }
  return { ...base, id: `${base.id}-x${size}`, entities, facts };
}
