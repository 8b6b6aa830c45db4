import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  PAUSED_TOKEN_REJECTED,
  PAUSED_UNINSTALLED,
} from '../../../src/adapters/slack/oauth/scopes.js';
import { sendBotEvent } from '../../support/fake-slack/bot-events.js';
import { SIGNING_SECRET } from '../../support/fake-slack/credentials.js';
import { sqliteDb } from '../../support/sqlite-db.js';
import { visibleText } from '../block-kit-check.js';
import { at, FakeClock, minutes, tempDatabase } from '../digest-support.js';
import { type SlackHarness, startHarness } from '../harness.js';
import { install, openInstallPage, redirectBack, slashIn } from './install-flow.js';

const [TA, TB] = ['T0TEAMA01', 'T0TEAMB01'];
const [ADMIN_A, ADMIN_B] = ['U0ADMINA1', 'U0ADMINB1'];
const [CHANNEL_A, CHANNEL_B] = ['C0CHANA001', 'C0CHANB001'];

let db: ReturnType<typeof tempDatabase>;
let h: SlackHarness;
let clock: FakeClock;
beforeEach(async () => {
  db = tempDatabase();
  clock = new FakeClock(at(-minutes(60)));
  h = await startHarness({ oauth: true, digestClock: clock, env: { DATABASE_PATH: db.path } });
  const { oauth } = h.api;
  oauth.addWorkspace(TA, 'Team A');
  oauth.addWorkspace(TB, 'Team B');
  oauth.channelTeams.set(CHANNEL_A, TA);
  oauth.channelTeams.set(CHANNEL_B, TB);
  h.api.users.set(ADMIN_A, { teamId: TA, is_admin: true });
  h.api.users.set(ADMIN_B, { teamId: TB, is_owner: true });
});
afterEach(async () => {
  await h.close();
  db.remove();
});

const digests = () => {
  if (!h.digests) throw new Error('the harness opened no digests');
  return h.digests;
};
const rows = (table: string) =>
  (sqliteDb(digests()).prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
const tokenOf = (call: { authorization: string | undefined }) =>
  call.authorization?.replace(/^Bearer /, '');
const callsTo = (method: string, channel: string) =>
  h.api.calls.filter((c) => c.method === method && c.body.channel === channel);

describe('Slack OAuth: many workspaces', () => {
  it('serves an Add to Slack page asking for the manifest scopes, with a state cookie', async () => {
    const page = await openInstallPage(h);
    expect(page.status).toBe(200);
    const href = /href="(https:\/\/slack\.com\/oauth\/v2\/authorize[^"]+)"/.exec(page.html)?.[1];
    const url = new URL((href ?? '').replaceAll('&amp;', '&'));
    expect(url.searchParams.get('scope')).toBe(
      'commands,chat:write,users:read,channels:history,groups:history,files:write',
    );
    expect(url.searchParams.get('client_id')).toBe(h.api.oauth.clientId);
    expect(page.state).toMatch(/^[\w-]+\.[\w-]+$/);
    expect(url.searchParams.get('state')).toBe(page.state);
  });

  it('two workspaces install; each gets its own answers and digests, each post with its own token', async () => {
    await install(h, TA);
    await install(h, TB);
    const [tokenA] = h.api.oauth.liveTokens(TA);
    const [tokenB] = h.api.oauth.liveTokens(TB);
    expect(tokenA).toBeDefined();
    expect(tokenA).not.toBe(tokenB);

    // Each workspace's admin, checked with that workspace's token, subscribes their channel.
    for (const [team, admin, channel] of [
      [TA, ADMIN_A, CHANNEL_A],
      [TB, ADMIN_B, CHANNEL_B],
    ] as const) {
      const text = visibleText(await slashIn(h, team, admin, channel, 'digest subscribe daily'));
      expect(text).toContain('This channel will get the digest');
    }
    const infos = h.api.calls.filter((c) => c.method === 'users.info');
    expect(infos.map((c) => [c.body.user, tokenOf(c)])).toEqual([
      [ADMIN_A, tokenA],
      [ADMIN_B, tokenB],
    ]);
    // An admin of B is nobody in A: A's token does not know them.
    const refused = visibleText(await slashIn(h, TA, ADMIN_B, CHANNEL_A, 'digest unsubscribe'));
    expect(refused).not.toContain('unsubscribed');
    // Each lists only its own.
    const listA = visibleText(await slashIn(h, TA, ADMIN_A, CHANNEL_A, 'digest list'));
    expect(listA).toContain(CHANNEL_A);
    expect(listA).not.toContain(CHANNEL_B);
    // And answers, for both.
    for (const team of [TA, TB])
      expect(visibleText(await slashIn(h, team, 'U0MEMBER1', 'C0OTHER01', 'stocks'))).toContain(
        'SoftBank',
      );

    // The 09:00 slot: one digest each, each posted with its own workspace's token.
    const scheduler = h.digests?.scheduler([h.running.poster], { clock, logger: h.logger });
    clock.set(at(0));
    await scheduler?.tick(at(0));
    expect(h.api.messages.in(CHANNEL_A)).toHaveLength(1);
    expect(h.api.messages.in(CHANNEL_B)).toHaveLength(1);
    expect(callsTo('chat.postMessage', CHANNEL_A).map(tokenOf)).toEqual([tokenA]);
    expect(callsTo('chat.postMessage', CHANNEL_B).map(tokenOf)).toEqual([tokenB]);
  });

  it('refuses a forged state with a clear page, and stores nothing', async () => {
    const page = await openInstallPage(h);
    const forged = `${page.state.split('.')[0]}.AAAAforgedsignatureAAAAAAAAAAAAAAAAAAAAAAA`;
    const result = await redirectBack(
      h,
      { code: h.api.oauth.issueCode(TA), state: forged },
      `slack-app-oauth-state=${forged}`,
    );
    expect(result.status).toBe(400);
    expect(result.html).toContain('This install link is not valid');
    expect(result.html).toContain('Nothing was installed');
    // A state from another browser session (its cookie missing) is refused the same way.
    const noCookie = await redirectBack(
      h,
      { code: h.api.oauth.issueCode(TA), state: page.state },
      '',
    );
    expect(noCookie.status).toBe(400);
    expect(h.api.count('oauth.v2.access')).toBe(0);
    expect(rows('slack_installations')).toBe(0);
    expect(rows('slack_bots')).toBe(0);
  });

  it('refuses a replayed state: the same redirect opened twice installs once', async () => {
    const page = await openInstallPage(h);
    const first = await redirectBack(
      h,
      { code: h.api.oauth.issueCode(TA), state: page.state },
      page.cookie,
    );
    expect(first.status).toBe(200);
    const again = await redirectBack(
      h,
      { code: h.api.oauth.issueCode(TA), state: page.state },
      page.cookie,
    );
    expect(again.status).toBe(400);
    expect(again.html).toContain('already used');
    expect(h.api.count('oauth.v2.access')).toBe(1);
    expect(rows('slack_installations')).toBe(1);
  });

  it('uninstall deletes the install and pauses its digests with the reason; a reinstall resumes them', async () => {
    await install(h, TA);
    await install(h, TB);
    await slashIn(h, TA, ADMIN_A, CHANNEL_A, 'digest subscribe daily');
    await slashIn(h, TB, ADMIN_B, CHANNEL_B, 'digest subscribe daily');
    const eventsUrl = `${h.baseUrl}/slack/events`;
    expect(await sendBotEvent(eventsUrl, SIGNING_SECRET, TA, { type: 'app_uninstalled' })).toBe(
      200,
    );
    const subs = h.digests?.subscriptions;
    await expect
      .poll(async () => (await subs?.find('slack', CHANNEL_A))?.pausedReason)
      .toBe(PAUSED_UNINSTALLED);
    expect((await subs?.find('slack', CHANNEL_B))?.pausedReason).toBeNull();
    expect(rows('slack_bots')).toBe(1);
    const list = await h.digests?.admin.list({
      platform: 'slack',
      workspaceId: TA,
      channelId: CHANNEL_A,
      userId: ADMIN_A,
      lang: 'en',
      isAdmin: true,
    });
    expect(JSON.stringify(list)).toContain(PAUSED_UNINSTALLED);

    await install(h, TA);
    expect((await subs?.find('slack', CHANNEL_A))?.pausedReason).toBeNull();
    const listed = visibleText(await slashIn(h, TA, ADMIN_A, CHANNEL_A, 'digest list'));
    expect(listed).not.toContain('uninstalled');
  });

  it('a revoked bot token does the same; a revoked user token only forgets that installer', async () => {
    await install(h, TA);
    await slashIn(h, TA, ADMIN_A, CHANNEL_A, 'digest subscribe daily');
    const eventsUrl = `${h.baseUrl}/slack/events`;
    await sendBotEvent(eventsUrl, SIGNING_SECRET, TA, {
      type: 'tokens_revoked',
      tokens: { oauth: [`U${TA}ADMIN`] },
    });
    await expect.poll(() => rows('slack_installations')).toBe(0);
    expect(rows('slack_bots')).toBe(1);
    await sendBotEvent(eventsUrl, SIGNING_SECRET, TA, {
      type: 'tokens_revoked',
      tokens: { bot: [`U${TA}BOT`] },
    });
    await expect.poll(() => rows('slack_bots')).toBe(0);
    expect((await h.digests?.subscriptions.find('slack', CHANNEL_A))?.pausedReason).toBe(
      PAUSED_UNINSTALLED,
    );
  });

  it('a digest whose workspace token Slack rejects pauses that workspace only, never the platform', async () => {
    await install(h, TA);
    await install(h, TB);
    await slashIn(h, TA, ADMIN_A, CHANNEL_A, 'digest subscribe daily');
    await slashIn(h, TB, ADMIN_B, CHANNEL_B, 'digest subscribe daily');
    h.api.oauth.revokeTokens(TA);
    const scheduler = h.digests?.scheduler([h.running.poster], { clock, logger: h.logger });
    clock.set(at(0));
    await scheduler?.tick(at(0));
    expect(h.api.messages.in(CHANNEL_A)).toHaveLength(0);
    expect(h.api.messages.in(CHANNEL_B)).toHaveLength(1);
    expect((await h.digests?.subscriptions.find('slack', CHANNEL_A))?.pausedReason).toBe(
      PAUSED_TOKEN_REJECTED,
    );
    expect(h.digests?.health.isPosting('slack')).toBe(true);
    await install(h, TA);
    expect((await h.digests?.subscriptions.find('slack', CHANNEL_A))?.pausedReason).toBeNull();
  });
});

describe('Slack OAuth with token rotation', () => {
  it('20 commands racing on an expired token: one refresh, and every admin check uses the new token', async () => {
    h.api.oauth.rotation = true;
    await install(h, TA);
    const [expired] = h.api.oauth.liveTokens(TA);
    // Twelve hours later: Slack refuses the old token, and the stored one is past its expiry.
    h.api.oauth.expireTokens(TA);
    sqliteDb(digests())
      .prepare('UPDATE slack_bots SET bot_token_expires_at = ?')
      .run(Date.now() - 1);
    const admins = Array.from({ length: 20 }, (_, i) => `U0RACE${String(i).padStart(4, '0')}`);
    for (const admin of admins) h.api.users.set(admin, { teamId: TA, is_admin: true });
    const replies = await Promise.all(
      admins.map((admin) => slashIn(h, TA, admin, CHANNEL_A, 'digest list')),
    );
    for (const reply of replies) expect(visibleText(reply)).toContain('No channel');
    expect(h.api.oauth.refreshes).toEqual([{ teamId: TA, ok: true }]);
    const [fresh] = h.api.oauth.liveTokens(TA);
    expect(fresh).not.toBe(expired);
    const infos = h.api.calls.filter((c) => c.method === 'users.info');
    expect(infos).toHaveLength(20);
    expect(new Set(infos.map(tokenOf))).toEqual(new Set([fresh]));
  });
});

describe('Slack OAuth: an Enterprise Grid org-wide install', () => {
  const ORG = 'E0GRIDORG1';
  const [GRID_1, GRID_2] = ['T0GRID001', 'T0GRID002'];
  const [ADMIN_1, CHANNEL_1] = ['U0GRIDADM1', 'C0GRIDCH01'];

  it("serves the org's workspaces with the org's token: admin checks, digests, uninstall and reinstall", async () => {
    h.api.oauth.addOrg(ORG, [GRID_1, GRID_2]);
    h.api.oauth.channelTeams.set(CHANNEL_1, GRID_1);
    h.api.users.set(ADMIN_1, { teamId: GRID_1, is_admin: true });
    await install(h, ORG);
    const [orgToken] = h.api.oauth.liveTokens(ORG);
    expect(orgToken).toBeDefined();
    const subscribed = await slashIn(h, GRID_1, ADMIN_1, CHANNEL_1, 'digest subscribe daily', ORG);
    expect(visibleText(subscribed)).toContain('This channel will get the digest');
    const info = h.api.calls.find((c) => c.method === 'users.info');
    expect(info && tokenOf(info)).toBe(orgToken);

    const scheduler = h.digests?.scheduler([h.running.poster], { clock, logger: h.logger });
    clock.set(at(0));
    await scheduler?.tick(at(0));
    expect(callsTo('chat.postMessage', CHANNEL_1).map(tokenOf)).toEqual([orgToken]);

    const eventsUrl = `${h.baseUrl}/slack/events`;
    await sendBotEvent(
      eventsUrl,
      SIGNING_SECRET,
      GRID_1,
      { type: 'app_uninstalled' },
      {
        enterpriseId: ORG,
        isEnterpriseInstall: true,
      },
    );
    const subs = digests().subscriptions;
    await expect
      .poll(async () => (await subs.find('slack', CHANNEL_1))?.pausedReason)
      .toBe(PAUSED_UNINSTALLED);
    expect(rows('slack_bots')).toBe(0);
    await install(h, ORG);
    expect((await subs.find('slack', CHANNEL_1))?.pausedReason).toBeNull();
  });
});
