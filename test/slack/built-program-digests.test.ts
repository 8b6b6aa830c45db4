import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIGURED_BY } from '../../src/schedule/digests.js';
import { SqliteStore } from '../../src/store/sqlite/store.js';
import { type BotRun, startBuiltBot } from '../support/built-bot.js';
import { BOT_TOKEN, SIGNING_SECRET } from '../support/fake-slack/credentials.js';
import { type FakeWebApi, startFakeWebApi } from '../support/fake-slack/fake-web-api.js';

const CHANNELS = Array.from({ length: 8 }, (_, i) => `C0PROC${String(i + 1).padStart(4, '0')}`);

let api: FakeWebApi;
const cwd = mkdtempSync(join(tmpdir(), 'sakura-slack-procs-'));
const databasePath = join(cwd, 'digests.db');
beforeAll(async () => {
  api = await startFakeWebApi();
});
afterAll(async () => {
  await api.close();
  rmSync(cwd, { recursive: true, force: true });
});

/**
 * Waits (bounded) until both bots have started (so each has its signal handlers) and every
 * channel has a digest, or a bot has exited.
 */
async function startedAndPosted(runs: BotRun[]): Promise<void> {
  for (let i = 0; i < 300; i += 1) {
    const started = runs.every((run) => run.stderr().includes('"msg":"sakura-bot started"'));
    if (started && CHANNELS.every((c) => api.messages.in(c).length > 0)) return;
    if (runs.some((run) => run.child.exitCode !== null)) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`not every channel got its digest:\n${runs.map((r) => r.stderr()).join('\n')}`);
}

describe('two built bot processes sharing one digest database', () => {
  it('post the slot due at start-up once per channel between them, then exit 0', async () => {
    // Configured channels whose schedule began five minutes ago, as if both bots had been down:
    // the current minute is a slot due now, posted by whichever process claims it first.
    const store = new SqliteStore(databasePath, 'test');
    for (const channelId of CHANNELS) {
      await store.subscriptions.upsert(
        {
          platform: 'slack',
          workspaceId: null,
          channelId,
          cron: '* * * * *',
          timezone: 'Asia/Tokyo',
          lang: 'en',
          createdBy: CONFIGURED_BY,
        },
        new Date(Date.now() - 5 * 60_000),
      );
    }
    await store.close();

    const env = {
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: api.url,
      PORT: '0',
      LOG_LEVEL: 'info',
      DATABASE_PATH: databasePath,
      SLACK_DIGEST_CHANNELS: CHANNELS.join(','),
      DIGEST_CRON: '* * * * *',
    };
    const runs = [startBuiltBot({ cwd, env }), startBuiltBot({ cwd, env })];
    try {
      await startedAndPosted(runs);
    } finally {
      for (const run of runs) run.child.kill('SIGTERM');
    }
    const exits = await Promise.all(runs.map((run) => run.exit));
    expect(exits.map((e) => e.code)).toEqual([0, 0]);
    // One message per (channel, slot), whichever process sent it; a minute boundary crossed
    // during the test only adds the next slot, once too.
    expect([...api.messages.digestCounts().values()].every((n) => n === 1)).toBe(true);
    for (const channel of CHANNELS) expect(api.messages.in(channel).length).toBeGreaterThan(0);
  });
});
