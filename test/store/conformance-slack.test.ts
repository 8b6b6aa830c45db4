import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  SlackInstallationKey,
  StoredSlackBot,
  StoredSlackInstallation,
} from '../../src/store/contract.js';
import { CHANNEL } from '../support/subscription.js';
import { type EngineUnderTest, postgresEngine, sqliteEngine } from './engines.js';

/**
 * The storage contract's Slack installations, against both engines (the rest of the contract
 * is in conformance.test.ts). Tokens here stand for sealed ones: the store never unseals.
 */
const T0 = new Date('2026-04-03T00:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

const TEAM_A: SlackInstallationKey = {
  enterpriseId: null,
  teamId: 'TA',
  isEnterpriseInstall: false,
};
const TEAM_B: SlackInstallationKey = {
  enterpriseId: null,
  teamId: 'TB',
  isEnterpriseInstall: false,
};
const ORG: SlackInstallationKey = { enterpriseId: 'E1', teamId: null, isEnterpriseInstall: true };

function install(
  key: SlackInstallationKey,
  userId: string,
  token: string,
  installedAt: Date,
): [StoredSlackInstallation, StoredSlackBot] {
  const base = {
    enterpriseId: key.enterpriseId,
    teamId: key.isEnterpriseInstall ? null : key.teamId,
    isEnterpriseInstall: key.isEnterpriseInstall,
    installedAt,
  };
  return [
    { ...base, userId, data: `sealed-installation-${token}` },
    {
      ...base,
      id: 0,
      appId: 'A1',
      botId: 'B1',
      botUserId: 'U1',
      botScopes: ['commands', 'chat:write'],
      botToken: token,
      botRefreshToken: `refresh-${token}`,
      botTokenExpiresAt: at(720),
    },
  ];
}

describe.each([sqliteEngine(), postgresEngine()])(
  '$name slack installations',
  (engine: EngineUnderTest) => {
    beforeEach(() => engine.fresh());
    afterEach(() => engine.cleanUp());
    afterAll(() => engine.dispose());

    it('finds each team its own newest install and bot; nothing for a team that never installed', async () => {
      const { slackInstallations: store } = await engine.open('a');
      await store.save(...install(TEAM_A, 'U_ALICE', 'a-old', at(0)));
      await store.save(...install(TEAM_B, 'U_BOB', 'b-only', at(1)));
      await store.save(...install(TEAM_A, 'U_CAROL', 'a-new', at(2)));
      const bot = await store.findBot(TEAM_A);
      expect(bot).toMatchObject({
        teamId: 'TA',
        botToken: 'a-new',
        botRefreshToken: 'refresh-a-new',
        botScopes: ['commands', 'chat:write'],
        botTokenExpiresAt: at(720),
        isEnterpriseInstall: false,
      });
      expect((await store.findBot(TEAM_B))?.botToken).toBe('b-only');
      expect(await store.findBot({ ...TEAM_A, teamId: 'TX' })).toBeUndefined();
      expect((await store.findInstallation(TEAM_A))?.data).toBe('sealed-installation-a-new');
      expect((await store.findInstallation({ ...TEAM_A, userId: 'U_ALICE' }))?.data).toBe(
        'sealed-installation-a-old',
      );
    });

    it('finds an org-wide install by its enterprise from any team of the org', async () => {
      const { slackInstallations: store } = await engine.open('a');
      await store.save(...install(ORG, 'U_ADMIN', 'org', at(0)));
      const fromTeam = { enterpriseId: 'E1', teamId: 'T_IN_ORG', isEnterpriseInstall: true };
      expect((await store.findBot(fromTeam))?.botToken).toBe('org');
      // A workspace-level lookup in that enterprise is a different install.
      expect(await store.findBot({ ...fromTeam, isEnterpriseInstall: false })).toBeUndefined();
    });

    it('stores a refreshed token only over the refresh token it was made from', async () => {
      const [a, b] = [await engine.open('a'), await engine.open('b')];
      await a.slackInstallations.save(...install(TEAM_A, 'U_ALICE', 'first', at(0)));
      const bot = await a.slackInstallations.findBot(TEAM_A);
      if (!bot?.botRefreshToken) throw new Error('no bot');
      const refreshed = (token: string) => ({
        botToken: token,
        botRefreshToken: `refresh-${token}`,
        botTokenExpiresAt: at(1440),
      });
      expect(
        await a.slackInstallations.updateBotToken(bot.id, bot.botRefreshToken, refreshed('second')),
      ).toBe(true);
      // The loser of a race, holding the old refresh token, changes nothing.
      expect(
        await b.slackInstallations.updateBotToken(bot.id, bot.botRefreshToken, refreshed('third')),
      ).toBe(false);
      expect(await b.slackInstallations.findBot(TEAM_A)).toMatchObject({
        botToken: 'second',
        botRefreshToken: 'refresh-second',
        botTokenExpiresAt: at(1440),
      });
    });

    it('remembers which org each team of an org-wide install is in', async () => {
      const [a, b] = [await engine.open('a'), await engine.open('b')];
      await a.slackInstallations.rememberEnterpriseTeam('T2', 'E1');
      await a.slackInstallations.rememberEnterpriseTeam('T1', 'E1');
      await a.slackInstallations.rememberEnterpriseTeam('T1', 'E1');
      await b.slackInstallations.rememberEnterpriseTeam('T3', 'E2');
      expect(await b.slackInstallations.enterpriseOfTeam('T1')).toBe('E1');
      expect(await b.slackInstallations.enterpriseOfTeam('T9')).toBeUndefined();
      expect(await a.slackInstallations.teamsOfEnterprise('E1')).toEqual(['T1', 'T2']);
    });

    it('reseals a bot only over the token it read', async () => {
      const { slackInstallations: store } = await engine.open('a');
      await store.save(...install(TEAM_A, 'U_ALICE', 'old-seal', at(0)));
      const bot = await store.findBot(TEAM_A);
      if (!bot) throw new Error('no bot');
      const sealed = { botToken: 'new-seal', botRefreshToken: 'refresh-new-seal' };
      expect(await store.resealBot(bot.id, 'something-else', sealed)).toBe(false);
      expect(await store.resealBot(bot.id, 'old-seal', sealed)).toBe(true);
      expect(await store.findBot(TEAM_A)).toMatchObject(sealed);
    });

    it('deletes one user, or a whole team, and leaves other teams alone', async () => {
      const { slackInstallations: store } = await engine.open('a');
      await store.save(...install(TEAM_A, 'U_ALICE', 'a1', at(0)));
      await store.save(...install(TEAM_A, 'U_CAROL', 'a2', at(1)));
      await store.save(...install(TEAM_B, 'U_BOB', 'b1', at(2)));
      expect(await store.deleteInstallations({ ...TEAM_A, userId: 'U_CAROL' })).toBe(1);
      expect((await store.findInstallation(TEAM_A))?.userId).toBe('U_ALICE');
      expect(await store.deleteInstallations(TEAM_A)).toBe(1);
      expect(await store.deleteBots(TEAM_A)).toBe(2);
      expect(await store.findInstallation(TEAM_A)).toBeUndefined();
      expect(await store.findBot(TEAM_A)).toBeUndefined();
      expect((await store.findBot(TEAM_B))?.botToken).toBe('b1');
    });

    it('accepts an OAuth state once, before it expires, from any process', async () => {
      const [a, b] = [await engine.open('a'), await engine.open('b')];
      await a.slackInstallations.putState('s1', at(10), T0);
      await a.slackInstallations.putState('s2', at(10), T0);
      await a.slackInstallations.putState('s3', at(1), T0);
      expect(await b.slackInstallations.consumeState('s1', at(5))).toBe(true);
      expect(await a.slackInstallations.consumeState('s1', at(5))).toBe(false);
      expect(await a.slackInstallations.consumeState('never-issued', at(5))).toBe(false);
      expect(await a.slackInstallations.consumeState('s3', at(5))).toBe(false);
      expect(await a.slackInstallations.consumeState('s2', at(5))).toBe(true);
    });

    it('runs one holder of a lock at a time across processes, and other names meanwhile', async () => {
      const stores = [await engine.open('a'), await engine.open('b')];
      let inside = 0;
      let most = 0;
      const order: string[] = [];
      const hold = (i: number, name: string) =>
        stores[i % 2]?.slackInstallations.withLock(name, async () => {
          inside += 1;
          most = Math.max(most, inside);
          order.push(name);
          await new Promise((resolve) => setTimeout(resolve, 15));
          inside -= 1;
          return i;
        });
      const results = await Promise.all([0, 1, 2, 3, 4, 5].map((i) => hold(i, 'refresh:TA')));
      expect(results).toEqual([0, 1, 2, 3, 4, 5]);
      expect(most).toBe(1);
      // A failing holder gives the lock back.
      await expect(
        stores[0]?.slackInstallations.withLock('refresh:TA', async () => {
          throw new Error('refresh failed');
        }),
      ).rejects.toThrow('refresh failed');
      await expect(
        stores[1]?.slackInstallations.withLock('refresh:TA', async () => 'free'),
      ).resolves.toBe('free');
    });

    it('pauses one workspace for a reason and resumes only what that reason paused', async () => {
      const { subscriptions } = await engine.open('a');
      const sub = (channelId: string, workspaceId: string) =>
        subscriptions.upsert({ ...CHANNEL, platform: 'slack', channelId, workspaceId }, T0);
      const gone = (await sub('C000000001', 'TA')).subscription;
      await sub('C000000002', 'TA');
      await sub('C000000003', 'TB');
      await subscriptions.pause(gone.id, 'the channel is gone', at(1));
      expect(await subscriptions.pauseWorkspace('slack', 'TA', 'uninstalled', at(2))).toBe(1);
      const reasons = async () => (await subscriptions.active(['slack'])).map((s) => s.channelId);
      expect(await reasons()).toEqual(['C000000003']);
      expect(await subscriptions.resumeWorkspace('slack', 'TA', 'uninstalled')).toBe(1);
      expect(await reasons()).toEqual(['C000000002', 'C000000003']);
      expect((await subscriptions.get(gone.id))?.pausedReason).toBe('the channel is gone');
    });
    it('remembers one uploaded chart file per (team, image): the first stored wins, teams never share', async () => {
      const [a, b] = [await engine.open('a'), await engine.open('b')];
      expect(await a.slackFiles.find('TA', 'hash1')).toBeUndefined();
      // Two replicas racing for the first upload of one image: one file is stored, both learn it.
      const won = await Promise.all([
        a.slackFiles.remember('TA', 'hash1', 'F_FROM_A', at(0)),
        b.slackFiles.remember('TA', 'hash1', 'F_FROM_B', at(0)),
      ]);
      expect(won[0]).toBe(won[1]);
      expect(['F_FROM_A', 'F_FROM_B']).toContain(won[0]);
      expect(await b.slackFiles.find('TA', 'hash1')).toBe(won[0]);
      // Another workspace, the same image: its own file.
      expect(await b.slackFiles.remember('TB', 'hash1', 'F_TB', at(1))).toBe('F_TB');
      expect(await a.slackFiles.find('TB', 'hash1')).toBe('F_TB');
      expect(await a.slackFiles.find('TA', 'hash2')).toBeUndefined();
      const rows = await engine.query('SELECT team_id FROM slack_files ORDER BY team_id');
      expect(rows.map((row) => row.team_id)).toEqual(['TA', 'TB']);
    });

    it('forgets a deleted file only while it is the one recorded', async () => {
      const [a, b] = [await engine.open('a'), await engine.open('b')];
      await a.slackFiles.remember('TA', 'hash1', 'F_OLD', at(0));
      // b found F_OLD gone, forgot it and stored a new upload...
      expect(await b.slackFiles.forget('TA', 'hash1', 'F_OLD')).toBe(true);
      expect(await b.slackFiles.remember('TA', 'hash1', 'F_NEW', at(1))).toBe('F_NEW');
      // ...so a's late report of the same dead file leaves b's replacement alone.
      expect(await a.slackFiles.forget('TA', 'hash1', 'F_OLD')).toBe(false);
      expect(await a.slackFiles.find('TA', 'hash1')).toBe('F_NEW');
      expect(await a.slackFiles.forget('TB', 'hash1', 'F_NEW')).toBe(false);
    });
  },
);
