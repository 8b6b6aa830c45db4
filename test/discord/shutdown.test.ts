import { afterAll, beforeAll, expect, it } from 'vitest';
import { commands as realCommands } from '../../commands/index.js';
import { type Answer, defineCommand } from '../../src/core/index.js';
import { FakeDiscord } from '../support/fake-discord/fake-discord.js';
import { embedText } from './embed-checks.js';
import { type RunningBot, startBot, story } from './helpers.js';

/** stop(): no new interactions, the ones in flight finish, then the client closes the socket. */

let release: (answer: Answer) => void = () => undefined;
const held = defineCommand({
  name: 'held',
  nameJa: '保留',
  description: { en: 'test: answers when released', ja: 'テスト：解放されると答える' },
  options: [],
  access: 'everyone',
  // A command doing I/O: the way to keep one interaction in flight.
  run: () => new Promise<Answer>((resolve) => (release = resolve)),
});

let fake: FakeDiscord;
let bot: RunningBot;
beforeAll(async () => {
  fake = await FakeDiscord.start();
  // Never defer here: the in-flight interaction is answered by its one and only reply.
  bot = await startBot(fake, { commands: [...realCommands, held], deferAfterMs: 60_000 });
});
afterAll(async () => {
  await fake?.close();
});

it('finishes the interaction in flight, takes no new one, and closes the gateway cleanly', async () => {
  const inFlight = fake.interact({ sub: 'held' });
  // Wait until the bot has the interaction: a later one answered means the earlier one arrived.
  await fake.ask({ sub: 'stocks' });
  expect(fake.exchange(inFlight)).toEqual([]);

  const disconnectedAt = fake.next('disconnected').then(() => performance.now());
  let stopped = false;
  const stopping = bot.platform.stop().then(() => {
    stopped = true;
  });
  const late = fake.interact({ sub: 'stocks' });

  release({
    lang: 'en',
    title: 'Finished after stop was called',
    sources: [],
    asOf: story.asOf,
    visibility: 'public',
  });
  const callback = await inFlight.callback;
  expect(embedText(callback)).toContain('Finished after stop was called');
  await stopping;
  // Ordering, not timing: the answer reached Discord before the gateway socket closed.
  expect(callback.at).toBeLessThan(await disconnectedAt);
  expect(stopped).toBe(true);
  expect(fake.gateway.connected).toBe(false);
  expect(fake.exchange(late)).toEqual([]);
  expect(bot.logs.map((line) => line.msg)).toContain('discord stopped');
});
