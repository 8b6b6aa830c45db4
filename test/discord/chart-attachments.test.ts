import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands as realCommands } from '../../commands/index.js';
import { digestNonce } from '../../src/adapters/discord/digest/poster.js';
import { type Answer, defineCommand, digestAnswer } from '../../src/core/index.js';
import { FakeDiscord, type RecordedRequest } from '../support/fake-discord/fake-discord.js';
import { embedOf, embedText, messageOf, PNG_SIGNATURE } from './embed-checks.js';
import { type RunningBot, startBot, story } from './helpers.js';

/**
 * Charts reach Discord as PNG files: multipart `files[0]`, listed in `attachments`, shown by the
 * embed's `image.url = attachment://stocks-<lang>.png`, on every path a message takes (the
 * gateway's callback, a deferred answer's edit, a digest post with its nonce). The fake keeps
 * each file as sent.
 */

let release: () => void = () => undefined;
const stocks = realCommands.find((command) => command.name === 'stocks');
// Stands for a command doing I/O whose answer has a chart: ready only when the test says so.
const slowStocks = defineCommand({
  name: 'slowstocks',
  nameJa: 'テスト株価',
  description: { en: 'test: stocks when released', ja: 'テスト：解放で株価' },
  options: [],
  access: 'everyone',
  run: (ctx) =>
    new Promise<Answer>((resolve) => {
      release = () => resolve(stocks?.run(ctx) as Answer);
    }),
});

let fake: FakeDiscord;
let bot: RunningBot;

beforeAll(async () => {
  fake = await FakeDiscord.start();
  bot = await startBot(fake, { commands: [...realCommands, slowStocks], deferAfterMs: 20 });
});
afterAll(async () => {
  await bot?.platform.stop();
  await fake?.close();
});

/** The request carries the chart as Discord needs it, and the embed shows that file. */
function expectChart(request: RecordedRequest, lang: 'en' | 'ja'): void {
  const [file, ...others] = request.files ?? [];
  expect(others).toEqual([]);
  expect(file?.field).toBe('files[0]');
  expect(file?.name).toBe(`stocks-${lang}.png`);
  expect(file?.contentType).toBe('image/png');
  expect(file?.data.subarray(0, 8)).toEqual(PNG_SIGNATURE);
  expect(file?.data.length).toBeGreaterThan(10_000);
  expect(file?.data.length).toBeLessThan(100 * 1024);
  const message = messageOf(request);
  expect(message.attachments).toEqual([
    { id: '0', filename: `stocks-${lang}.png`, description: expect.stringContaining('+20.2%') },
  ]);
  const embed = embedOf(request);
  expect(embed.image).toEqual({ url: `attachment://stocks-${lang}.png` });
  // The fields stay as the accessible text; the text bars are gone, the picture replaces them.
  expect(embed.fields?.map((field) => field.value)).toEqual(['+20.2%', '+1.02%', '+0.22%']);
  expect(embed.description ?? '').not.toContain('```');
}

describe('chart images on Discord', () => {
  it.each(['en', 'ja'] as const)(
    '%s: the gateway reply is multipart with the PNG',
    async (lang) => {
      const callback = await fake.ask({ sub: 'stocks', locale: lang === 'ja' ? 'ja' : 'en-US' });
      expect((callback.body as { type: number }).type).toBe(4);
      expectChart(callback, lang);
    },
  );

  it('a repeated (cached) answer carries the same message and the same PNG as the first', async () => {
    const first = await fake.ask({ sub: 'stocks', locale: 'en-US' });
    const again = await fake.ask({ sub: 'stocks', locale: 'en-US' });
    expectChart(again, 'en');
    expect(again.body).toEqual(first.body);
    expect(again.files?.[0]?.data.equals(first.files?.[0]?.data ?? Buffer.alloc(0))).toBe(true);
  });

  it('a deferred answer edits the placeholder with the PNG', async () => {
    const sent = fake.interact({ sub: 'slowstocks' });
    const callback = await sent.callback;
    expect((callback.body as { type: number }).type).toBe(5);
    release();
    const edit = await fake.waitFor(
      (r) => r.method === 'PATCH' && r.path.includes(`/${sent.token}/messages/@original`),
    );
    expectChart(edit, 'en');
    expect(embedText(edit)).toContain('Sakura Internet');
  });

  it('a digest post carries the PNG and keeps its nonce', async () => {
    const poster = bot.platform.poster;
    if (!poster) throw new Error('no poster');
    const key = { subscriptionId: 7, slot: new Date('2026-04-06T00:00:00Z') };
    const target = { platform: 'discord' as const, workspaceId: null, channelId: fake.channelId };
    const outcome = await poster.post(
      target,
      digestAnswer(story, 'ja'),
      key,
      new AbortController().signal,
    );
    expect(outcome.status).toBe('sent');
    const post = fake.requests.find(
      (r) => r.method === 'POST' && r.path === `/channels/${fake.channelId}/messages`,
    );
    if (!post) throw new Error('no digest post');
    expect(post.body).toMatchObject({ nonce: digestNonce(key), enforce_nonce: true });
    const [file] = post.files ?? [];
    expect(file?.name).toBe('stocks-ja.png');
    expect(file?.data.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(embedOf(post).image).toEqual({ url: 'attachment://stocks-ja.png' });
    // The message Discord keeps lists the attachment.
    const [stored] = fake.channels.messages(fake.channelId);
    expect(JSON.stringify(stored)).toContain('stocks-ja.png');
  });
});
