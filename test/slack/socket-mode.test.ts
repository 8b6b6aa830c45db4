import { describe, expect, it } from 'vitest';
import { startFakeSocketMode } from '../support/fake-slack/fake-socket-mode.js';
import { startFakeWebApi } from '../support/fake-slack/fake-web-api.js';
import { blockKitProblems, type ReplyJson, visibleText } from './block-kit-check.js';
import { startHarness } from './harness.js';

describe('Socket Mode (SLACK_APP_TOKEN set)', () => {
  it('connects through apps.connections.open, answers /sakura (the chart uploaded), and reports health', async () => {
    const socket = await startFakeSocketMode();
    const api = await startFakeWebApi();
    api.socketUrl = socket.url;
    const h = await startHarness({ api, env: { SLACK_APP_TOKEN: 'xapp-1-A0001-fake-app-token' } });
    try {
      expect(h.running.mode).toBe('socket');
      const open = api.calls.find((c) => c.method === 'apps.connections.open');
      // The app-level token opens the socket, through SLACK_API_URL like every other call.
      expect(open?.authorization).toBe('Bearer xapp-1-A0001-fake-app-token');
      expect((await fetch(`${h.baseUrl}/readyz`)).status).toBe(200);

      const responseUrl = h.responses.next();
      const ack = await socket.send('slash_commands', {
        command: '/sakura',
        text: 'stocks lang:ja',
        team_id: 'T0001',
        channel_id: 'C0001',
        user_id: 'U0001',
        response_url: responseUrl,
        trigger_id: '1.2.3',
      });
      // The chart's first showing: an empty ack, the PNG uploaded, then the answer with it.
      expect(ack.payload ?? {}).toEqual({});
      const reply = (await h.responses.waitFor(responseUrl)).body as ReplyJson;
      expect(reply.response_type).toBe('in_channel');
      expect(reply.blocks?.find((b) => b.type === 'image')?.slack_file?.id).toMatch(/^F/);
      expect(blockKitProblems(reply)).toEqual([]);
      expect(visibleText(reply)).toContain('*さくらインターネット（東証：3778）*\n+20.2%');
    } finally {
      await h.close();
      await Promise.all([socket.close(), api.close()]);
    }
    // After stop the process's server is gone too.
    await expect(fetch(`${h.baseUrl}/healthz`)).rejects.toThrow();
  });
});
