import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { langFromLocale } from '../../src/core/index.js';
import { FakeDiscord, type RecordedRequest } from '../support/fake-discord/fake-discord.js';
import { embedOf, embedText, expectWellFormed, isEphemeral, messageOf } from './embed-checks.js';
import { EXPECTED, LOCALES, SOURCE } from './expected-answers.js';
import { type RunningBot, startBot } from './helpers.js';

/**
 * Every /sakura subcommand through the real discord.js client and the fake gateway, in the two
 * languages Discord's `interaction.locale` selects. Figures are the story's, exactly.
 */

let fake: FakeDiscord;
let bot: RunningBot;
beforeAll(async () => {
  fake = await FakeDiscord.start();
  bot = await startBot(fake);
});
afterAll(async () => {
  await bot?.platform.stop();
  await fake?.close();
});

describe.each(['en', 'ja'] as const)('every subcommand in %s', (lang) => {
  for (const [sub, figures] of Object.entries(EXPECTED)) {
    it(`${sub} states the story's figures, cited, publicly`, async () => {
      const callback = await fake.ask({ sub, locale: LOCALES[lang] });
      expect(callback.status).toBe(204);
      expect((callback.body as { type: number }).type).toBe(4);
      expectWellFormed(callback);
      expect(isEphemeral(callback)).toBe(false);
      const text = embedText(callback);
      for (const figure of figures[lang]) expect(text).toContain(figure);
      for (const part of SOURCE[lang]) expect(embedOf(callback).footer?.text).toContain(part);
    });
  }

  it('ask answers from the facts, with the question quoted back', async () => {
    const question =
      lang === 'ja' ? 'マイクロソフトの投資額は？' : 'How much is Microsoft investing?';
    const callback = await fake.ask({ sub: 'ask', options: { question }, locale: LOCALES[lang] });
    expectWellFormed(callback);
    expect(isEphemeral(callback)).toBe(false);
    const text = embedText(callback);
    expect(text).toContain(question);
    expect(text).toContain(lang === 'ja' ? '100億ドル' : '$10 billion');
    expect(text).toContain(lang === 'ja' ? '2026年から2029年' : 'from 2026 to 2029');
  });

  it('ask says the story does not say, rather than guess', async () => {
    const question = lang === 'ja' ? '明日の株価は？' : 'What will the share price be tomorrow?';
    const callback = await fake.ask({ sub: 'ask', options: { question }, locale: LOCALES[lang] });
    expectWellFormed(callback);
    expect(embedOf(callback).title).toBe(
      lang === 'ja' ? '記事には記載がありません。' : 'The story does not say.',
    );
  });

  it('help lists every command, ephemerally', async () => {
    const callback = await fake.ask({ sub: 'help', locale: LOCALES[lang] });
    expectWellFormed(callback);
    expect(isEphemeral(callback)).toBe(true);
    const text = embedText(callback);
    for (const command of commands) expect(text).toContain(`\`${command.name}`);
    expect(text).toContain(lang === 'ja' ? 'コマンド一覧' : 'List every command');
  });
});

describe('input Discord does not stop', () => {
  it('a question longer than 300 characters gets an ephemeral error naming the limit', async () => {
    const callback = await fake.ask({ sub: 'ask', options: { question: 'why '.repeat(100) } });
    expectWellFormed(callback);
    expect(isEphemeral(callback)).toBe(true);
    expect(embedText(callback)).toContain('at most 300 characters');
  });

  it('an empty question gets an ephemeral error with an example', async () => {
    const callback = await fake.ask({ sub: 'ask', options: { question: '   ' }, locale: 'ja' });
    expectWellFormed(callback);
    expect(isEphemeral(callback)).toBe(true);
    expect(embedText(callback)).toContain('ask how much is Microsoft investing?');
  });

  it('an option the command does not have is refused, ephemerally', async () => {
    const callback = await fake.ask({ sub: 'stocks', options: { lang: 'ja' } });
    expect(isEphemeral(callback)).toBe(true);
    expect(embedText(callback)).toContain('Unknown option');
  });

  it('a subcommand that no longer exists gets the command list, ephemerally', async () => {
    const callback = await fake.ask({ sub: 'weather' });
    expectWellFormed(callback);
    expect(isEphemeral(callback)).toBe(true);
    expect(embedText(callback)).toContain('There is no command "weather"');
  });

  it('another top-level command is not ours to answer', async () => {
    const sent = fake.interact({ command: 'other', sub: 'stocks' });
    // A /sakura interaction sent after it is answered; the other one never is.
    await fake.ask({ sub: 'source' });
    expect(fake.exchange(sent)).toEqual([]);
  });
});

describe('mentions', () => {
  it('an ask containing @everyone and a role mention pings nobody', async () => {
    const question = '@everyone <@&123456789012345678> how much is Microsoft investing?';
    const callback = await fake.ask({ sub: 'ask', options: { question } });
    expectWellFormed(callback);
    expect(messageOf(callback).allowed_mentions).toEqual({ parse: [] });
    expect(messageOf(callback).content ?? '').not.toContain('@everyone');
  });

  it('a masked link in a question is shown broken, not as a hidden link', async () => {
    const question = 'is [microsoft.com](https://evil.example) investing?';
    const callback = await fake.ask({ sub: 'ask', options: { question } });
    expect(embedText(callback)).not.toContain('](https://evil.example)');
  });

  it('every message the bot sent had allowed_mentions parse []', () => {
    const messages = fake.requests.filter(
      (r: RecordedRequest) => r.path.includes('/interactions/') || r.path.startsWith('/webhooks/'),
    );
    expect(messages.length).toBeGreaterThan(20);
    for (const request of messages) {
      if (request.method === 'DELETE') continue;
      expect(messageOf(request).allowed_mentions).toEqual({ parse: [] });
    }
  });
});

describe('language', () => {
  it.each([
    ['ja', 'ja'],
    ['en-GB', 'en'],
    ['zh-CN', 'en'],
  ])('locale %s answers in %s', async (locale, lang) => {
    expect(langFromLocale(locale)).toBe(lang);
    const callback = await fake.ask({ sub: 'adoption', locale });
    expect(embedOf(callback).title).toBe(lang === 'ja' ? '生成AIの利用状況' : 'Generative AI use');
  });

  it('logs nothing at error level for ordinary answers', () => {
    expect(bot.logs.filter((line) => line.level >= 50)).toEqual([]);
  });
});
