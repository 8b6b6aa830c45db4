import { existsSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { BUILT_MAIN } from '../support/built-bot.js';
import { runReplicaFleet } from '../support/replica-fleet.js';

/**
 * Three built bots on one PostgreSQL, one killed with SIGKILL mid fan-out. A smaller slot than
 * the 1,000 + 200 channels keeps `npm test` quick on two cores; `npm run bench` runs the
 * full scale and times it (bench/replicas.ts).
 */
describe('three replicas on one PostgreSQL', () => {
  it("post every channel exactly one digest, within Discord's and Slack's shared limits, though one is killed mid fan-out", async () => {
    expect(existsSync(BUILT_MAIN), 'run `npm run build` first (npm test does)').toBe(true);
    const result = await runReplicaFleet({
      postgresUrl: inject('postgresUrl'),
      replicas: 3,
      discordChannels: 400,
      // Enough for three processes each at its own pace to go over the workspace's 50 a second.
      slackChannels: 300,
      killAtShare: 0.3,
      due: 'start-up',
      timeoutMs: 60_000,
    });
    const context = result.stderr.map((text) => text.slice(-3_000)).join('\n---\n');
    expect(result.killedHadPosted, context).toBe(true);
    expect(
      result.discordPostsPerChannel.filter((n) => n !== 1),
      context,
    ).toEqual([]);
    expect(
      result.slackPostsPerChannel.filter((n) => n !== 1),
      context,
    ).toEqual([]);
    expect(result.discord429s).toBeLessThan(result.discordPosts * 0.01);
    expect(result.slack429s).toBeLessThan(result.slackPosts * 0.01);
    // The killed one has no exit code; the others stop cleanly on SIGTERM.
    expect(result.exitCodes).toEqual([null, 0, 0]);
  }, 120_000);
});
