import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { blockKitProblems, type ReplyJson, visibleText } from './block-kit-check.js';
import { countingCommand, throwingCommands } from './counting-command.js';
import { type SlackHarness, startHarness } from './harness.js';

const counter = countingCommand();
let h: SlackHarness;
beforeAll(async () => {
  h = await startHarness({ commands: [...commands, ...throwingCommands, counter.command] });
});
afterAll(() => h.close());

const MENTIONS = ['<!channel>', '<!here>', '<!everyone>', '<@U123>', '<#C123|general>'];

function expectNoPing(reply: ReplyJson) {
  const json = JSON.stringify(reply);
  for (const mention of MENTIONS) expect(json).not.toContain(mention);
  expect(json).not.toMatch(/@(everyone|channel|here)\b/);
  expect(blockKitProblems(reply)).toEqual([]);
}

describe('user text in replies', () => {
  it('mentions in a question are escaped and cannot ping (respond path)', async () => {
    const question = '<!channel> <!here> how much is Microsoft investing? @everyone';
    const result = await h.slash(`ask ${question}`);
    expect(result.status).toBe(200);
    expect(result.json).toBeUndefined();
    const { body } = await h.responses.waitFor(result.responseUrl);
    const reply = body as ReplyJson;
    expectNoPing(reply);
    const shown = visibleText(reply);
    expect(shown).toContain(
      '&lt;!channel&gt; &lt;!here&gt; how much is Microsoft investing? @\u2060everyone',
    );
    expect(shown).toContain('$10 billion');
  });

  it('mentions as an unknown subcommand are escaped too (ack path)', async () => {
    for (const text of [
      '<!channel>',
      '<!here> stocks',
      '<@U123|someone>',
      '@everyone',
      '<#C123|general>',
    ]) {
      const { json } = await h.slash(text);
      const reply = json as ReplyJson;
      expect(reply.response_type).toBe('ephemeral');
      expectNoPing(reply);
    }
  });

  it('an ampersand typed by the user reaches the core once-decoded and goes back escaped once', async () => {
    const result = await h.slash('ask who are the partners? NEC & Fujitsu <b>');
    const { body } = await h.responses.waitFor(result.responseUrl);
    const shown = visibleText(body as ReplyJson);
    expect(shown).toContain('NEC &amp; Fujitsu &lt;b&gt;');
    expect(shown).not.toContain('&amp;amp;');
  });
});

describe('help, unknown commands and failures', () => {
  it('empty text answers with help, privately', async () => {
    const { json } = await h.slash('');
    const reply = json as ReplyJson;
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.blocks?.[0]?.text?.text).toBe('sakura-bot commands');
    expect(blockKitProblems(reply)).toEqual([]);
  });

  it('an unknown subcommand gets "did you mean" and the command list, privately', async () => {
    const { json } = await h.slash('stokcs');
    const reply = json as ReplyJson;
    expect(reply.response_type).toBe('ephemeral');
    const shown = visibleText(reply);
    expect(shown).toContain('There is no command "stokcs". Did you mean `stocks`?');
    expect(shown).toContain('`investment`');
    expect(blockKitProblems(reply)).toEqual([]);
  });

  it('in Japanese too', async () => {
    const { json } = await h.slash('stokcs lang:ja');
    const shown = visibleText(json as ReplyJson);
    expect(shown).toContain('「stokcs」というコマンドはありません。');
    expect(shown).toContain('`stocks` のことですか？');
  });

  it('a bad lang value is a private error', async () => {
    const { json } = await h.slash('stocks lang:fr');
    const reply = json as ReplyJson;
    expect(reply.response_type).toBe('ephemeral');
    expect(visibleText(reply)).toContain('lang must be en or ja.');
  });

  it('a handler that throws still answers, privately, with an error id that is in the log', async () => {
    const { status, json } = await h.slash('boom');
    expect(status).toBe(200);
    const reply = json as ReplyJson;
    expect(reply.response_type).toBe('ephemeral');
    expect(blockKitProblems(reply)).toEqual([]);
    const id = /Error id: ([0-9a-f]{8})/.exec(visibleText(reply))?.[1];
    expect(id).toBeDefined();
    const logged = h.logs.find((line) => line.errorId === id);
    expect(logged?.msg).toBe('slash command failed');
    expect(JSON.stringify(logged?.err)).toContain('boom: the handler broke');
  });

  it('one that throws after the ack answers through response_url, privately, with its id', async () => {
    const result = await h.slash('slowboom why?');
    expect(result.json).toBeUndefined();
    const reply = (await h.responses.waitFor(result.responseUrl)).body as ReplyJson;
    expect(reply.response_type).toBe('ephemeral');
    const id = /Error id: ([0-9a-f]{8})/.exec(visibleText(reply))?.[1];
    expect(h.logs.some((line) => line.errorId === id)).toBe(true);
  });

  it('the failure answer is in the asked language', async () => {
    const { json } = await h.slash('boom lang:ja');
    expect(visibleText(json as ReplyJson)).toMatch(/エラーID：[0-9a-f]{8}/);
  });
});

describe('the reply cache', () => {
  it('answers a repeated text from the cache: the same reply, the command run once', async () => {
    const first = await h.slash('count');
    const second = await h.slash('count');
    expect(second.json).toEqual(first.json);
    expect(counter.runs()).toBe(1);
  });

  it('never caches a failure: each gets its own error id', async () => {
    const ids = [];
    for (let i = 0; i < 2; i += 1) {
      const { json } = await h.slash('boom lang:en');
      ids.push(/Error id: ([0-9a-f]{8})/.exec(visibleText(json as ReplyJson))?.[1]);
    }
    expect(ids[0]).toBeDefined();
    expect(ids[1]).not.toBe(ids[0]);
  });

  it('a cached ask still goes through respond() after an empty ack', async () => {
    for (let i = 0; i < 2; i += 1) {
      const result = await h.slash('ask who did Brad Smith meet?');
      expect(result.json).toBeUndefined();
      const { body } = await h.responses.waitFor(result.responseUrl);
      expect(visibleText(body as ReplyJson)).toContain('Sanae Takaichi');
    }
  });
});
