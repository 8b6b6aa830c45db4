import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { answerToPlainText, MESSAGE_KEYS, t } from '../../src/core/index.js';
import { answer, story } from '../support/story.js';

/** Every Japanese string the story file holds, with where it is, for the editorial checks. */
function storyJapanese(): { where: string; text: string }[] {
  const out: { where: string; text: string }[] = [
    { where: 'title', text: story.title.ja },
    ...Object.entries(story.sections).map(([key, name]) => ({
      where: `sections.${key}`,
      text: name.ja,
    })),
  ];
  for (const entity of story.entities) {
    out.push({ where: `${entity.id}.name`, text: entity.name.ja });
    if (entity.role) out.push({ where: `${entity.id}.role`, text: entity.role.ja });
  }
  for (const fact of story.facts) {
    out.push({ where: `${fact.id}.text`, text: fact.text.ja });
    if (fact.caveat) out.push({ where: `${fact.id}.caveat`, text: fact.caveat.ja });
    if (fact.headline) out.push({ where: `${fact.id}.headline`, text: fact.headline.ja });
    for (const value of fact.values) {
      out.push({ where: `${fact.id}.${value.kind}.label`, text: value.label.ja });
      if (value.kind === 'count') out.push({ where: `${fact.id}.unit`, text: value.unit.ja });
    }
  }
  return out;
}

const JAPANESE = '[\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}ー々。、「」（）：]';
/** Half-width punctuation a Japanese editor would set full-width, and spaces between Japanese. */
const HALF_WIDTH_PROBLEMS: readonly [RegExp, string][] = [
  [/[:;]/, 'ASCII colon or semicolon'],
  [/[()]/, 'half-width bracket'],
  [/[,!?]/, 'half-width comma, ! or ?'],
  [new RegExp(`${JAPANESE} +${JAPANESE}`, 'u'), 'space between Japanese'],
];

/** Inline code (`/sakura help`, cron examples) is typed by the user and stays as it is. */
const withoutCode = (text: string) => text.replace(/`[^`]*`/g, 'CODE');

function problems(entries: { where: string; text: string }[]): string[] {
  return entries.flatMap(({ where, text }) =>
    HALF_WIDTH_PROBLEMS.filter(([pattern]) => pattern.test(withoutCode(text))).map(
      ([, what]) => `${where}: ${what} in 「${text}」`,
    ),
  );
}

describe('Japanese text, as a native editor would set it', () => {
  it('uses full-width punctuation and no spaces between sentences in the story data', () => {
    expect(problems(storyJapanese())).toEqual([]);
  });

  it("uses full-width punctuation in the bot's own Japanese messages", () => {
    const messages = MESSAGE_KEYS.map((key) => ({ where: key, text: t('ja', key) }));
    expect(problems(messages)).toEqual([]);
  });

  it('fixes the wording the review found', () => {
    const all = storyJapanese()
      .map((entry) => entry.text)
      .join('\n');
    for (const wrong of [
      '強い関与',
      '労働力のスキル',
      '画像処理装置',
      '育成期限',
      '記事は、情報は',
    ]) {
      expect(all).not.toContain(wrong);
    }
    for (const right of ['強い意欲', '働き手のスキル', 'GPU（画像処理半導体）', '目標年']) {
      expect(all).toContain(right);
    }
    expect(t('ja', 'caveat.prefix')).toBe('注');
  });

  it('does not call SoftBank Corp. anything but ソフトバンク, and says the English opening is unclear', () => {
    const caveat = story.facts.find((fact) => fact.id === 'collaboration-aim')?.caveat?.ja ?? '';
    // In Japanese ソフトバンク is SoftBank Corp.: the unclear word is the English "SoftBank".
    expect(caveat).toContain('「SoftBank」');
    expect(caveat).not.toContain('「ソフトバンク」とだけ');
    const group = story.entities.find((entity) => entity.id === 'softbank-group');
    expect(group?.aliases).not.toContain('ソフトバンク');
  });

  it.each(commands.filter((c) => c.access === 'everyone' && c.name !== 'ask').map((c) => c.name))(
    '%s in Japanese shows no English section heading and no half-width brackets around labels',
    (name) => {
      const reply = answer(name, 'ja');
      const text = answerToPlainText(reply);
      for (const section of Object.keys(story.sections)) expect(text).not.toContain(`(${section})`);
      for (const source of reply.sources) expect(source.section).toMatch(new RegExp(JAPANESE, 'u'));
      expect(text).not.toMatch(/[\p{Script=Han}\p{Script=Katakana}] \(/u);
    },
  );

  it('joins Japanese sentences without spaces in the summary', () => {
    const reply = answer('summary', 'ja');
    expect(reply.lead).not.toMatch(/。 /);
    expect(reply.bullets?.[0]).toMatch(/^重点分野：AIインフラの構築。サイバー/);
  });
});

describe('Japanese lists in plain text', () => {
  it('joins a field of several lines with 、 and keeps section names free of it', () => {
    const text = answerToPlainText(answer('summary', 'ja'));
    expect(text).toContain('さくらインターネット +20.2%、ソフトバンク株式会社 +1.02%');
    for (const name of Object.values(story.sections)) expect(name.ja).not.toContain('、');
  });
});
