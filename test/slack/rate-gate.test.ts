import { describe, expect, it } from 'vitest';
import { RateGate } from '../../src/adapters/slack/digest/rate-gate.js';

describe('RateGate', () => {
  it('gives turns at once while under the pace', async () => {
    const gate = new RateGate(0, 1_000, () => 0);
    expect(await gate.take()).toEqual({ ok: true });
    expect(await gate.take()).toEqual({ ok: true });
  });

  it('after a 429, refuses turns further off than it may wait, saying how long', async () => {
    let now = 10_000;
    const gate = new RateGate(0, 1_000, () => now);
    gate.block(30_000);
    expect(await gate.take()).toEqual({ ok: false, retryAfterMs: 30_000 });
    now += 30_000;
    expect(await gate.take()).toEqual({ ok: true });
  });

  it('reserves turns in order at the configured pace', async () => {
    // 2 per second: the third turn would be a second away, beyond a 600 ms wait.
    const gate = new RateGate(2, 600, () => 0);
    const first = gate.take();
    const second = gate.take();
    expect(await gate.take()).toEqual({ ok: false, retryAfterMs: 1_000 });
    // The clock never moves here, so the second turn's sleep is real but short (500 ms).
    expect(await first).toEqual({ ok: true });
    expect(await second).toEqual({ ok: true });
  });
});
