import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIGURED_BY } from '../../src/schedule/digests.js';
import { SqliteStore } from '../../src/store/sqlite/store.js';
import { type BotRun, startBuiltBot, startedPort } from '../support/built-bot.js';
import { FakeDiscord, type RecordedRequest } from '../support/fake-discord/fake-discord.js';
import { appKeys, postInteraction } from '../support/fake-discord/signed-requests.js';
import { scrape, total } from '../support/prometheus.js';
import {
  embedOf,
  embedText,
  expectWellFormed,
  isEphemeral,
  PNG_SIGNATURE,
} from './embed-checks.js';
import { EXPECTED, LOCALES, SOURCE } from './expected-answers.js';
import { type RunningBot, startBot } from './helpers.js';

/**
 * The built program with DISCORD_PUBLIC_KEY set: Discord's signed requests on
 * POST /discord/interactions, no gateway, and the same answers the gateway gives, byte for byte.
 * A digest slot due at start-up is posted too, so /metrics has commands and digests to count.
 */

const keys = appKeys();
const cwd = mkdtempSync(join(tmpdir(), 'sakura-http-'));
let fake: FakeDiscord;
let run: BotRun;
let baseUrl: string;
// The gateway bot answering the same requests on a fake of its own, to compare bodies with.
let reference: FakeDiscord;
let gatewayBot: RunningBot;

/** A daily slot two minutes ago (UTC): due at start-up, inside the catch-up window, once. */
function slotTwoMinutesAgo(): string {
  const at = new Date(Date.now() - 2 * 60_000);
  return `${at.getUTCMinutes()} ${at.getUTCHours()} * * *`;
}

beforeAll(async () => {
  [fake, reference] = await Promise.all([FakeDiscord.start(), FakeDiscord.start()]);
  gatewayBot = await startBot(reference);
  const cron = slotTwoMinutesAgo();
  const databasePath = join(cwd, 'digests.db');
  // The configured channel's schedule began five minutes ago, as if the bot had been down: the
  // slot two minutes ago is due at start-up (a subscription never gets slots from before it).
  const store = new SqliteStore(databasePath, 'test');
  await store.subscriptions.upsert(
    {
      platform: 'discord',
      workspaceId: null,
      channelId: fake.channelId,
      cron,
      timezone: 'UTC',
      lang: 'en',
      createdBy: CONFIGURED_BY,
    },
    new Date(Date.now() - 5 * 60_000),
  );
  await store.close();
  run = startBuiltBot({
    cwd,
    env: {
      ...fake.env(),
      DISCORD_PUBLIC_KEY: keys.publicKeyHex,
      DATABASE_PATH: databasePath,
      LOG_LEVEL: 'info',
      DIGEST_CRON: cron,
      DIGEST_TIMEZONE: 'UTC',
      DISCORD_DIGEST_CHANNELS: fake.channelId,
    },
  });
  baseUrl = `http://127.0.0.1:${await startedPort(run)}`;
});

afterAll(async () => {
  if (run?.child.exitCode === null) run.child.kill('SIGKILL');
  await gatewayBot?.platform.stop();
  await Promise.all([fake?.close(), reference?.close()]);
  rmSync(cwd, { recursive: true, force: true });
});

/** The HTTP response's message, shaped like a recorded callback for the embed checks. */
const asCallback = (json: unknown): RecordedRequest =>
  ({ method: 'POST', path: '/http-response', query: {}, body: json, at: 0 }) as RecordedRequest;

describe('Discord over HTTP interactions (the built program)', () => {
  it('answers a signed PING with PONG', async () => {
    const reply = await postInteraction(baseUrl, keys, { type: 1, id: '1', application_id: '1' });
    expect(reply).toEqual({ status: 200, json: { type: 1 } });
  });

  describe.each(['en', 'ja'] as const)('every /sakura subcommand in %s', (lang) => {
    it('stocks: a deferral in the response, then the answer with its chart as a multipart edit', async () => {
      const request = { sub: 'stocks', locale: LOCALES[lang] };
      const sent = fake.httpInteraction(request);
      const edited = fake.waitFor(
        (r) =>
          r.method === 'PATCH' && r.path.includes(`/webhooks/${fake.applicationId}/${sent.token}/`),
      );
      const reply = await postInteraction(baseUrl, keys, sent.payload);
      expect(reply).toEqual({ status: 200, json: { type: 5 } });
      const edit = await edited;
      expect(edit.path).toMatch(/\/messages\/@original$/);
      expectWellFormed(edit);
      const text = embedText(edit);
      for (const figure of EXPECTED.stocks?.[lang] ?? []) expect(text).toContain(figure);
      const [file] = edit.files ?? [];
      expect(file?.field).toBe('files[0]');
      expect(file?.name).toBe(`stocks-${lang}.png`);
      expect(file?.data.subarray(0, 8)).toEqual(PNG_SIGNATURE);
      expect(embedOf(edit)).toMatchObject({ image: { url: `attachment://stocks-${lang}.png` } });
      // The same message and the same picture as the gateway's multipart callback.
      const viaGateway = await reference.ask(request);
      expect(edit.body).toEqual((viaGateway.body as { data: unknown }).data);
      expect(viaGateway.files?.[0]?.data.equals(file?.data ?? Buffer.alloc(0))).toBe(true);
    });

    for (const [sub, figures] of Object.entries(EXPECTED)) {
      if (sub === 'stocks') continue;
      it(`${sub}: answered in the response, as the gateway answers it`, async () => {
        const request = { sub, locale: LOCALES[lang] };
        const reply = await postInteraction(baseUrl, keys, fake.httpInteraction(request).payload);
        expect(reply.status).toBe(200);
        expect(reply.json?.type).toBe(4);
        const callback = asCallback(reply.json);
        expectWellFormed(callback);
        expect(isEphemeral(callback)).toBe(false);
        const text = embedText(callback);
        for (const figure of figures[lang]) expect(text).toContain(figure);
        for (const part of SOURCE[lang]) expect(text).toContain(part);
        // One place builds every body: the gateway's callback carries exactly the same.
        const viaGateway = await reference.ask(request);
        expect(reply.json).toEqual(viaGateway.body);
      });
    }
  });

  it('help and ask too, with no mention parsed from the question', async () => {
    const help = await postInteraction(
      baseUrl,
      keys,
      fake.httpInteraction({ sub: 'help' }).payload,
    );
    expect(isEphemeral(asCallback(help.json))).toBe(true);
    const question = '@everyone how much is Microsoft investing?';
    const ask = await postInteraction(
      baseUrl,
      keys,
      fake.httpInteraction({ sub: 'ask', options: { question }, locale: 'ja' }).payload,
    );
    expectWellFormed(asCallback(ask.json));
    expect(embedText(asCallback(ask.json))).toContain('100億ドル');
  });

  it('refuses forged, missing and stale signatures with 401, and runs nothing', async () => {
    const before = total(await scrape(baseUrl), 'sakura_commands_total');
    const requestsBefore = fake.requests.length;
    const payload = fake.httpInteraction({ sub: 'stocks' }).payload;
    const forged = await postInteraction(baseUrl, keys, payload, { key: appKeys().privateKey });
    const missing = await postInteraction(baseUrl, keys, payload, { unsigned: true });
    const stale = await postInteraction(baseUrl, keys, payload, {
      timestamp: Math.floor(Date.now() / 1000) - 10 * 60,
    });
    const ping = await postInteraction(baseUrl, keys, { type: 1 }, { key: appKeys().privateKey });
    for (const reply of [forged, missing, stale, ping]) expect(reply.status).toBe(401);
    // A body changed after signing is a forgery too.
    const body = JSON.stringify(payload);
    const { signedHeaders } = await import('../support/fake-discord/signed-requests.js');
    const tampered = await fetch(`${baseUrl}/discord/interactions`, {
      method: 'POST',
      headers: signedHeaders(keys, body),
      body: body.replace('stocks', 'source'),
    });
    expect(tampered.status).toBe(401);
    expect(total(await scrape(baseUrl), 'sakura_commands_total')).toBe(before);
    expect(fake.requests.length).toBe(requestsBefore);
  });

  it('opens no gateway connection and registers nothing (npm run register does)', () => {
    expect(fake.gateway.log.connections).toBe(0);
    expect(fake.requests.some((r) => r.path === '/gateway/bot')).toBe(false);
    expect(fake.registered()).toBeUndefined();
  });

  it('is ready, and /metrics counts what was sent: commands and the digest slot', async () => {
    // The slot due at start-up is posted over REST (bounded wait: 100 polls of 50 ms).
    for (let i = 0; i < 100 && fake.channels.messages(fake.channelId).length === 0; i += 1) {
      await delay(50);
    }
    const posted = fake.channels.messages(fake.channelId).length;
    expect(posted).toBe(1);

    const ready = await fetch(`${baseUrl}/readyz`);
    expect(await ready.json()).toEqual({
      status: 'ready',
      checks: { database: 'ok', started: 'ok', discord: 'ok' },
    });
    const samples = await scrape(baseUrl);
    const answered = { platform: 'discord', outcome: 'answered' };
    // 2 languages × every subcommand in EXPECTED, then help and ask.
    const subs = Object.keys(EXPECTED).length;
    expect(total(samples, 'sakura_commands_total', answered)).toBe(2 * subs + 2);
    expect(total(samples, 'sakura_commands_total', { command: 'stocks' })).toBe(2);
    expect(total(samples, 'sakura_command_duration_seconds_count')).toBe(2 * subs + 2);
    expect(total(samples, 'sakura_digest_posts_total', { outcome: 'sent' })).toBe(posted);
    expect(total(samples, 'sakura_digest_posts_total')).toBe(posted);
    expect(total(samples, 'sakura_digest_slot_lag_seconds_count')).toBe(posted);
    // The slot was two minutes (and a little) before the post.
    const lag = total(samples, 'sakura_digest_slot_lag_seconds_sum');
    expect(lag).toBeGreaterThanOrEqual(60);
    expect(lag).toBeLessThan(240);
    expect(total(samples, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    // No guild, channel or user id is ever a label.
    const labels = samples.flatMap((s) => Object.values(s.labels));
    for (const id of [fake.guildId, fake.channelId, fake.asker.id])
      expect(labels).not.toContain(id);
  });

  it('exits 0 on SIGTERM', async () => {
    run.child.kill('SIGTERM');
    expect(await run.exit).toEqual({ code: 0, signal: null });
    expect(run.stderr()).toContain('discord stopped');
  });
});
