import { pino } from 'pino';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { boltLogger } from '../../../src/adapters/slack/bolt-logger.js';
import { digestClientOptions } from '../../../src/adapters/slack/digest/poster.js';
import { createSlackOAuth, type SlackOAuth } from '../../../src/adapters/slack/oauth/oauth-mode.js';
import { parseConfig } from '../../../src/config.js';
import { type EngineUnderTest, postgresEngine, sqliteEngine } from '../../store/engines.js';
import { type FakeWebApi, startFakeWebApi } from '../../support/fake-slack/fake-web-api.js';
import { OAUTH_TOKEN_KEY } from '../harness.js';

const TEAM = 'T0ROTATE1';
const logger = pino({ level: 'silent' });

/** One replica's OAuth mode on its own connection to the shared database. */
async function replica(
  engine: EngineUnderTest,
  api: FakeWebApi,
  name: string,
): Promise<SlackOAuth> {
  const store = await engine.open(name);
  const config = parseConfig({
    SLACK_CLIENT_ID: api.oauth.clientId,
    SLACK_CLIENT_SECRET: api.oauth.clientSecret,
    SLACK_STATE_SECRET: 'state-secret-for-tests-0123456789abcdef',
    SLACK_SIGNING_SECRET: 'signing-secret-0123',
    SLACK_TOKEN_ENCRYPTION_KEY: OAUTH_TOKEN_KEY,
    SLACK_API_URL: api.url,
  });
  const bolt = boltLogger(logger);
  return createSlackOAuth({
    config,
    installations: store.slackInstallations,
    subscriptions: store.subscriptions,
    logger,
    boltLogger: bolt,
    clientOptions: digestClientOptions({ slackApiUrl: api.url, logger: bolt, timeoutMs: 5_000 }),
  });
}

/** Installs the app in TEAM with rotation on, then lets its token expire (Slack's 12 hours). */
async function installExpired(oauth: SlackOAuth, api: FakeWebApi): Promise<string> {
  api.oauth.rotation = true;
  api.oauth.addWorkspace(TEAM);
  const granted = api.oauth.access({
    client_id: api.oauth.clientId,
    client_secret: api.oauth.clientSecret,
    code: api.oauth.issueCode(TEAM),
  }) as { access_token: string; refresh_token: string };
  await oauth.installations.storeInstallation({
    team: { id: TEAM, name: 'Rotating' },
    enterprise: undefined,
    user: { id: 'U0INSTALL1', token: undefined, scopes: undefined },
    bot: {
      token: granted.access_token,
      refreshToken: granted.refresh_token,
      expiresAt: Math.floor(Date.now() / 1000) - 60,
      scopes: ['commands'],
      id: `B${TEAM}`,
      userId: `U${TEAM}BOT`,
    },
    isEnterpriseInstall: false,
    authVersion: 'v2',
  });
  api.oauth.expireTokens(TEAM);
  return granted.access_token;
}

describe.each([sqliteEngine(), postgresEngine()])('$name: token rotation', (engine) => {
  let api: FakeWebApi;
  beforeEach(async () => {
    await engine.fresh();
    api = await startFakeWebApi();
  });
  afterEach(async () => {
    await api.close();
    await engine.cleanUp();
  });
  afterAll(() => engine.dispose());

  it('an expired token is refreshed once when 20 requests race on two replicas; all use the new token', async () => {
    const replicas = [await replica(engine, api, 'a'), await replica(engine, api, 'b')];
    const expired = await installExpired(replicas[0] as SlackOAuth, api);
    const results = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const client = await replicas[i % 2]?.clients.forTeam(TEAM);
        if (!client) throw new Error('no client');
        const answer = await client.auth.test();
        return { team: answer.team_id, token: client.token };
      }),
    );
    expect(api.oauth.refreshes).toEqual([{ teamId: TEAM, ok: true }]);
    const live = api.oauth.liveTokens(TEAM);
    expect(live).toHaveLength(1);
    expect(live[0]).not.toBe(expired);
    expect(results).toEqual(Array.from({ length: 20 }, () => ({ team: TEAM, token: live[0] })));
    // Stored is the token Slack now accepts, with the refresh token it has not used yet.
    const bot = await replicas[1]?.installations.findBot({
      enterpriseId: null,
      teamId: TEAM,
      isEnterpriseInstall: false,
    });
    expect(bot?.botToken).toBe(live[0]);
    expect(bot?.botTokenExpiresAt?.getTime()).toBeGreaterThan(Date.now() + 11 * 3_600_000);
    // And it refreshes again next time from that stored refresh token.
    api.oauth.expireTokens(TEAM);
    await engine.query(
      `UPDATE slack_bots SET bot_token_expires_at = ${Date.now() - 1} RETURNING id`,
    );
    expect(await (await replicas[0]?.clients.forTeam(TEAM))?.auth.test()).toMatchObject({
      ok: true,
    });
    expect(api.oauth.refreshes).toEqual([
      { teamId: TEAM, ok: true },
      { teamId: TEAM, ok: true },
    ]);
  });

  it('a refresh Slack refuses fails the requests and stores nothing', async () => {
    const [oauth] = [await replica(engine, api, 'a')];
    await installExpired(oauth, api);
    const before = await engine.query('SELECT bot_token, bot_refresh_token FROM slack_bots');
    api.reject = 'invalid_refresh_token';
    await expect(oauth.clients.forTeam(TEAM)).rejects.toThrow(/invalid_refresh_token/);
    api.reject = undefined;
    expect(await engine.query('SELECT bot_token, bot_refresh_token FROM slack_bots')).toEqual(
      before,
    );
  });
});
