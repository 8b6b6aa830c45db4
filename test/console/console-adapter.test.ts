import { PassThrough } from 'node:stream';
import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { runConsole } from '../../src/adapters/console/console-adapter.js';
import { parseConfig } from '../../src/config.js';
import { defineCommand } from '../../src/core/index.js';
import { catalog } from '../support/story.js';

const broken = defineCommand({
  name: 'broken',
  nameJa: '故障',
  description: { en: 'Always fails', ja: '常に失敗' },
  options: [],
  access: 'everyone',
  run: () => {
    throw new Error('boom');
  },
});

// A command doing I/O: its answer comes a little later than the story's own.
const slow = defineCommand({
  name: 'slow',
  nameJa: '遅い',
  description: { en: 'Answers after 30 ms', ja: '30ミリ秒後に回答' },
  options: [],
  access: 'everyone',
  run: async ({ story, lang }) => {
    await delay(30);
    return { lang, title: 'slow answer', sources: [], asOf: story.asOf, visibility: 'public' };
  },
});

async function run(lines: string[]) {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (chunk: Buffer) => {
    text += chunk.toString('utf8');
  });
  const reported: { errorId: string; error: unknown; line: string }[] = [];
  const session = runConsole(
    {
      catalog,
      commands: [...commands, broken, slow],
      config: parseConfig({}),
      reportError: (errorId, error, line) => reported.push({ errorId, error, line }),
    },
    { input, output },
  );
  input.end(`${lines.join('\n')}\n`);
  await session.done;
  return { text, reported };
}

describe('console adapter', () => {
  it('answers a failing command with an error id that is also reported, and keeps going', async () => {
    const { text, reported } = await run(['broken', 'stocks']);
    expect(reported).toHaveLength(1);
    const [report] = reported;
    if (!report) return;
    expect(report.error).toBeInstanceOf(Error);
    expect((report.error as Error).message).toBe('boom');
    expect(report.line).toBe('broken');
    expect(text).toContain(`Sorry, that failed on our side. Error id: ${report.errorId}`);
    expect(text).toContain('+20.2%');
  });

  it('skips blank lines from a pipe', async () => {
    const { text } = await run(['', '   ', 'adoption']);
    expect(text.match(/Generative AI use/g)).toHaveLength(1);
  });

  it('writes a pending answer before the lines after it, and ends only once it is written', async () => {
    const { text } = await run(['slow', 'adoption']);
    const slowAt = text.indexOf('slow answer');
    expect(slowAt).toBeGreaterThanOrEqual(0);
    expect(text.indexOf('Generative AI use')).toBeGreaterThan(slowAt);
  });
});
