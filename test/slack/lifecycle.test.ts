import { describe, expect, it } from 'vitest';
import { type ReplyJson, visibleText } from './block-kit-check.js';
import { startHarness } from './harness.js';

describe('health and shutdown', () => {
  it('GET /healthz and /readyz answer 200 on the same server as /slack/events', async () => {
    const h = await startHarness();
    try {
      const res = await fetch(`${h.baseUrl}/healthz`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: 'alive' });
      const ready = await fetch(`${h.baseUrl}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ status: 'ready', checks: { slack: 'ok' } });
      expect((await fetch(`${h.baseUrl}/nothing-here`)).status).toBe(404);
      expect((await fetch(`${h.baseUrl}/slack/events`)).status).toBe(405);
      // The token was checked once at start-up, against SLACK_API_URL.
      expect(h.api.calls.map((c) => c.method)).toEqual(['auth.test']);
      expect(h.api.calls[0]?.authorization).toBe('Bearer xoxb-test-0000-0000-fake');
    } finally {
      await h.close();
    }
  });

  it('stop() turns /readyz to 503 and lets an answer still on its way through respond() arrive', async () => {
    // The response_url holds each answer back, so stop() starts while one is in flight.
    const h = await startHarness({ responseDelayMs: 300 });
    const result = await h.slash('ask how much is Microsoft investing?');
    expect(result.status).toBe(200);
    expect(result.json).toBeUndefined();
    expect(h.responses.received).toHaveLength(0);

    await h.running.stop();
    // Resolved only after the answer was delivered.
    expect(h.responses.received).toHaveLength(1);
    expect(visibleText(h.responses.received[0]?.body as ReplyJson)).toContain('$10 billion');
    // The process's server is main's to close; Slack has stopped receiving and says so.
    const ready = await fetch(`${h.baseUrl}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ checks: { slack: 'stopping' } });
    expect(await h.slash('stocks')).toMatchObject({ status: 404 });
    // A second stop (main's handler and a test's cleanup) waits for the same one.
    await h.close();
  });

  it('fails to start with a clear error when Slack rejects the token', async () => {
    const { startFakeWebApi } = await import('../support/fake-slack/fake-web-api.js');
    const api = await startFakeWebApi();
    api.reject = 'invalid_auth';
    try {
      await expect(startHarness({ env: { SLACK_API_URL: api.url } })).rejects.toThrow(
        /invalid_auth/,
      );
    } finally {
      await api.close();
    }
  });
});
