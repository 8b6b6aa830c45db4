import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/paths.js';
import { BUILT_MAIN, cleanEnv, startBuiltBot } from '../support/built-bot.js';
import { FakeDiscord, MANAGER_PERMISSIONS } from '../support/fake-discord/fake-discord.js';
import { embedText, expectWellFormed, isEphemeral } from './embed-checks.js';

/** `npm start` and `npm run register` as a user runs them, pointed at the fake Discord. */

const REGISTER_CLI = join(PROJECT_ROOT, 'dist', 'src', 'adapters', 'discord', 'register-cli.js');

// An empty working directory: no developer .env can switch other platforms on.
const cwd = mkdtempSync(join(tmpdir(), 'sakura-discord-'));
let fake: FakeDiscord;
beforeAll(async () => {
  fake = await FakeDiscord.start();
});
afterAll(async () => {
  await fake?.close();
  rmSync(cwd, { recursive: true, force: true });
});

/** Runs the built register command to the end (bounded by vitest's timeout). */
async function register(env: Record<string, string>) {
  const child = spawn(process.execPath, [REGISTER_CLI], { cwd, env: cleanEnv(env) });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    err += chunk;
  });
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, out, err };
}

describe('the built program', () => {
  it('connects through DISCORD_API_URL, answers, and exits 0 on SIGTERM', async () => {
    expect(existsSync(BUILT_MAIN), 'run `npm run build` first (npm test does)').toBe(true);
    // main opens the digest database whenever a platform runs: a temporary one, not var/.
    const databasePath = join(cwd, 'digests.db');
    const run = startBuiltBot({
      cwd,
      env: { ...fake.env(), LOG_LEVEL: 'info', DATABASE_PATH: databasePath },
    });
    try {
      // Bounded: at most 200 polls of 50 ms for the bot to say it is up.
      for (let i = 0; i < 200 && !run.stderr().includes('sakura-bot started'); i += 1) {
        if (run.child.exitCode !== null) break;
        await delay(50);
      }
      expect(run.stderr()).toContain('sakura-bot started');
      expect(fake.gateway.log.identifies).toHaveLength(1);
      expect(existsSync(databasePath)).toBe(true);

      const stocks = await fake.ask({ sub: 'stocks', locale: 'ja' });
      expectWellFormed(stocks);
      expect(embedText(stocks)).toContain('さくらインターネット（東証：3778）\n+20.2%');
      // The chart rides along, drawn in a child process: the bot itself never maps resvg.
      const [chart] = stocks.files ?? [];
      expect(chart?.name).toBe('stocks-ja.png');
      expect(chart?.data.subarray(1, 4).toString('latin1')).toBe('PNG');
      const maps = readFileSync(`/proc/${run.child.pid}/maps`, 'utf8');
      expect(maps).not.toContain('resvg');

      const help = await fake.ask({ sub: 'help' });
      expect(isEphemeral(help)).toBe(true);

      // main hands the digest admin to the adapter: /sakura-digest answers from the database.
      const list = await fake.ask({
        command: 'sakura-digest',
        sub: 'list',
        permissions: MANAGER_PERMISSIONS,
      });
      expect(isEphemeral(list)).toBe(true);
      expect(embedText(list)).toContain('No channel here gets the digest yet.');

      run.child.kill('SIGTERM');
      const exit = await run.exit;
      expect(exit).toEqual({ code: 0, signal: null });
      expect(run.stderr()).toContain('discord stopped');
      expect(fake.gateway.connected).toBe(false);
    } finally {
      if (run.child.exitCode === null) run.child.kill('SIGKILL');
    }
  });

  it('npm run register: leaves commands alone when Discord already has them', async () => {
    expect(existsSync(REGISTER_CLI)).toBe(true);
    const puts = () => fake.requests.filter((r) => r.method === 'PUT').length;
    const before = puts();
    const result = await register(fake.env());
    expect(result).toMatchObject({ code: 0, err: '' });
    expect(result.out).toMatch(
      /^Already up to date: \/sakura \(10 subcommands\) and \/sakura-digest \(4 subcommands\) for every server/,
    );
    expect(puts()).toBe(before);
  });

  it('npm run register: registers to one server when DISCORD_GUILD_ID is set', async () => {
    const result = await register({ ...fake.env(), DISCORD_GUILD_ID: '333333333333333333' });
    expect(result.code).toBe(0);
    expect(result.out).toContain(
      'Registered /sakura (10 subcommands) and /sakura-digest (4 subcommands) for server 333333333333333333',
    );
    expect(fake.registered('333333333333333333')?.[0]?.name).toBe('sakura');
  });

  it('npm run register: says clearly what is missing, without a stack trace', async () => {
    const result = await register({});
    expect(result.code).toBe(1);
    expect(result.err).toContain('DISCORD_TOKEN and DISCORD_APPLICATION_ID are required');
    expect(result.err).not.toMatch(/\n\s+at /);
  });
});
