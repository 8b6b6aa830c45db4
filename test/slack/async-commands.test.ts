import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { FIRST_RESPONSE_WITHIN_MS } from '../../src/adapters/deadline.js';
import { type Answer, defineCommand } from '../../src/core/index.js';
import { type ReplyJson, visibleText } from './block-kit-check.js';
import { type SlackHarness, startHarness } from './harness.js';

/**
 * Commands may return a promise (a command doing I/O). Slack gives such an answer the deadline
 * Discord gives it: in the ack when ready within FIRST_RESPONSE_WITHIN_MS, else an empty ack and
 * the answer through response_url; never cached, since it came from I/O.
 */
let runs = 0;
const answerAfter = (ms: number, title: string) =>
  defineCommand({
    name: title,
    nameJa: `テスト${title}`,
    description: { en: `test: answers after ${ms} ms`, ja: `テスト：${ms}ミリ秒後に回答` },
    options: [],
    access: 'everyone',
    run: async ({ story, lang }): Promise<Answer> => {
      runs += 1;
      await delay(ms);
      return { lang, title, sources: [], asOf: story.asOf, visibility: 'public' };
    },
  });
const failing = defineCommand({
  name: 'asyncboom',
  nameJa: 'テスト非同期失敗',
  description: { en: 'test: rejects', ja: 'テスト：拒否する' },
  options: [],
  access: 'everyone',
  run: () => Promise.reject(new Error('asyncboom: the I/O failed')),
});

let h: SlackHarness;
beforeAll(async () => {
  h = await startHarness({
    commands: [
      ...commands,
      answerAfter(10, 'quick'),
      answerAfter(FIRST_RESPONSE_WITHIN_MS + 300, 'late'),
      failing,
    ],
  });
});
afterAll(() => h.close());

describe('a command that returns a promise', () => {
  it('ready within the deadline: answered in the ack, and run again next time (not cached)', async () => {
    const before = runs;
    for (let i = 0; i < 2; i += 1) {
      const { status, json } = await h.slash('quick');
      expect(status).toBe(200);
      expect(visibleText(json as ReplyJson)).toContain('quick');
    }
    expect(runs - before).toBe(2);
  });

  it('not ready within the deadline: an empty ack, then the answer through response_url', async () => {
    const started = performance.now();
    const result = await h.slash('late');
    expect(result.status).toBe(200);
    expect(result.json).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(FIRST_RESPONSE_WITHIN_MS + 300);
    const { body } = await h.responses.waitFor(result.responseUrl);
    expect(visibleText(body as ReplyJson)).toContain('late');
  });

  it('rejected: a private failure answer with an error id, and the error logged with it', async () => {
    const { json } = await h.slash('asyncboom');
    const reply = json as ReplyJson;
    expect(reply.response_type).toBe('ephemeral');
    const errorId = /\b([0-9a-f]{8})\b/.exec(visibleText(reply))?.[1];
    expect(errorId).toBeDefined();
    expect(h.logs.some((line) => line.errorId === errorId)).toBe(true);
  });
});
