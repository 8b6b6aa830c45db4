import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeDiscord } from '../support/fake-discord/fake-discord.js';
import { embedText } from './embed-checks.js';
import { type RunningBot, startBot } from './helpers.js';

/**
 * The connection: gateway discovery through DISCORD_API_URL, IDENTIFY with no intents,
 * heartbeats, and staying in service when the fake gateway drops the socket.
 */

let fake: FakeDiscord;
let bot: RunningBot;
beforeAll(async () => {
  // Fast heartbeats, so this file sees several without waiting Discord's 41 s.
  fake = await FakeDiscord.start({ heartbeatIntervalMs: 150 });
  bot = await startBot(fake);
});
afterAll(async () => {
  await bot?.platform.stop();
  await fake?.close();
});

describe('connecting', () => {
  it('discovers the gateway with GET /gateway/bot through the REST base', () => {
    const discovery = fake.requests.find((r) => r.path === '/gateway/bot');
    expect(discovery?.authorization).toBe(`Bot ${fake.token}`);
    expect(fake.gateway.log.queries[0]).toBe('v=10&encoding=json');
  });

  it('identifies once, with no intents, so no server data is sent to it', () => {
    expect(fake.gateway.log.identifies).toEqual([{ intents: 0, shard: [0, 1] }]);
    expect(fake.gateway.log.guildCreates).toBe(0);
  });

  it('heartbeats and gets ACKs without being taken for a zombie', async () => {
    const before = fake.gateway.log.heartbeats;
    // Bounded: at most 40 polls of 50 ms for two more heartbeats at a 150 ms interval.
    for (let i = 0; i < 40 && fake.gateway.log.heartbeats < before + 2; i += 1) await delay(50);
    expect(fake.gateway.log.heartbeats).toBeGreaterThanOrEqual(before + 2);
    expect(fake.gateway.log.connections).toBe(1);
  });
});

describe('when the gateway drops the socket', () => {
  it('resumes the session and keeps answering', async () => {
    const resumed = fake.next('resumed');
    fake.gateway.drop('terminate');
    await resumed;
    expect(fake.gateway.log.resumes).toBe(1);
    expect(fake.gateway.log.identifies).toHaveLength(1);
    const callback = await fake.ask({ sub: 'stocks' });
    expect(embedText(callback)).toContain('+20.2%');
  });

  it('answers, once, an interaction sent while it was disconnected (replayed on resume)', async () => {
    const disconnected = fake.next('disconnected');
    fake.gateway.drop(4000);
    await disconnected;
    const sent = fake.interact({ sub: 'adoption' });
    const callback = await sent.callback;
    expect(embedText(callback)).toContain('about 1 in 5');
    await fake.ask({ sub: 'source' });
    expect(fake.exchange(sent)).toHaveLength(1);
    expect(fake.gateway.log.resumes).toBe(2);
  });

  it('identifies again when the session cannot be resumed, and keeps answering', async () => {
    const identified = fake.next('identified', 15_000);
    fake.gateway.invalidateSession();
    fake.gateway.drop('terminate');
    await identified;
    expect(fake.gateway.log.identifies).toHaveLength(2);
    const callback = await fake.ask({ sub: 'investment', locale: 'ja' });
    expect(embedText(callback)).toContain('100億ドル');
  }, 20_000);

  it('logged the disconnections and reconnections', () => {
    const messages = bot.logs.map((line) => line.msg);
    expect(messages).toContain('discord gateway resumed');
    expect(bot.logs.filter((line) => line.level >= 50)).toEqual([]);
  });
});
