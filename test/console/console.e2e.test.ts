import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runBuiltBot, startBuiltBot } from '../support/built-bot.js';

const scratch = mkdtempSync(join(tmpdir(), 'sakura-console-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('console mode, the built program with no credentials', () => {
  it('answers a piped command with the source line and exits 0 at end of input', async () => {
    const { code, stdout, stderr } = await runBuiltBot('/sakura stocks\n');
    expect(code).toBe(0);
    expect(stdout).toContain('Share moves on 3 April 2026');
    expect(stdout).toMatch(/Sakura Internet \(TSE 3778\)\s+\+20\.2%/);
    expect(stdout).toMatch(/SoftBank Corp\. \(TSE 9434\)\s+\+1\.02%/);
    expect(stdout).toMatch(/SoftBank Group \(TSE 9984\)\s+\+0\.22%/);
    expect(stdout).toContain(
      'Source: "Japan\'s Sakura Internet jumps 20% as Microsoft plans billion AI push with SoftBank" (undated; events of 3 April 2026), Market Reactions · As of 3 April 2026',
    );
    expect(stderr).toBe('');
  });

  it('answers line after line, in both languages, and keeps going after bad input', async () => {
    const input = [
      'investment lang:ja',
      'stok',
      '',
      'ask 株価は？',
      'ask what is the weather in Tokyo?',
      'adoption',
    ].join('\n');
    const { code, stdout } = await runBuiltBot(`${input}\n`);
    expect(code).toBe(0);
    expect(stdout).toContain('100億ドル');
    expect(stdout).toContain('Did you mean `stocks`?');
    expect(stdout).toContain('20.2%上昇');
    expect(stdout).toContain('The story does not say.');
    expect(stdout).toContain('about 1 in 5');
  });

  it('reads settings from .env in the working directory', async () => {
    const dir = mkdtempSync(join(scratch, 'dotenv-'));
    writeFileSync(join(dir, '.env'), 'DEFAULT_LANG=ja\n');
    const { code, stdout } = await runBuiltBot('adoption\n', { cwd: dir });
    expect(code).toBe(0);
    expect(stdout).toContain('約5人に1人');
  });

  it('stops on bad configuration with one message listing every bad variable, no stack', async () => {
    const { code, stdout, stderr } = await runBuiltBot('stocks\n', {
      env: { PORT: 'eighty', DISCORD_TOKEN: 'x'.repeat(60), DEFAULT_LANG: 'fr' },
    });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('sakura-bot: Invalid configuration:');
    expect(stderr).toContain('PORT:');
    expect(stderr).toContain('DEFAULT_LANG:');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('stops on a malformed story file naming the file, the JSON path and the problem', async () => {
    const dir = mkdtempSync(join(scratch, 'stories-'));
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ schemaVersion: 1, id: 'Bad Id' }));
    const { code, stderr } = await runBuiltBot('stocks\n', { env: { STORIES_DIR: dir } });
    expect(code).toBe(1);
    expect(stderr).toContain(`sakura-bot: Story file ${join(dir, 'bad.json')} is invalid:`);
    expect(stderr).toContain('$.id: must be kebab-case');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 0 on SIGTERM while waiting for input', async () => {
    const run = startBuiltBot();
    run.child.stdin?.write('summary\n');
    await new Promise<void>((resolve) => {
      const check = () => (run.stdout().includes('In brief') ? resolve() : setTimeout(check, 20));
      check();
    });
    run.child.kill('SIGTERM');
    expect(await run.exit).toEqual({ code: 0, signal: null });
  });
});
