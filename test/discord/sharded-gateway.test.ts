import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type BotRun, startBuiltBot, startedPort } from '../support/built-bot.js';
import { FakeDiscord } from '../support/fake-discord/fake-discord.js';
import { scrape, total } from '../support/prometheus.js';
import { embedText } from './embed-checks.js';

/**
 * Two built bot processes sharing one token as two shards (SHARD_COUNT=2, SHARD_IDS 0 and 1):
 * the fake gateway routes each guild's interactions to the shard that owns it, as Discord does,
 * so every interaction is answered once, by its own shard's process.
 */

const cwd = mkdtempSync(join(tmpdir(), 'sakura-shards-'));
const runs: BotRun[] = [];
let fake: FakeDiscord | undefined;

afterAll(async () => {
  for (const run of runs) if (run.child.exitCode === null) run.child.kill('SIGKILL');
  await fake?.close();
  rmSync(cwd, { recursive: true, force: true });
});

describe('a sharded gateway across two processes', () => {
  it('each process runs its shard and answers its guilds, each interaction once', async () => {
    fake = await FakeDiscord.start();
    const env = (shard: number) => ({
      ...fake?.env(),
      SHARD_COUNT: '2',
      SHARD_IDS: String(shard),
      DATABASE_PATH: join(cwd, 'digests.db'),
    });
    runs.push(startBuiltBot({ cwd, env: env(0) }), startBuiltBot({ cwd, env: env(1) }));
    const ports = await Promise.all(runs.map((run) => startedPort(run)));
    const shards = fake.gateway.log.identifies.map((identify) => identify.shard);
    expect(shards).toHaveLength(2);
    expect(shards).toEqual(
      expect.arrayContaining([
        [0, 2],
        [1, 2],
      ]),
    );

    const guilds = [fake.guildOnShard(0, 2), fake.guildOnShard(1, 2)];
    const asked = await Promise.all(
      Array.from({ length: 10 }, (_, i) => fake?.ask({ sub: 'stocks', guildId: guilds[i % 2] })),
    );
    for (const callback of asked) {
      expect(callback?.status).toBe(204);
      expect(embedText(callback ?? ({} as never))).toContain('+20.2%');
    }
    // Once each: a second answer would be a second callback (refused with 40060 by the fake).
    const callbacks = fake.requests.filter((r) => r.path.endsWith('/callback'));
    expect(callbacks).toHaveLength(10);
    expect(callbacks.every((r) => r.status === 204)).toBe(true);
    // Each replica is ready once its own shard is: /readyz says so per platform.
    for (const port of ports) {
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
      expect(await ready.json()).toMatchObject({ status: 'ready', checks: { discord: 'ok' } });
    }
    const answeredBy = await Promise.all(
      ports.map(async (port) =>
        total(await scrape(`http://127.0.0.1:${port}`), 'sakura_commands_total'),
      ),
    );
    expect(answeredBy).toEqual([5, 5]);
    // Replicas never register: `npm run register` does, once per deploy.
    expect(fake.requests.filter((r) => r.method === 'PUT')).toEqual([]);

    for (const run of runs) run.child.kill('SIGTERM');
    const exits = await Promise.all(runs.map((run) => run.exit));
    expect(exits.map((exit) => exit.code)).toEqual([0, 0]);
  });
});
