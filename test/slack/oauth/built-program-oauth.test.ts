import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILT_MAIN, runBuiltBot, startBuiltBot, startedPort } from '../../support/built-bot.js';
import { SIGNING_SECRET } from '../../support/fake-slack/credentials.js';
import { type FakeWebApi, startFakeWebApi } from '../../support/fake-slack/fake-web-api.js';
import {
  type ResponseUrlServer,
  startResponseUrlServer,
} from '../../support/fake-slack/response-url.js';
import { signedHeaders } from '../../support/fake-slack/signing.js';
import { slashCommandBody } from '../../support/fake-slack/slash-payload.js';
import { type ReplyJson, visibleText } from '../block-kit-check.js';
import { OAUTH_TOKEN_KEY } from '../harness.js';
import { install } from './install-flow.js';

let api: FakeWebApi;
let responses: ResponseUrlServer;
const cwd = mkdtempSync(join(tmpdir(), 'sakura-slack-oauth-'));
const oauthEnv = () => ({
  SLACK_CLIENT_ID: api.oauth.clientId,
  SLACK_CLIENT_SECRET: api.oauth.clientSecret,
  SLACK_STATE_SECRET: 'state-secret-for-tests-0123456789abcdef',
  SLACK_SIGNING_SECRET: SIGNING_SECRET,
  SLACK_API_URL: api.url,
  LOG_LEVEL: 'info',
  DATABASE_PATH: join(cwd, 'digests.db'),
});
beforeAll(async () => {
  api = await startFakeWebApi();
  responses = await startResponseUrlServer();
});
afterAll(async () => {
  await Promise.all([api.close(), responses.close()]);
  rmSync(cwd, { recursive: true, force: true });
});

describe('the built program in Slack OAuth mode', () => {
  it('refuses to start without the encryption key, naming it', async () => {
    const { code, stderr } = await runBuiltBot('', { cwd, env: oauthEnv() });
    expect(code).toBe(1);
    expect(stderr).toContain('SLACK_TOKEN_ENCRYPTION_KEY: is required for Slack OAuth mode');
  });

  it('installs in a workspace, answers it with its token, keeps the token sealed, and exits 0', async () => {
    expect(existsSync(BUILT_MAIN), 'run `npm run build` first (npm test does)').toBe(true);
    api.oauth.addWorkspace('T0BUILT01');
    const run = startBuiltBot({
      cwd,
      env: { ...oauthEnv(), SLACK_TOKEN_ENCRYPTION_KEY: OAUTH_TOKEN_KEY },
    });
    try {
      const port = await startedPort(run);
      const baseUrl = `http://127.0.0.1:${port}`;
      await install({ baseUrl, api }, 'T0BUILT01');
      const [token] = api.oauth.liveTokens('T0BUILT01');
      expect(token).toBeDefined();

      const responseUrl = responses.next();
      const body = slashCommandBody({
        text: 'help',
        response_url: responseUrl,
        team_id: 'T0BUILT01',
      });
      const res = await fetch(`${baseUrl}/slack/events`, {
        method: 'POST',
        headers: signedHeaders(SIGNING_SECRET, body),
        body,
      });
      expect(res.status).toBe(200);
      const raw = await res.text();
      const reply = (
        raw ? JSON.parse(raw) : (await responses.waitFor(responseUrl)).body
      ) as ReplyJson;
      expect(visibleText(reply)).toContain('/sakura');

      const bytes = ['digests.db', 'digests.db-wal']
        .map((name) => join(cwd, name))
        .filter(existsSync)
        .map((path) => readFileSync(path).toString('latin1'))
        .join('');
      expect(bytes).toContain('T0BUILT01');
      expect(bytes).not.toContain(token);
    } finally {
      run.child.kill('SIGTERM');
    }
    const { code } = await run.exit;
    expect(code).toBe(0);
  }, 30_000);
});
