import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands as realCommands } from '../../commands/index.js';
import { startDiscord } from '../../src/adapters/discord/start.js';
import type { RunningPlatform } from '../../src/adapters/platform.js';
import { parseConfig } from '../../src/config.js';
import { type Answer, defineCommand } from '../../src/core/index.js';
import { FakeDiscord } from '../support/fake-discord/fake-discord.js';
import { appKeys, postInteraction } from '../support/fake-discord/signed-requests.js';
import { startTestHttpServer, type TestHttpServer } from '../support/http-server.js';
import { embedText, expectWellFormed, isEphemeral } from './embed-checks.js';
import { catalog, type LogLine, memoryLogger, story } from './helpers.js';

/**
 * An answer not ready in time over HTTP: the response is a deferral (type 5), and the answer
 * follows over REST by editing the original, within the interaction token's 15 minutes.
 */

let release: (answer: Answer) => void = () => undefined;
const held = defineCommand({
  name: 'slow',
  nameJa: 'テスト遅い',
  description: { en: 'test: answers when released', ja: 'テスト：解放で回答' },
  options: [],
  access: 'everyone',
  // Stands for a command doing I/O (commands may return a promise).
  run: () =>
    new Promise<Answer>((resolve) => {
      release = resolve;
    }),
});

const keys = appKeys();
let fake: FakeDiscord;
let http: TestHttpServer;
let platform: RunningPlatform;
const logs: LogLine[] = [];

beforeAll(async () => {
  fake = await FakeDiscord.start();
  const logger = memoryLogger(logs);
  http = await startTestHttpServer(logger);
  const config = parseConfig({ ...fake.env(), DISCORD_PUBLIC_KEY: keys.publicKeyHex });
  platform = await startDiscord(
    {
      catalog,
      commands: [...realCommands, held],
      config,
      logger,
      http: http.routes,
      metrics: http.metrics,
    },
    { deferAfterMs: 20 },
  );
});
afterAll(async () => {
  await platform?.stop();
  await http?.close();
  await fake?.close();
});

describe('a slow answer over HTTP interactions', () => {
  it('is deferred in the response, then the placeholder is edited into the answer', async () => {
    const sent = fake.httpInteraction({ sub: 'slow' });
    const reply = await postInteraction(http.baseUrl, keys, sent.payload);
    expect(reply).toEqual({ status: 200, json: { type: 5 } });
    release({
      lang: 'en',
      title: 'A public answer after a wait',
      lead: 'Ready now.',
      sources: [],
      asOf: story.asOf,
      visibility: 'public',
    });
    const edit = await fake.waitFor(
      (r) => r.method === 'PATCH' && r.path.endsWith(`/${sent.token}/messages/@original`),
    );
    expect(edit.authorization).toBeUndefined();
    expectWellFormed(edit);
    expect(isEphemeral(edit)).toBe(false);
    expect(embedText(edit)).toContain('A public answer after a wait');
    expect(fake.exchange(sent).map((r) => r.method)).toEqual(['PATCH']);
  });

  it('refuses what is signed but not a command it answers, and keeps answering', async () => {
    const { signedHeaders } = await import('../support/fake-discord/signed-requests.js');
    const post = (body: string) =>
      fetch(`${http.baseUrl}/discord/interactions`, {
        method: 'POST',
        headers: signedHeaders(keys, body),
        body,
      });
    expect((await post('{not json')).status).toBe(400);
    // An autocomplete (type 4): the bot registers no option with autocomplete.
    expect((await post(JSON.stringify({ type: 4, data: { name: 'sakura' } }))).status).toBe(400);
    const other = fake.httpInteraction({ command: 'other', sub: 'stocks' }).payload;
    expect((await postInteraction(http.baseUrl, keys, other)).status).toBe(400);
    expect((await fetch(`${http.baseUrl}/discord/interactions`)).status).toBe(405);
    const stocks = fake.httpInteraction({ sub: 'stocks' }).payload;
    expect((await postInteraction(http.baseUrl, keys, stocks)).json?.type).toBe(4);
  });

  it('stops taking interactions once stopping, so the balancer can send them elsewhere', async () => {
    await platform.stop();
    const reply = await postInteraction(
      http.baseUrl,
      keys,
      fake.httpInteraction({ sub: 'stocks' }).payload,
    );
    expect(reply.status).toBe(404);
    expect(logs.filter((line) => line.level >= 50)).toEqual([]);
  });

  it("a wrong token stops start-up with Discord's answer, before the endpoint is mounted", async () => {
    const logger = memoryLogger([]);
    const other = await startTestHttpServer(logger);
    try {
      const config = parseConfig({
        ...fake.env(),
        DISCORD_TOKEN: 'not-the-right-token-0123456789',
        DISCORD_PUBLIC_KEY: keys.publicKeyHex,
      });
      await expect(
        startDiscord({ catalog, commands: realCommands, config, logger, http: other.routes }),
      ).rejects.toThrow(/401|Unauthorized/);
      const reply = await postInteraction(
        other.baseUrl,
        keys,
        fake.httpInteraction({ sub: 'stocks' }).payload,
      );
      expect(reply.status).toBe(404);
    } finally {
      await other.close();
    }
  });
});
