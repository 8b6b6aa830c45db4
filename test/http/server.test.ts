import { afterEach, describe, expect, it } from 'vitest';
import { createDiscordRest } from '../../src/adapters/discord/client.js';
import { DiscordDigestPoster } from '../../src/adapters/discord/digest/poster.js';
import { countRateLimits } from '../../src/adapters/discord/start.js';
import { parseConfig } from '../../src/config.js';
import { summaryAnswer } from '../../src/core/index.js';
import { CountingPoster } from '../../src/http/counting-poster.js';
import { databaseReadiness } from '../../src/http/database-check.js';
import { catalog, memoryLogger, story } from '../discord/helpers.js';
import { FakeDiscord } from '../support/fake-discord/fake-discord.js';
import { startTestHttpServer, type TestHttpServer } from '../support/http-server.js';

/** A claim's lease that never runs out during a test. */
const lease = new AbortController().signal;

import { parsePrometheus, scrape, total } from '../support/prometheus.js';

/** The process's one HTTP server: liveness, readiness with reasons, metrics, mounted routes. */

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of cleanup.splice(0).reverse()) await close();
});

async function server(): Promise<TestHttpServer> {
  const http = await startTestHttpServer(memoryLogger([]));
  cleanup.push(() => http.close());
  return http;
}

describe('the HTTP server', () => {
  it('/healthz says alive; an unknown path is 404; a mounted route answers', async () => {
    const http = await server();
    expect(await (await fetch(`${http.baseUrl}/healthz`)).json()).toEqual({ status: 'alive' });
    expect((await fetch(`${http.baseUrl}/nothing`)).status).toBe(404);
    http.routes.mount('/hello', (_req, res) => void res.writeHead(204).end());
    expect((await fetch(`${http.baseUrl}/hello`)).status).toBe(204);
    expect(() => http.routes.mount('/hello', () => undefined)).toThrow(/already mounted/);
  });

  it('/readyz is 503 naming each failing check, 200 once every check passes', async () => {
    const http = await server();
    let reachable = false;
    http.readiness.push(
      databaseReadiness(() => {
        if (!reachable) throw new Error('SQLITE_CANTOPEN: unable to open database file');
      }),
      { name: 'discord', check: async () => undefined },
    );
    const down = await fetch(`${http.baseUrl}/readyz`);
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({
      status: 'not ready',
      checks: { database: 'SQLITE_CANTOPEN: unable to open database file', discord: 'ok' },
    });
    reachable = true;
    const up = await fetch(`${http.baseUrl}/readyz`);
    expect(up.status).toBe(200);
    expect(await up.json()).toEqual({ status: 'ready', checks: { database: 'ok', discord: 'ok' } });
  });

  it('/metrics is Prometheus text with every sakura metric and the process defaults', async () => {
    const http = await server();
    const res = await fetch(`${http.baseUrl}/metrics`);
    expect(res.headers.get('content-type')).toContain('text/plain; version=0.0.4');
    const text = await res.text();
    expect(() => parsePrometheus(text)).not.toThrow();
    for (const name of [
      'sakura_commands_total',
      'sakura_command_duration_seconds',
      'sakura_digest_posts_total',
      'sakura_digest_slot_lag_seconds',
      'sakura_rate_limited_total',
      'process_cpu_seconds_total',
      'nodejs_heap_size_used_bytes',
    ]) {
      expect(text).toContain(`# TYPE ${name} `);
    }
  });
});

describe('digest posts counted at the Poster', () => {
  it('counts each outcome by platform, and the lag of what landed, with no channel label', async () => {
    const fake = await FakeDiscord.start();
    cleanup.push(() => fake.close());
    const http = await server();
    const config = parseConfig(fake.env());
    const rest = createDiscordRest(config, fake.token, { retries: 0 });
    const slot = new Date('2026-04-06T00:00:00Z');
    const poster = new CountingPoster(
      new DiscordDigestPoster(rest, fake.token, () => fake.applicationId),
      http.metrics,
      () => new Date(slot.getTime() + 90_000),
    );
    const digest = summaryAnswer(story, 'en');
    const target = (channelId: string) => ({
      platform: 'discord' as const,
      workspaceId: null,
      channelId,
    });
    const gone = '999999999999999999';
    fake.channels.refuse(gone, 'unknownChannel');

    expect(
      (await poster.post(target(fake.channelId), digest, { subscriptionId: 1, slot }, lease))
        .status,
    ).toBe('sent');
    expect(
      (await poster.post(target(gone), digest, { subscriptionId: 2, slot }, lease)).status,
    ).toBe('permanent');

    const samples = await scrape(http.baseUrl);
    expect(
      total(samples, 'sakura_digest_posts_total', { platform: 'discord', outcome: 'sent' }),
    ).toBe(1);
    expect(total(samples, 'sakura_digest_posts_total', { outcome: 'permanent' })).toBe(1);
    expect(total(samples, 'sakura_digest_slot_lag_seconds_count')).toBe(1);
    expect(total(samples, 'sakura_digest_slot_lag_seconds_sum')).toBe(90);
    const labels = samples.flatMap((s) => Object.values(s.labels));
    expect(labels).not.toContain(gone);
    expect(labels).not.toContain(fake.channelId);
  });

  it("counts Discord's rate limits: requests held back or refused with a 429", async () => {
    // Discord's global limit, as the fake enforces it, at 2 a second: 4 of 6 sends are refused.
    const fake = await FakeDiscord.start({ globalLimitPerSecond: 2 });
    cleanup.push(() => fake.close());
    const http = await server();
    const config = parseConfig(fake.env());
    const rest = createDiscordRest(config, fake.token);
    countRateLimits(
      { catalog, commands: [], config, logger: memoryLogger([]), metrics: http.metrics },
      rest,
    );
    const poster = new DiscordDigestPoster(rest, fake.token, () => fake.applicationId);
    const slot = new Date('2026-04-06T00:00:00Z');
    const digest = summaryAnswer(story, 'en');
    const target = { platform: 'discord' as const, workspaceId: null, channelId: fake.channelId };
    const outcomes = await Promise.all(
      [1, 2, 3, 4, 5, 6].map((id) =>
        poster.post(target, digest, { subscriptionId: id, slot }, lease),
      ),
    );
    // Two go through; a global 429 comes back to the scheduler (which retries after
    // Retry-After) for the rest, instead of waiting in discord.js.
    const statuses = outcomes.map((o) => o.status);
    expect(statuses.filter((s) => s === 'sent')).toHaveLength(2);
    expect(statuses.filter((s) => s === 'transient')).toHaveLength(4);
    expect(fake.globalLimited).toBeGreaterThan(0);
    const limited = total(await scrape(http.baseUrl), 'sakura_rate_limited_total', {
      platform: 'discord',
    });
    expect(limited).toBeGreaterThan(0);
  });
});
