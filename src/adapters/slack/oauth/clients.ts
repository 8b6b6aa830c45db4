import { type Logger as BoltLogger, webApi } from '@slack/bolt';
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
}

/** Single-workspace mode: SLACK_BOT_TOKEN's client serves every channel. */
export function singleClient(client: webApi.WebClient): SlackClients {
  return { perWorkspace: false, forTeam: async () => client };
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
  readonly #clients = new Map<string, { token: string; client: webApi.WebClient }>();

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
    this.#clients.delete(teamId);
    this.#clients.set(teamId, { token: bot.botToken, client });
    if (this.#clients.size > MAX_CLIENTS) {
      const oldest = this.#clients.keys().next();
      if (!oldest.done) this.#clients.delete(oldest.value);
    }
    return client;
  }
}
