import { type Authorize, type Logger as BoltLogger, webApi } from '@slack/bolt';
import { InstallProvider, type InstallURLOptions } from '@slack/oauth';
import type { Config } from '../../../config.js';
import type { HttpRoutes } from '../../../http/routes.js';
import type { Logger } from '../../../logger.js';
import type { SlackInstallationStore, SubscriptionStore } from '../../../store/contract.js';
import { TeamClients } from './clients.js';
import { SealedInstallationStore } from './installation-store.js';
import { mountInstallRoutes } from './routes.js';
import { BOT_SCOPES, REDIRECT_PATH } from './scopes.js';
import { SingleUseStateStore, STATE_TTL_MS } from './state-store.js';
import { TeamTokens } from './team-tokens.js';
import { TokenCipher } from './token-cipher.js';
import { type InstallKey, WorkspaceLifecycle } from './workspace-lifecycle.js';

export interface SlackOAuthOptions {
  config: Config;
  installations: SlackInstallationStore;
  /** Digest subscriptions, paused on uninstall and resumed on reinstall; absent without digests. */
  subscriptions: SubscriptionStore | undefined;
  logger: Logger;
  boltLogger: BoltLogger;
  /** Options of every workspace's Web API client (the digest client's: no retries, a timeout). */
  clientOptions: webApi.WebClientOptions;
  /** Told of each workspace client made (metrics listen for its rate limits). */
  onClient?: (client: webApi.WebClient) => void;
  now?: () => number;
}

/** OAuth mode's parts: Bolt's authorize, per-workspace clients, and the install pages. */
export interface SlackOAuth {
  authorize: Authorize<boolean>;
  clients: TeamClients;
  installations: SealedInstallationStore;
  tokens: TeamTokens;
  /** Mounts /slack/install and /slack/oauth_redirect; returns the unmount. */
  mount(routes: HttpRoutes): () => void;
  /** The app was uninstalled, or its bot token revoked: forget it and pause the workspace. */
  uninstalled(key: InstallKey): Promise<void>;
}

export function createSlackOAuth(options: SlackOAuthOptions): SlackOAuth {
  const { config, logger, subscriptions } = options;
  const now = options.now ?? Date.now;
  const { SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET, SLACK_TOKEN_ENCRYPTION_KEY } =
    config;
  if (
    !SLACK_CLIENT_ID ||
    !SLACK_CLIENT_SECRET ||
    !SLACK_STATE_SECRET ||
    !SLACK_TOKEN_ENCRYPTION_KEY
  )
    // The config schema refuses OAuth mode without them; reaching here is a wiring mistake.
    throw new Error('Slack OAuth mode needs its client id, secrets and encryption key');
  const cipher = new TokenCipher(
    SLACK_TOKEN_ENCRYPTION_KEY,
    config.SLACK_TOKEN_ENCRYPTION_KEY_PREVIOUS,
  );
  const installations = new SealedInstallationStore(options.installations, cipher, now);
  const slackApi = config.SLACK_API_URL ? { slackApiUrl: config.SLACK_API_URL } : {};
  const tokens = new TeamTokens({
    installations,
    client: new webApi.WebClient(undefined, {
      ...options.clientOptions,
      logger: options.boltLogger,
    }),
    clientId: SLACK_CLIENT_ID,
    clientSecret: SLACK_CLIENT_SECRET,
    logger,
    now,
  });
  const clients = new TeamClients(
    tokens,
    { ...options.clientOptions, logger: options.boltLogger },
    options.onClient,
  );
  const installOptions: InstallURLOptions = {
    scopes: [...BOT_SCOPES],
    ...(config.PUBLIC_BASE_URL ? { redirectUri: `${config.PUBLIC_BASE_URL}${REDIRECT_PATH}` } : {}),
  };
  const installer = new InstallProvider({
    clientId: SLACK_CLIENT_ID,
    clientSecret: SLACK_CLIENT_SECRET,
    stateStore: new SingleUseStateStore(options.installations, SLACK_STATE_SECRET, installOptions),
    stateCookieExpirationSeconds: STATE_TTL_MS / 1000,
    installationStore: installations,
    installUrlOptions: installOptions,
    logger: options.boltLogger,
    clientOptions: { ...slackApi, timeout: 10_000 },
  });

  const lifecycle = new WorkspaceLifecycle(
    options.installations,
    installations,
    subscriptions,
    logger,
    now,
  );

  const authorize: Authorize<boolean> = async (source) => {
    const bot = await tokens.botFor({
      enterpriseId: source.enterpriseId ?? null,
      teamId: source.teamId ?? null,
      isEnterpriseInstall: source.isEnterpriseInstall,
    });
    if (!bot)
      throw new Error(`sakura-bot is not installed in ${source.teamId ?? source.enterpriseId}`);
    if (source.isEnterpriseInstall && source.teamId && source.enterpriseId)
      await lifecycle.seenInOrg(source.teamId, source.enterpriseId);
    return {
      botToken: bot.botToken,
      botId: bot.botId,
      botUserId: bot.botUserId,
      ...(bot.teamId ? { teamId: bot.teamId } : {}),
      ...(bot.enterpriseId ? { enterpriseId: bot.enterpriseId } : {}),
    };
  };

  return {
    authorize,
    clients,
    installations,
    tokens,
    mount: (routes) =>
      mountInstallRoutes(routes, {
        installer,
        installOptions,
        logger,
        installed: (teamId, enterpriseId) => lifecycle.installed(teamId, enterpriseId),
      }),
    uninstalled: (key) => lifecycle.uninstalled(key),
  };
}
