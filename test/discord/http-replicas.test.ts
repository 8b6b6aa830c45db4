import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { type BotRun, startBuiltBot, startedPort } from '../support/built-bot.js';
import { FakeDiscord, type RecordedRequest } from '../support/fake-discord/fake-discord.js';
import { appKeys, postInteraction } from '../support/fake-discord/signed-requests.js';
import { scrape, total } from '../support/prometheus.js';
import { type RoundRobin, startRoundRobin } from '../support/round-robin.js';
import { embedText } from './embed-checks.js';

/**
 * Two built bot processes in HTTP interactions mode behind a round-robin balancer, as an
 * operator runs replicas: stateless, so whichever gets a request answers it, once.
 */

const keys = appKeys();
const cwd = mkdtempSync(join(tmpdir(), 'sakura-replicas-'));
const runs: BotRun[] = [];
let fake: FakeDiscord | undefined;
let balancer: RoundRobin | undefined;

afterAll(async () => {
  for (const run of runs) if (run.child.exitCode === null) run.child.kill('SIGKILL');
  await balancer?.close();
  await fake?.close();
  rmSync(cwd, { recursive: true, force: true });
});

describe('two replicas behind a round-robin balancer', () => {
  it('answer every interaction exactly once between them, then both exit 0', async () => {
    fake = await FakeDiscord.start();
    const env = {
      ...fake.env(),
      DISCORD_PUBLIC_KEY: keys.publicKeyHex,
      DATABASE_PATH: join(cwd, 'digests.db'),
    };
    runs.push(startBuiltBot({ cwd, env }), startBuiltBot({ cwd, env }));
    const backends = await Promise.all(
      runs.map(async (run) => `http://127.0.0.1:${await startedPort(run)}`),
    );
    balancer = await startRoundRobin(backends);

    const subs = ['stocks', 'investment', 'partners', 'adoption', 'source', 'summary'];
    const replies = await Promise.all(
      Array.from({ length: 24 }, (_, i) => {
        const sub = subs[i % subs.length] ?? 'stocks';
        const sent = fake?.httpInteraction({ sub });
        return postInteraction(balancer?.url ?? '', keys, sent?.payload).then((reply) => ({
          sub,
          reply,
        }));
      }),
    );
    for (const { sub, reply } of replies) {
      expect(reply.status).toBe(200);
      // stocks carries a chart: deferred in the response, the answer an edit with the file.
      if (sub === 'stocks') {
        expect(reply.json?.type).toBe(5);
        continue;
      }
      expect(reply.json?.type).toBe(4);
      expect(embedText({ body: reply.json } as RecordedRequest).length).toBeGreaterThan(0);
    }
    // The stocks edits follow their responses; wait (bounded) until all four are in.
    const webhookCalls = () => fake?.requests.filter((r) => r.path.startsWith('/webhooks/')) ?? [];
    for (let i = 0; i < 200 && webhookCalls().length < 4; i++) await delay(25);
    expect(balancer.forwarded).toEqual([12, 12]);
    // Each replica answered the ones it was given, and nothing over REST besides.
    const counts = await Promise.all(
      backends.map(async (url) => total(await scrape(url), 'sakura_commands_total')),
    );
    expect(counts).toEqual([12, 12]);
    // Over REST only the four stocks answers, each once, with the chart.
    const edits = fake.requests.filter((r) => r.path.startsWith('/webhooks/'));
    expect(edits.map((r) => r.method)).toEqual(['PATCH', 'PATCH', 'PATCH', 'PATCH']);
    for (const edit of edits) {
      expect(embedText(edit)).toContain('+20.2%');
      expect(edit.files?.[0]?.name).toBe('stocks-en.png');
    }
    expect(fake.gateway.log.connections).toBe(0);

    for (const run of runs) run.child.kill('SIGTERM');
    const exits = await Promise.all(runs.map((run) => run.exit));
    expect(exits).toEqual([
      { code: 0, signal: null },
      { code: 0, signal: null },
    ]);
  });
});
