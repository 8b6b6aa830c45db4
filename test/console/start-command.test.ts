import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/paths.js';
import { START_FLAGS } from '../support/built-bot.js';

/**
 * `npm start` carries Node options (a smaller young generation, a slower-growing old one; BENCHMARKS.md); the README's
 * production commands must start the bot the same way, or an operator runs another program than
 * the one measured.
 */
describe('the start command', () => {
  const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');

  it('is node with the young generation capped and the old generation growing at most 2x', () => {
    expect(START_FLAGS).toEqual(['--max-semi-space-size=8', '--heap-growing-percent=100']);
  });

  it('is what every production example in the README runs', () => {
    const runs = [...readme.matchAll(/node((?: --[\w-]+=?\S*)*) dist\/src\/main\.js/g)].map(
      (match) => (match[1] ?? '').split(/\s+/).filter(Boolean),
    );
    expect(runs.length).toBeGreaterThanOrEqual(4);
    for (const flags of runs) expect(flags).toEqual(START_FLAGS);
  });
});
