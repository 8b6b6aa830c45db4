import { randomBytes } from 'node:crypto';
import type { Installation } from '@slack/oauth';
import { SealedInstallationStore } from '../../../src/adapters/slack/oauth/installation-store.js';
import { TokenCipher } from '../../../src/adapters/slack/oauth/token-cipher.js';
import type { Store } from '../../../src/store/contract.js';
import { CHANNEL } from '../../support/subscription.js';

/** The tokens in the clear, which must never appear in either database. */
export const PLAIN = {
  teamBot: 'xoxe.xoxb-1-TEAM-BOT-TOKEN-IN-THE-CLEAR',
  teamRefresh: 'xoxe-1-TEAM-REFRESH-TOKEN-IN-THE-CLEAR',
  teamUser: 'xoxp-TEAM-USER-TOKEN-IN-THE-CLEAR',
  orgBot: 'xoxb-ORG-BOT-TOKEN-IN-THE-CLEAR',
} as const;

export const T0 = new Date('2026-04-03T00:00:00Z');
export const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

const teamInstall: Installation<'v2', false> = {
  team: { id: 'T0TEAM', name: 'Team' },
  enterprise: undefined,
  user: { id: 'U0INSTALLER', token: PLAIN.teamUser, scopes: ['identify'] },
  bot: {
    token: PLAIN.teamBot,
    refreshToken: PLAIN.teamRefresh,
    expiresAt: 1_900_000_000,
    scopes: ['commands', 'chat:write'],
    id: 'B0TEAM',
    userId: 'U0BOT',
  },
  appId: 'A0APP',
  isEnterpriseInstall: false,
  authVersion: 'v2',
};

const orgInstall: Installation<'v2', true> = {
  team: undefined,
  enterprise: { id: 'E0ORG', name: 'Org' },
  user: { id: 'U0ORGADMIN', token: undefined, scopes: undefined },
  bot: {
    token: PLAIN.orgBot,
    scopes: ['commands'],
    id: 'B0ORG',
    userId: 'U0ORGBOT',
  },
  appId: 'A0APP',
  isEnterpriseInstall: true,
  authVersion: 'v2',
};

export const TEAM_KEY = { teamId: 'T0TEAM', enterpriseId: undefined, isEnterpriseInstall: false };
export const ORG_KEY = { teamId: undefined, enterpriseId: 'E0ORG', isEnterpriseInstall: true };

/** One token key per test run: the same key must open the tokens on both sides. */
export const tokenKey = randomBytes(32);
export const sealedStore = (store: Store, installedAt = () => T0.getTime()) =>
  new SealedInstallationStore(store.slackInstallations, new TokenCipher(tokenKey), installedAt);

/**
 * A SQLite database as a bot that ran for a while leaves it, written through the real stores:
 * subscriptions (active, paused, without a workspace, a Slack one, one removed), the ledger in
 * every state, Slack installs with sealed tokens (a team's, re-installed, and an org's), an
 * enterprise's team, an OAuth state, and uploaded chart files.
 */
export async function populate(store: Store): Promise<void> {
  const subs = store.subscriptions;
  const { subscription: active } = await subs.upsert(CHANNEL, T0);
  const { subscription: paused } = await subs.upsert(
    { ...CHANNEL, channelId: '222222222222222223', lang: 'ja', cron: '30 8 * * 1-5' },
    T0,
  );
  await subs.pause(paused.id, 'channel gone', at(5));
  // A channel configured by id alone: no workspace known yet.
  await subs.ensure(
    { ...CHANNEL, workspaceId: null, channelId: '222222222222222224', createdBy: 'config' },
    at(1),
  );
  const { subscription: slack } = await subs.upsert(
    {
      platform: 'slack',
      workspaceId: 'T0TEAM',
      channelId: 'C0123456789',
      cron: '0 9 * * *',
      timezone: 'UTC',
      lang: 'en',
      createdBy: 'U0INSTALLER',
    },
    at(2),
  );
  // A removed one leaves a gap in the ids, which the copy must keep.
  await subs.upsert({ ...CHANNEL, channelId: '222222222222222225' }, at(3));
  await subs.remove('discord', '222222222222222225');
  await subs.markChecked([active.id, slack.id], at(60));

  const ledger = store.ledger;
  const lease = (d: Date) => new Date(d.getTime() + 120_000);
  const sent = await ledger.claim(active.id, at(10), lease(at(10)), at(10));
  if (!sent) throw new Error('claim');
  await ledger.renew(sent, lease(at(10)), at(10), { countAttempt: true });
  await ledger.settle(sent, 'sent', at(10), {
    messageId: 'M-SENT',
    shownRevisions: { 'stocks.sakura': '2026-04-03' },
  });
  const retrying = await ledger.claim(active.id, at(20), lease(at(20)), at(20));
  if (!retrying) throw new Error('claim');
  await ledger.renew(retrying, lease(at(20)), at(20), { countAttempt: true });
  await ledger.settle(retrying, 'retrying', at(20), { error: 'HTTP 500' });
  const failed = await ledger.claim(slack.id, at(30), lease(at(30)), at(30));
  if (!failed) throw new Error('claim');
  await ledger.settle(failed, 'failed', at(30), { error: 'channel_not_found' });
  // Still claimed when the bot stopped: its lease runs on.
  await ledger.claim(slack.id, at(40), lease(at(40)), at(40));
  await ledger.recordMissed(paused.id, [at(1), at(2)], at(50));

  const sealed = sealedStore(store);
  await sealed.storeInstallation(teamInstall);
  await sealedStore(store, () => at(100).getTime()).storeInstallation(teamInstall);
  await sealed.storeInstallation(orgInstall);
  await store.slackInstallations.rememberEnterpriseTeam('T0GRID', 'E0ORG');
  await store.slackInstallations.putState('state-in-flight', at(10_000), at(0));

  await store.slackFiles.remember('T0TEAM', 'hash-stocks-en', 'F0STOCKS', at(3));
  await store.slackFiles.remember('T0TEAM', 'hash-stocks-ja', 'F0STOCKSJA', at(4));

  // Not copied (a pace on one clock), but present, as in any bot that posted.
  await store.rateBudget.reserve('discord:global', { perSecond: 46.5, burst: 1 });
}
