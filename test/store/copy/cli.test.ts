import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../../src/paths.js';
import { SqliteStore } from '../../../src/store/sqlite/store.js';
import { cleanEnv } from '../../support/built-bot.js';
import { postgresEngine } from '../engines.js';
import { populate } from './populate.js';

/**
 * `npm run copy-store` as an operator runs it: the built CLI in its own process, its output and
 * exit codes (0 done, 1 refused or failed, 2 a wrong command line), and no stack trace for any
 * failure it expects. `npm test` builds dist first (pretest).
 */
const CLI = join(PROJECT_ROOT, 'dist', 'src', 'store', 'copy', 'cli.js');
const HOLDER = join(PROJECT_ROOT, 'test', 'store', 'copy', 'hold-store-child.mjs');

const target = postgresEngine();
let dir = '';
let path = '';
const children: ChildProcess[] = [];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sakura-copy-cli-'));
  path = join(dir, 'sakura-bot.db');
  const store = new SqliteStore(path, 'sqlite-bot');
  await populate(store);
  await store.close();
  await target.fresh();
});
afterEach(async () => {
  for (const child of children.splice(0)) {
    child.stdin?.end();
    if (child.exitCode === null && child.signalCode === null) await once(child, 'exit');
  }
  await target.cleanUp();
  rmSync(dir, { recursive: true, force: true });
});
afterAll(() => target.dispose());

async function copyStore(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  // From an empty folder, as on a server: no .env of the developer's gets read.
  const child = spawn(process.execPath, [CLI, ...args], { cwd: dir, env: cleanEnv(env) });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
}

const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at /);
/** Subscriptions in the target, or -1 when it has no tables at all (nothing was written). */
async function subscriptions(): Promise<number> {
  const [table] = await target.query("SELECT to_regclass('subscriptions') AS t");
  if (table?.t === null) return -1;
  return Number((await target.query('SELECT count(*) AS n FROM subscriptions'))[0]?.n);
}

describe('npm run copy-store (the built CLI)', () => {
  it('copies DATABASE_PATH into DATABASE_URL and says what it copied, table by table', async () => {
    const run = await copyStore([], { DATABASE_PATH: path, DATABASE_URL: target.target() });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^Copied .*sakura-bot\.db \(schema 5\) to PostgreSQL at 127\.0\.0\.1/,
    );
    expect(run.stdout).toMatch(/subscriptions\s+4 of 4\n/);
    expect(run.stdout).toMatch(/deliveries\s+6 of 6\n/);
    expect(run.stdout).toMatch(/slack_bots\s+3 of 3\n/);
    expect(run.stdout).toMatch(/rate_budgets\s+not copied: /);
    expect(run.stdout).toMatch(/20 rows copied in one transaction/);
    // Never the URL's credentials.
    expect(run.stdout).not.toContain('postgres@');
    expect(await subscriptions()).toBe(4);
  });

  it('--dry-run says what it would copy, writes nothing, exit 0', async () => {
    const run = await copyStore(['--from', path, '--to', target.target(), '--dry-run']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Dry run \(nothing written\): would copy /);
    expect(run.stdout).toMatch(/subscriptions\s+4 of 4\n/);
    expect(run.stdout).toMatch(/20 rows would be copied/);
    expect(await subscriptions()).toBe(-1);
  });

  it('refuses a second copy into the now full database (exit 1), and --merge adds nothing twice', async () => {
    const env = { DATABASE_PATH: path, DATABASE_URL: target.target() };
    expect((await copyStore([], env)).code).toBe(0);
    const again = await copyStore([], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(
      /^sakura-bot copy-store: the PostgreSQL database already holds sakura-bot data \(subscriptions: 4, deliveries: 6,.*add --merge/,
    );
    noStack(again.stderr);
    const merged = await copyStore(['--merge'], env);
    expect(merged.code).toBe(0);
    expect(merged.stdout).toMatch(/subscriptions\s+0 of 4, 4 already there \(kept\)/);
    expect(merged.stdout).toMatch(/deliveries\s+0 of 6, 6 already there \(kept\)/);
    // Install history has no key: the very same rows are recognised instead.
    expect(merged.stdout).toMatch(/slack_installations\s+0 of 3, 3 already there \(kept\)/);
    expect(merged.stdout).toMatch(/0 rows copied/);
    expect(await subscriptions()).toBe(4);
  });

  it('refuses while a bot process has the file open (exit 1), and copies once it has stopped', async () => {
    const holder = spawn(process.execPath, [HOLDER, path], { stdio: ['pipe', 'pipe', 'inherit'] });
    children.push(holder);
    const [ready] = (await once(holder.stdout, 'data')) as [Buffer];
    expect(ready.toString()).toBe('open\n');
    const env = { DATABASE_PATH: path, DATABASE_URL: target.target() };

    const refused = await copyStore([], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /sakura-bot copy-store: .*sakura-bot\.db is in use by another process \(a sakura-bot still running on it\?\): stop every bot/,
    );
    noStack(refused.stderr);
    expect(await subscriptions()).toBe(-1);

    holder.stdin.end();
    await once(holder, 'exit');
    expect((await copyStore([], env)).code).toBe(0);
  });

  it('copies what a bot killed mid-run left in the write-ahead log', async () => {
    const killed = spawn(process.execPath, [HOLDER, path, '444444444444444444'], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    children.push(killed);
    await once(killed.stdout, 'data');
    killed.kill('SIGKILL');
    await once(killed, 'exit');
    expect(existsSync(`${path}-wal`)).toBe(true);

    const run = await copyStore([], { DATABASE_PATH: path, DATABASE_URL: target.target() });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/subscriptions\s+5 of 5\n/);
    const [row] = await target.query(
      "SELECT count(*) AS n FROM subscriptions WHERE channel_id = '444444444444444444'",
    );
    expect(Number(row?.n)).toBe(1);
  });

  it.each([
    ['no file', () => ['--from', join(dir, 'missing.db')], /no SQLite file at .*missing\.db/],
    [
      'not a database',
      () => {
        writeFileSync(join(dir, 'notes.db'), 'these are not the tables you are looking for');
        return ['--from', join(dir, 'notes.db')];
      },
      /notes\.db is not a SQLite database, or is damaged/,
    ],
    [
      'nothing listening',
      () => ['--to', 'postgres://sakura:secret@127.0.0.1:1/sakura'],
      /cannot reach PostgreSQL at 127\.0\.0\.1:1\/sakura: connection refused/,
    ],
  ])('fails plainly (exit 1, no stack, no password): %s', async (_, args, message) => {
    const run = await copyStore(args(), { DATABASE_PATH: path, DATABASE_URL: target.target() });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toContain('secret');
    noStack(run.stderr);
    expect(run.stdout).toBe('');
  });

  it.each([
    ['no target', [], {}, /no PostgreSQL database to copy into: set DATABASE_URL/],
    [
      'a URL that is not PostgreSQL',
      ['--to', 'mysql://x@y/z'],
      {},
      /--to must be a PostgreSQL URL/,
    ],
    [
      'an unknown flag',
      ['--force'],
      { DATABASE_URL: 'postgres://x@y/z' },
      /Unknown option '--force'/,
    ],
  ])('a wrong command line is exit 2 with the usage: %s', async (_, args, env, message) => {
    const run = await copyStore(args, { DATABASE_PATH: path, ...env });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toContain('Usage: npm run copy-store --');
    noStack(run.stderr);
  });
});
