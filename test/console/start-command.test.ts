import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/paths.js';
import { START_FLAGS } from '../support/built-bot.js';

/**
 * `npm start` carries Node options (a smaller young generation, a slower-growing old one, and no
 * loop unrolling when V8 optimises WebAssembly, which is undici's HTTP parser; ADR 013,
 * BENCHMARKS.md); the README's production commands must start the bot the same way, or an
 * operator runs another program than the one measured.
 */
describe('the start command', () => {
  const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');

  it('is node with the young generation capped, the old one growing at most 2x, and WebAssembly loops not unrolled', () => {
    expect(START_FLAGS).toEqual([
      '--max-semi-space-size=4',
      '--heap-growing-percent=100',
      '--no-wasm-loop-unrolling',
    ]);
  });

  it('is what every production example in the README runs', () => {
    const runs = [...readme.matchAll(/node((?: --[\w-]+=?\S*)*) dist\/src\/main\.js/g)].map(
      (match) => (match[1] ?? '').split(/\s+/).filter(Boolean),
    );
    expect(runs.length).toBeGreaterThanOrEqual(4);
    for (const flags of runs) expect(flags).toEqual(START_FLAGS);
  });
});
