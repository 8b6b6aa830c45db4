import { type Logger as BoltLogger, webApi } from '@slack/bolt';
import { LRUCache } from 'lru-cache';
import type { TeamTokens } from './team-tokens.js';

/**
 * Where the digest poster and the admin check get a Web API client for a workspace: the one
 * bot token's client, or (OAuth mode) that workspace's own.
 */
export interface SlackClients {
  /** True when each workspace has its own token (OAuth mode). */
  readonly perWorkspace: boolean;
  /** The team's client; undefined when the app is not installed there. */
  forTeam(teamId: string | null): Promise<webApi.WebClient | undefined>;
  /**
   * The one bot token's workspace (single-token mode), asked of Slack once (auth.test) for
   * everything that needs it: configured channels' workspace, the key of remembered chart
   * uploads. Undefined in OAuth mode. Rejects when Slack cannot say; asked again next time.
   */
  tokenWorkspace(): Promise<string | undefined>;
}

/** Single-workspace mode: SLACK_BOT_TOKEN's client serves every channel. */
export function singleClient(client: webApi.WebClient): SlackClients {
  let workspace: Promise<string | undefined> | undefined;
  return {
    perWorkspace: false,
    forTeam: async () => client,
    tokenWorkspace() {
      workspace ??= client.auth.test().then(
        ({ team_id }) => team_id || undefined,
        (error: unknown) => {
          workspace = undefined;
          throw error;
        },
      );
      return workspace;
    },
  };
}

/** Clients kept at once; one per workspace that posts or asks, replaced when its token rotates. */
const MAX_CLIENTS = 1_000;

/**
 * OAuth mode: a client per workspace, built with that workspace's (refreshed) bot token and the
 * same options as the single-token client, so a post for one team can never carry another's
 * token.
 */
export class TeamClients implements SlackClients {
  readonly perWorkspace = true;
  readonly #clients = new LRUCache<string, { token: string; client: webApi.WebClient }>({
    max: MAX_CLIENTS,
  });

  constructor(
    private readonly tokens: TeamTokens,
    private readonly options: webApi.WebClientOptions & { logger?: BoltLogger },
    private readonly onClient?: (client: webApi.WebClient) => void,
  ) {}

  async forTeam(teamId: string | null): Promise<webApi.WebClient | undefined> {
    if (teamId === null) return undefined;
    const bot = await this.tokens.botForTeam(teamId);
    if (!bot) return undefined;
    const cached = this.#clients.get(teamId);
    if (cached?.token === bot.botToken) return cached.client;
    const client = new webApi.WebClient(bot.botToken, this.options);
    this.onClient?.(client);
    this.#clients.set(teamId, { token: bot.botToken, client });
    return client;
  }

  /** Each workspace has its own token: no one token's workspace. */
  async tokenWorkspace(): Promise<undefined> {
    return undefined;
  }
}
