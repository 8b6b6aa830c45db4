import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILT_MAIN, startBuiltBot, startedPort } from '../support/built-bot.js';
import { BOT_TOKEN, SIGNING_SECRET } from '../support/fake-slack/credentials.js';
import { type FakeWebApi, startFakeWebApi } from '../support/fake-slack/fake-web-api.js';
import {
  type ResponseUrlServer,
  startResponseUrlServer,
} from '../support/fake-slack/response-url.js';
import { signedHeaders } from '../support/fake-slack/signing.js';
import { slashCommandBody } from '../support/fake-slack/slash-payload.js';
import { type ReplyJson, visibleText } from './block-kit-check.js';

let api: FakeWebApi;
let responses: ResponseUrlServer;
// An empty working directory: no developer .env can switch other platforms on.
const cwd = mkdtempSync(join(tmpdir(), 'sakura-slack-'));
beforeAll(async () => {
  api = await startFakeWebApi();
  responses = await startResponseUrlServer();
});
afterAll(async () => {
  await Promise.all([api.close(), responses.close()]);
  rmSync(cwd, { recursive: true, force: true });
});

describe('the built program, started the way a user starts it', () => {
  it('answers signed slash commands over HTTP, then exits 0 on SIGTERM', async () => {
    expect(existsSync(BUILT_MAIN), 'run `npm run build` first (npm test does)').toBe(true);
    const run = startBuiltBot({
      cwd,
      env: {
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: api.url,
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
        // main opens the digest database whenever a platform runs; never the project's own.
        DATABASE_PATH: join(cwd, 'digests.db'),
      },
    });
    try {
      const port = await startedPort(run);
      const post = async (text: string) => {
        const responseUrl = responses.next();
        const body = slashCommandBody({ text, response_url: responseUrl });
        const res = await fetch(`http://127.0.0.1:${port}/slack/events`, {
          method: 'POST',
          headers: signedHeaders(SIGNING_SECRET, body),
          body,
        });
        const raw = await res.text();
        return {
          status: res.status,
          json: raw ? (JSON.parse(raw) as ReplyJson) : undefined,
          responseUrl,
        };
      };

      // No PUBLIC_BASE_URL: the first answer with the chart acks at once, uploads the PNG
      // (files.uploadV2, shared to no channel), then answers with it by file id.
      const first = await post('stocks');
      expect(first.status).toBe(200);
      expect(first.json).toBeUndefined();
      const uploaded = (await responses.waitFor(first.responseUrl)).body as ReplyJson;
      expect(uploaded.response_type).toBe('in_channel');
      expect(visibleText(uploaded)).toContain('*Sakura Internet (TSE 3778)*\n+20.2%');
      const [file] = [...api.files.values()];
      expect(file?.completed).toBe(true);
      expect(file?.channelId).toBeUndefined();
      expect(file?.data?.subarray(0, 4).toString('latin1')).toBe('\x89PNG');
      expect(uploaded.blocks?.find((b) => b.type === 'image')?.slack_file).toEqual({
        id: file?.id,
      });
      // Uploaded for good: the next one is answered in the ack, with the same file.
      const stocks = await post('stocks');
      expect(stocks.json?.response_type).toBe('in_channel');
      expect(stocks.json?.blocks?.find((b) => b.type === 'image')?.slack_file).toEqual({
        id: file?.id,
      });

      const ask = await post('ask 投資額は？');
      expect(ask.json).toBeUndefined();
      const answered = await responses.waitFor(ask.responseUrl);
      expect(visibleText(answered.body as ReplyJson)).toContain('100億ドル');

      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
      expect(await ready.json()).toEqual({
        status: 'ready',
        checks: { database: 'ok', started: 'ok', slack: 'ok' },
      });
      expect(api.calls.map((c) => c.method)).toEqual([
        'auth.test',
        // Before the first upload, which workspace the token is: uploads are remembered in the
        // store by workspace and image (ADR 011). Once per process.
        'auth.test',
        'files.getUploadURLExternal',
        'files.completeUploadExternal',
      ]);
    } finally {
      run.child.kill('SIGTERM');
    }
    const { code } = await run.exit;
    expect(code).toBe(0);
    expect(run.stderr()).toContain('"msg":"Slack adapter stopped"');
    expect(existsSync(join(cwd, 'digests.db'))).toBe(true);
    expect(run.stdout()).toBe('');
  });
});
