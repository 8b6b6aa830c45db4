import { afterEach, describe, expect, it } from 'vitest';
import { FakeDiscord } from '../support/fake-discord/fake-discord.js';
import { type RunningBot, startBot } from './helpers.js';

/**
 * SHARD_COUNT=auto: one process runs the count GET /gateway/bot recommends, and discord.js
 * starts them in the order its `max_concurrency` allows (identifies in one bucket 5 s apart).
 */

const running: { fake: FakeDiscord; bot?: RunningBot }[] = [];
afterEach(async () => {
  for (const { fake, bot } of running.splice(0)) {
    await bot?.platform.stop();
    await fake.close();
  }
});

async function start(maxConcurrency: number) {
  const fake = await FakeDiscord.start({ gatewayBot: { shards: 2, maxConcurrency } });
  const entry: { fake: FakeDiscord; bot?: RunningBot } = { fake };
  running.push(entry);
  entry.bot = await startBot(fake, { env: { SHARD_COUNT: 'auto' } });
  return fake;
}

describe('SHARD_COUNT=auto', () => {
  it("runs Discord's recommended count; with max_concurrency 2 both shards identify at once", async () => {
    const fake = await start(2);
    expect(fake.gateway.log.identifies.map((i) => i.shard)).toEqual(
      expect.arrayContaining([
        [0, 2],
        [1, 2],
      ]),
    );
    const [first = 0, second = 0] = fake.gateway.log.identifiedAt;
    expect(Math.abs(second - first)).toBeLessThan(2_000);
  });

  it('with max_concurrency 1 the second shard waits its turn (5 s, Discord’s rule)', async () => {
    const fake = await start(1);
    expect(fake.gateway.log.identifies).toHaveLength(2);
    const [first = 0, second = 0] = fake.gateway.log.identifiedAt;
    expect(second - first).toBeGreaterThanOrEqual(4_500);
  }, 20_000);
});
