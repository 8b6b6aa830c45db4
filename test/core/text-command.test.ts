import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import {
  answerParsed,
  defineCommand,
  parseTextCommand,
  validateOptions,
} from '../../src/core/index.js';
import { ready, story } from '../support/story.js';

const parse = (text: string) => parseTextCommand(text, commands, 'en');

describe('text command parser', () => {
  it.each(['stocks', '/sakura stocks', 'sakura stocks', '  STOCKS  ', 'ｓｔｏｃｋｓ'])(
    'reads %j as stocks',
    (text) => {
      const parsed = parse(text);
      expect(parsed.kind).toBe('command');
      if (parsed.kind === 'command') expect(parsed.command.name).toBe('stocks');
    },
  );

  it('takes the rest of the line as the question', () => {
    const parsed = parse('/sakura ask how much is Microsoft investing?');
    expect(parsed).toMatchObject({
      kind: 'command',
      options: { question: 'how much is Microsoft investing?' },
      lang: 'en',
    });
  });

  it('reads lang:ja anywhere, and full-width input', () => {
    expect(parse('stocks lang:ja')).toMatchObject({ kind: 'command', lang: 'ja' });
    expect(parse('lang:ja stocks')).toMatchObject({ kind: 'command', lang: 'ja' });
    expect(parse('stocks ｌａｎｇ：ｊａ')).toMatchObject({ kind: 'command', lang: 'ja' });
    expect(parse('ask lang:en 株価は？')).toMatchObject({ kind: 'command', lang: 'en' });
  });

  it('answers a Japanese question in Japanese unless told otherwise', () => {
    expect(parse('ask 株価は？')).toMatchObject({ kind: 'command', lang: 'ja' });
  });

  it('treats empty text as help', () => {
    for (const text of ['', '   ', '/sakura', '/sakura   ']) {
      const parsed = parse(text);
      expect(parsed.kind).toBe('command');
      if (parsed.kind === 'command') expect(parsed.command.name).toBe('help');
    }
  });

  it('suggests the nearest command for a typo, with the help list', () => {
    const parsed = parse('stok');
    expect(parsed).toMatchObject({ kind: 'unknown', input: 'stok', suggestion: 'stocks' });
    const reply = ready(answerParsed(parsed, story, commands));
    expect(reply.title).toBe('Unknown command');
    expect(reply.lead).toBe('There is no command "stok". Did you mean `stocks`?');
    expect(reply.bullets).toHaveLength(commands.length);
    expect(reply.visibility).toBe('private');
  });

  it('suggests by prefix and gives none for nonsense', () => {
    expect(parse('inv')).toMatchObject({ kind: 'unknown', suggestion: 'investment' });
    expect(parse('xyzzyplugh')).toMatchObject({ kind: 'unknown', suggestion: undefined });
  });

  it('rejects a bad language, a missing question, a huge question and stray text', () => {
    expect(parse('stocks lang:fr')).toMatchObject({
      kind: 'invalid',
      message: 'lang must be en or ja.',
    });
    expect(parse('ask')).toMatchObject({
      kind: 'invalid',
      message: 'question is required. Example: `ask how much is Microsoft investing?`',
    });
    expect(parse(`ask ${'a'.repeat(301)}`)).toMatchObject({
      kind: 'invalid',
      message: 'question is too long: at most 300 characters.',
    });
    expect(parse('stocks please')).toMatchObject({
      kind: 'invalid',
      message: '`stocks` takes no text. Example: `stocks`',
    });
  });

  it('strips control characters and keeps odd Unicode readable', () => {
    const parsed = parse('ask \u0000what\u200b about\u202e GPUs? 🤖');
    expect(parsed).toMatchObject({ kind: 'command', options: { question: 'what about GPUs? 🤖' } });
  });

  it('passes mention tricks through as plain text for the renderers to neutralise', () => {
    const parsed = parse('ask @everyone <!channel> who is Brad Smith?');
    expect(parsed).toMatchObject({
      kind: 'command',
      options: { question: '@everyone <!channel> who is Brad Smith?' },
    });
  });

  it('gives errors in Japanese when asked to', () => {
    expect(parse('ask lang:ja')).toMatchObject({
      kind: 'invalid',
      message: expect.stringContaining('を指定してください'),
    });
  });
});

describe('admin commands', () => {
  // No shipped command is admin-only yet; this one exists only to hold the parser to its contract.
  let ran = false;
  const adminOnly = defineCommand({
    name: 'purge',
    nameJa: '削除',
    description: { en: 'Test-only admin command', ja: 'テスト用の管理者コマンド' },
    options: [],
    access: 'admin',
    run: () => {
      ran = true;
      throw new Error('an admin command ran from text');
    },
  });
  const withAdmin = [...commands, adminOnly];

  it('refuses an admin command from text, with a clear private reply, and never runs it', () => {
    const parsed = parseTextCommand('/sakura purge', withAdmin, 'en');
    expect(parsed).toEqual({
      kind: 'invalid',
      command: adminOnly,
      message: '`purge` is for admins and cannot be run as a text command.',
      lang: 'en',
    });
    const reply = ready(answerParsed(parsed, story, withAdmin));
    expect(reply.lead).toBe('`purge` is for admins and cannot be run as a text command.');
    expect(reply.visibility).toBe('private');
    expect(ran).toBe(false);
  });

  it('refuses it in Japanese too', () => {
    expect(parseTextCommand('purge lang:ja', withAdmin, 'en')).toMatchObject({
      kind: 'invalid',
      message: '`purge` は管理者用のため、テキストコマンドでは実行できません。',
    });
  });

  it('neither suggests it for a typo nor lists it in help', () => {
    expect(parseTextCommand('purg', withAdmin, 'en')).toMatchObject({ suggestion: undefined });
    const help = ready(answerParsed(parseTextCommand('help', withAdmin, 'en'), story, withAdmin));
    expect(help.bullets?.join('\n')).not.toContain('purge');
  });
});

describe('option validation', () => {
  it('names an option the command does not have', () => {
    const ask = commands.find((c) => c.name === 'ask');
    if (!ask) throw new Error('no ask');
    expect(validateOptions(ask, { question: 'GPUs?', colour: 'red' }, 'en')).toEqual({
      ok: false,
      message: 'Unknown option "colour". Options: question',
    });
  });
});
