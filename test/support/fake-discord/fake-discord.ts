import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type FakeChannels, GlobalLimit } from './channels.js';
import { FakeGateway, shardOf } from './gateway.js';
import {
  type FakeUser,
  type InteractionIds,
  type InteractionRequest,
  interactionCreate,
  user,
} from './payloads.js';
import { handleRest, restRoutes } from './rest.js';
import { snowflake } from './snowflake.js';
import { FakeState, type RecordedRequest } from './state.js';

export type { MessageFault, MessagePost, Refusal, StoredMessage } from './channels.js';
export type { InteractionRequest } from './payloads.js';
export { MANAGER_PERMISSIONS, MEMBER_PERMISSIONS } from './payloads.js';
export type { RecordedRequest } from './state.js';

export interface FakeDiscordOptions {
  /** The bot token the fake accepts (REST `Bot <token>` and gateway IDENTIFY). */
  token?: string;
  applicationId?: string;
  heartbeatIntervalMs?: number;
  /** Keep every request for inspection (tests); the bench turns it off to stay flat. */
  keepRequests?: boolean;
  /** Enforce Discord's global limit (50 on Discord) on bot-token requests, with global 429s. */
  globalLimitPerSecond?: number;
  /** Typical community servers the bot is in besides the fake's own (READY + GUILD_CREATE). */
  extraGuilds?: number;
  /** What GET /gateway/bot recommends: shard count and identifies allowed at once (default 1, 1). */
  gatewayBot?: { shards: number; maxConcurrency: number };
}

export interface SentInteraction extends InteractionIds {
  /** performance.now() when INTERACTION_CREATE was written to the socket. */
  sentAt: number;
  /** The bot's POST to /interactions/:id/:token/callback. */
  callback: Promise<RecordedRequest>;
}

const DEFAULT_WAIT_MS = 10_000;

/**
 * Discord's far end on 127.0.0.1: REST under `/api/v10` and a v10 gateway on the same port.
 * The real discord.js client reaches it through `DISCORD_API_URL` = `apiUrl` and discovers the
 * gateway through `GET /gateway/bot`, as it does with Discord.
 */
export class FakeDiscord {
  readonly token: string;
  readonly applicationId: string;
  readonly guildId = snowflake();
  readonly channelId = snowflake();
  readonly botUser: FakeUser;
  readonly asker: FakeUser = user(snowflake(), 'asker');
  readonly gateway: FakeGateway;
  readonly state: FakeState;
  readonly #server: Server;
  #port = 0;

  private constructor(options: FakeDiscordOptions) {
    this.token = options.token ?? 'fake-bot-token-0123456789abcdefghijkl';
    this.applicationId = options.applicationId ?? '111111111111111111';
    this.botUser = user(this.applicationId, 'sakura-bot', true);
    const settings = {
      token: this.token,
      applicationId: this.applicationId,
      guildId: this.guildId,
      channelId: this.channelId,
      botUser: this.botUser,
    };
    this.state = new FakeState(settings, () => this.gatewayUrl, options.keepRequests ?? true);
    this.state.gatewayBot = options.gatewayBot ?? { shards: 1, maxConcurrency: 1 };
    if (options.globalLimitPerSecond !== undefined) {
      this.state.globalLimit = new GlobalLimit(options.globalLimitPerSecond);
    }
    this.gateway = new FakeGateway({
      ...settings,
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250,
      extraGuilds: options.extraGuilds ?? 0,
      url: () => this.gatewayUrl,
    });
    const routes = restRoutes(this.state);
    this.#server = createServer((request, response) => {
      handleRest(this.state, routes, request, response).catch((error: unknown) => {
        response.writeHead(500).end(String(error));
      });
    });
    this.#server.on('upgrade', (request, socket, head) =>
      this.gateway.upgrade(request, socket, head),
    );
  }

  static async start(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
    const fake = new FakeDiscord(options);
    fake.#server.listen(0, '127.0.0.1');
    await once(fake.#server, 'listening');
    fake.#port = (fake.#server.address() as AddressInfo).port;
    return fake;
  }

  /** What DISCORD_API_URL is set to. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.#port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.#port}`;
  }

  get requests(): readonly RecordedRequest[] {
    return this.state.requests;
  }

  /** Channel messages: what the bot posted, refusals and fault injection. */
  get channels(): FakeChannels {
    return this.state.channels;
  }

  /** Requests the global limit turned away with a 429. */
  get globalLimited(): number {
    return this.state.globalLimit?.limited ?? 0;
  }

  /** When the global limit let each request through and turned each away (performance.now()). */
  get globalTimeline(): { admittedAt: readonly number[]; limitedAt: readonly number[] } {
    const limit = this.state.globalLimit;
    return { admittedAt: limit?.admittedAt ?? [], limitedAt: limit?.limitedAt ?? [] };
  }

  /** The environment that points the built bot at this fake. */
  env(): Record<string, string> {
    return {
      DISCORD_TOKEN: this.token,
      DISCORD_APPLICATION_ID: this.applicationId,
      DISCORD_API_URL: this.apiUrl,
    };
  }

  /** The registered commands in one scope: `global` or a guild id. */
  registered(scope = 'global'): Record<string, unknown>[] | undefined {
    return this.state.commands.get(scope === 'global' ? 'global' : `guild:${scope}`);
  }

  #interaction(request: InteractionRequest, ids: InteractionIds) {
    const context = {
      applicationId: this.applicationId,
      guildId: this.guildId,
      channelId: this.channelId,
      commandId: this.state.commandIds.get(request.command ?? 'sakura') ?? snowflake(),
    };
    return interactionCreate(request, ids, context, this.asker);
  }

  /** Sends INTERACTION_CREATE for `/sakura <sub>` as the asker would trigger it. */
  interact(request: InteractionRequest): SentInteraction {
    const ids = { id: snowflake(), token: `tok-${snowflake()}` };
    this.state.interactions.set(ids.token, { ...ids, acknowledged: false });
    const callback = new Promise<RecordedRequest>((resolve) =>
      this.state.callbackWaiters.set(ids.id, resolve),
    );
    const sentAt = performance.now();
    this.gateway.dispatch('INTERACTION_CREATE', this.#interaction(request, ids));
    return { ...ids, sentAt, callback };
  }

  /**
   * The interaction JSON Discord would POST to an HTTP interactions endpoint. Its webhook is
   * known (for edits and follow-ups) and counts as acknowledged: over HTTP the first response
   * is the reply to Discord's own request, never a callback to the fake.
   */
  httpInteraction(request: InteractionRequest): InteractionIds & { payload: unknown } {
    const ids = { id: snowflake(), token: `tok-${snowflake()}` };
    this.state.interactions.set(ids.token, { ...ids, acknowledged: true });
    return { ...ids, payload: this.#interaction(request, ids) };
  }

  /** A guild id Discord would route to `shard` of `shardCount` ((id >> 22) % count). */
  guildOnShard(shard: number, shardCount: number): string {
    // One id in `shardCount` consecutive milliseconds lands on each shard.
    for (let at = Date.now(), tries = 0; tries < shardCount * 10; at -= 1, tries += 1) {
      const id = snowflake(at);
      if (shardOf(id, shardCount) === shard) return id;
    }
    throw new Error(`no guild id found for shard ${shard} of ${shardCount}`);
  }

  /** The interaction's callback body, or a rejection after `timeoutMs` (no test waits forever). */
  async ask(request: InteractionRequest, timeoutMs = DEFAULT_WAIT_MS): Promise<RecordedRequest> {
    const sent = this.interact(request);
    return this.waitFor((r) => r.path.startsWith(`/interactions/${sent.id}/`), timeoutMs);
  }

  /** Makes Discord refuse the next matching request, e.g. `{ status: 400, body: { code: 50035 } }`. */
  failNext(match: (r: RecordedRequest) => boolean, reply: { status: number; body?: unknown }) {
    this.state.failNext(match, reply);
  }

  waitFor(match: (r: RecordedRequest) => boolean, timeoutMs = DEFAULT_WAIT_MS) {
    return this.state.waitFor(match, timeoutMs);
  }

  /** Every request the bot made about one interaction: its callback and webhook calls. */
  exchange(sent: InteractionIds): RecordedRequest[] {
    return this.requests.filter(
      (r) => r.path.includes(`/${sent.token}/`) || r.path.endsWith(`/${sent.token}`),
    );
  }

  /** Resolves once the gateway sees `event` (`identified`, `resumed`, `disconnected`). */
  async next(event: 'identified' | 'resumed' | 'disconnected', timeoutMs = DEFAULT_WAIT_MS) {
    await once(this.gateway, event, { signal: AbortSignal.timeout(timeoutMs) });
  }

  async close(): Promise<void> {
    this.channels.releaseHeld();
    this.gateway.close();
    this.#server.closeAllConnections();
    this.#server.close();
    await once(this.#server, 'close');
  }
}
