import type { Installation, InstallationQuery, InstallationStore } from '@slack/oauth';
import type {
  SlackInstallationKey,
  SlackInstallationStore,
  StoredSlackBot,
} from '../../../store/contract.js';
import type { TokenCipher } from './token-cipher.js';

/** What each sealed value is, bound into its seal (see TokenCipher). */
export const SEALED = {
  installation: 'slack installation',
  botToken: 'slack bot token',
  botRefreshToken: 'slack bot refresh token',
} as const;

/** A workspace's bot with its tokens opened: only ever in memory. */
export interface OpenSlackBot extends Omit<StoredSlackBot, 'botToken' | 'botRefreshToken'> {
  botToken: string;
  botRefreshToken: string | null;
  /** The refresh token as stored (sealed), for the compare-and-set of a refresh. */
  sealedRefreshToken: string | null;
}

export function keyOfQuery(query: InstallationQuery<boolean>): SlackInstallationKey {
  return {
    enterpriseId: query.enterpriseId ?? null,
    teamId: query.teamId ?? null,
    isEnterpriseInstall: query.isEnterpriseInstall,
    userId: query.userId,
  };
}

function keyOfInstallation(installation: Installation): SlackInstallationKey {
  const isEnterpriseInstall = installation.isEnterpriseInstall === true;
  return {
    enterpriseId: installation.enterprise?.id ?? null,
    teamId: isEnterpriseInstall ? null : (installation.team?.id ?? null),
    isEnterpriseInstall,
  };
}

/**
 * Bolt's InstallationStore on our database, shaped after Slack's own SQL store: every install
 * is a row (the newest wins), its bot another; every token is sealed with AES-256-GCM before it
 * reaches the store, so the database file alone gives no token away.
 */
export class SealedInstallationStore implements InstallationStore {
  constructor(
    readonly store: SlackInstallationStore,
    readonly cipher: TokenCipher,
    private readonly now: () => number = Date.now,
  ) {}

  async storeInstallation<AuthVersion extends 'v1' | 'v2'>(
    installation: Installation<AuthVersion, boolean>,
  ): Promise<void> {
    const key = keyOfInstallation(installation);
    const installedAt = new Date(this.now());
    const { bot } = installation;
    await this.store.save(
      {
        enterpriseId: key.enterpriseId,
        teamId: key.teamId,
        userId: installation.user.id,
        isEnterpriseInstall: key.isEnterpriseInstall,
        data: this.cipher.seal(JSON.stringify(installation), SEALED.installation),
        installedAt,
      },
      bot && {
        id: 0,
        ...key,
        appId: installation.appId ?? null,
        botId: bot.id,
        botUserId: bot.userId,
        botScopes: bot.scopes,
        botToken: this.cipher.seal(bot.token, SEALED.botToken),
        botRefreshToken: bot.refreshToken
          ? this.cipher.seal(bot.refreshToken, SEALED.botRefreshToken)
          : null,
        // Bolt counts in seconds since the epoch.
        botTokenExpiresAt: bot.expiresAt === undefined ? null : new Date(bot.expiresAt * 1000),
        installedAt,
      },
    );
  }

  /** The install as Bolt stored it, with the newest bot's tokens (a refresh updates only those). */
  async fetchInstallation(
    query: InstallationQuery<boolean>,
  ): Promise<Installation<'v1' | 'v2', boolean>> {
    const key = keyOfQuery(query);
    const row = await this.store.findInstallation(key);
    if (!row) throw new Error('no Slack installation for this workspace');
    const installation = JSON.parse(
      this.cipher.open(row.data, SEALED.installation),
    ) as Installation<'v1' | 'v2', boolean>;
    const bot = await this.findBot(key);
    if (bot && installation.bot) {
      installation.bot = {
        ...installation.bot,
        token: bot.botToken,
        ...(bot.botRefreshToken ? { refreshToken: bot.botRefreshToken } : {}),
        ...(bot.botTokenExpiresAt
          ? { expiresAt: Math.floor(bot.botTokenExpiresAt.getTime() / 1000) }
          : {}),
      };
    }
    return installation;
  }

  /** One installer's record when the query names a user; otherwise the workspace's, bots too. */
  async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
    const key = keyOfQuery(query);
    await this.store.deleteInstallations(key);
    if (key.userId === undefined) await this.store.deleteBots(key);
  }

  /**
   * The workspace's bot, tokens opened. One sealed by SLACK_TOKEN_ENCRYPTION_KEY_PREVIOUS is
   * sealed again under the current key as it is read, so a key rotation completes as each
   * workspace is next used.
   */
  async findBot(key: SlackInstallationKey): Promise<OpenSlackBot | undefined> {
    const bot = await this.store.findBot(key);
    if (!bot) return undefined;
    const botToken = this.cipher.open(bot.botToken, SEALED.botToken);
    const botRefreshToken = bot.botRefreshToken
      ? this.cipher.open(bot.botRefreshToken, SEALED.botRefreshToken)
      : null;
    let sealedRefreshToken = bot.botRefreshToken;
    if (this.cipher.isStale(bot.botToken)) {
      const sealed = {
        botToken: this.cipher.seal(botToken, SEALED.botToken),
        botRefreshToken: botRefreshToken
          ? this.cipher.seal(botRefreshToken, SEALED.botRefreshToken)
          : null,
      };
      if (await this.store.resealBot(bot.id, bot.botToken, sealed))
        sealedRefreshToken = sealed.botRefreshToken;
    }
    return { ...bot, botToken, botRefreshToken, sealedRefreshToken };
  }
}
