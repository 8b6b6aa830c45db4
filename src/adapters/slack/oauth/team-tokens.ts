import type { webApi } from '@slack/bolt';
import type { Logger } from '../../../logger.js';
import type { SlackInstallationKey } from '../../../store/contract.js';
import { type OpenSlackBot, SEALED, type SealedInstallationStore } from './installation-store.js';

/**
 * Refresh a rotating token this long before it expires, as Bolt's InstallProvider does: a
 * request never starts with a token that dies on the way.
 */
export const REFRESH_WINDOW_MS = 2 * 60 * 60_000;

/** The bot credentials a request or a digest needs for one workspace. */
export interface TeamBot {
  botToken: string;
  botId: string;
  botUserId: string;
  teamId: string | undefined;
  enterpriseId: string | undefined;
  isEnterpriseInstall: boolean;
}

export interface TeamTokensOptions {
  installations: SealedInstallationStore;
  /** A token-less client for oauth.v2.access (SLACK_API_URL applies). */
  client: webApi.WebClient;
  clientId: string;
  clientSecret: string;
  logger: Logger;
  now?: () => number;
}

const lockKey = (key: SlackInstallationKey) =>
  key.isEnterpriseInstall
    ? `slack-refresh:${key.enterpriseId}`
    : `slack-refresh:${key.enterpriseId ?? '-'}:${key.teamId}`;

const teamBot = (bot: OpenSlackBot, botToken = bot.botToken): TeamBot => ({
  botToken,
  botId: bot.botId,
  botUserId: bot.botUserId,
  teamId: bot.teamId ?? undefined,
  enterpriseId: bot.enterpriseId ?? undefined,
  isEnterpriseInstall: bot.isEnterpriseInstall,
});

/**
 * Each workspace's bot token, refreshed when token rotation is on. Slack refresh tokens are
 * single-use, so two refreshes of one workspace racing would leave one of them holding a dead
 * token (the race in bolt-js's InstallProvider, which refreshes inside every authorize call
 * with no lock and, when the refresh fails, hands back the expired token). Here one refresh per
 * workspace runs at a time: in this process (callers share the refresh in flight) and across
 * replicas (the store's lock). Under the lock the bot is read again, and refreshed only if it
 * is still expiring; the new tokens are stored only over the refresh token they came from.
 */
export class TeamTokens {
  readonly #inFlight = new Map<string, Promise<TeamBot | undefined>>();
  readonly #now: () => number;

  constructor(private readonly options: TeamTokensOptions) {
    this.#now = options.now ?? Date.now;
  }

  /** The workspace's bot with a live token; undefined when the app is not installed there. */
  async botFor(key: SlackInstallationKey): Promise<TeamBot | undefined> {
    const bot = await this.options.installations.findBot(key);
    if (!bot) return undefined;
    if (!this.#expiring(bot)) return teamBot(bot);
    const name = lockKey(key);
    let refresh = this.#inFlight.get(name);
    if (!refresh) {
      refresh = this.#refreshUnderLock(name, key).finally(() => this.#inFlight.delete(name));
      this.#inFlight.set(name, refresh);
    }
    return refresh;
  }

  /**
   * The bot for a team, as a digest or an admin check knows it: the team's own install, else
   * the org-wide install of the enterprise the team was seen in.
   */
  async botForTeam(teamId: string): Promise<TeamBot | undefined> {
    const own = await this.botFor({ enterpriseId: null, teamId, isEnterpriseInstall: false });
    if (own) return own;
    const enterpriseId = await this.options.installations.store.enterpriseOfTeam(teamId);
    if (!enterpriseId) return undefined;
    return this.botFor({ enterpriseId, teamId: null, isEnterpriseInstall: true });
  }

  #expiring(bot: OpenSlackBot): boolean {
    return (
      bot.botRefreshToken !== null &&
      bot.botTokenExpiresAt !== null &&
      bot.botTokenExpiresAt.getTime() - this.#now() <= REFRESH_WINDOW_MS
    );
  }

  #refreshUnderLock(name: string, key: SlackInstallationKey): Promise<TeamBot | undefined> {
    const { installations } = this.options;
    return installations.store.withLock(name, async () => {
      const bot = await installations.findBot(key);
      if (!bot) return undefined;
      // Another replica refreshed it while we waited for the lock.
      if (!this.#expiring(bot) || !bot.botRefreshToken || !bot.sealedRefreshToken)
        return teamBot(bot);
      const { clientId, clientSecret, client, logger } = this.options;
      const result = await client.oauth.v2.access({
        client_id: clientId,
        client_secret: clientSecret,
        grant_type: 'refresh_token',
        refresh_token: bot.botRefreshToken,
      });
      if (!result.access_token || !result.refresh_token || result.expires_in === undefined)
        throw new Error('oauth.v2.access returned no rotated token');
      const { cipher } = installations;
      const stored = await installations.store.updateBotToken(bot.id, bot.sealedRefreshToken, {
        botToken: cipher.seal(result.access_token, SEALED.botToken),
        botRefreshToken: cipher.seal(result.refresh_token, SEALED.botRefreshToken),
        botTokenExpiresAt: new Date(this.#now() + result.expires_in * 1000),
      });
      // Only a reinstall can have replaced the row meanwhile (a refresh holds the lock): its
      // fresh tokens stand, and the new access token we hold is still good to use.
      if (!stored) logger.warn({ team: bot.teamId }, 'Slack bot row replaced during a refresh');
      logger.info(
        { team: bot.teamId, enterprise: bot.enterpriseId, expiresIn: result.expires_in },
        'Slack bot token refreshed',
      );
      return teamBot(bot, result.access_token);
    });
  }
}
