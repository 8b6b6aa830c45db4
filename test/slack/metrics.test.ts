import { describe, expect, it } from 'vitest';
import { scrape, total } from '../support/prometheus.js';
import { startHarness } from './harness.js';

describe('Slack commands in /metrics', () => {
  it('counts each command by name and outcome, and an unknown word as other', async () => {
    const h = await startHarness();
    try {
      await h.slash('stocks');
      await h.slash('stocks lang:ja');
      const ask = await h.slash('ask how much is Microsoft investing?');
      await h.responses.waitFor(ask.responseUrl);
      await h.slash('weather-in-tokyo');
      const samples = await scrape(h.baseUrl);
      const slack = (command: string) =>
        total(samples, 'sakura_commands_total', { platform: 'slack', command });
      expect(slack('stocks')).toBe(2);
      expect(slack('ask')).toBe(1);
      expect(slack('other')).toBe(1);
      expect(total(samples, 'sakura_commands_total', { outcome: 'answered' })).toBe(4);
      expect(total(samples, 'sakura_command_duration_seconds_count', { platform: 'slack' })).toBe(
        4,
      );
      // The typed text is never a label: only known command names are.
      expect(samples.some((s) => Object.values(s.labels).includes('weather-in-tokyo'))).toBe(false);
    } finally {
      await h.close();
    }
  });
});
