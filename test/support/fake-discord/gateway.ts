import { EventEmitter } from 'node:events';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import { communityGuild } from './community-guild.js';
import { type FakeUser, guildCreate } from './payloads.js';
import { snowflake } from './snowflake.js';

/** Gateway v10 opcodes the fake speaks. */
export const Op = {
  Dispatch: 0,
  Heartbeat: 1,
  Identify: 2,
  Resume: 6,
  Reconnect: 7,
  InvalidSession: 9,
  Hello: 10,
  HeartbeatAck: 11,
} as const;

interface Payload {
  op: number;
  d?: unknown;
  s?: number | null;
  t?: string | null;
}

interface Session {
  id: string;
  /** [shard id, shard count] from IDENTIFY; [0, 1] when the bot does not shard. */
  shard: [number, number];
  seq: number;
  /** Sent events, for replay on RESUME; bounded like Discord's own buffer. */
  sent: Payload[];
  socket: WebSocket | undefined;
}

const REPLAY_BUFFER = 2000;

/** Gateway intent bit 0: servers, their channels and roles (GUILD_CREATE and friends). */
const GUILDS_INTENT = 1;

export interface GatewaySettings {
  token: string;
  applicationId: string;
  guildId: string;
  channelId: string;
  botUser: FakeUser;
  heartbeatIntervalMs: number;
  /** ws://127.0.0.1:port, sent as resume_gateway_url so a resume comes back here. */
  url: () => string;
  /** More servers the bot is in besides the fake's own, each a typical community server. */
  extraGuilds: number;
}

export interface GatewayLog {
  connections: number;
  identifies: { intents: number; shard: unknown }[];
  /** performance.now() of each IDENTIFY, in the same order. */
  identifiedAt: number[];
  /** GUILD_CREATE events sent (only to sessions with the Guilds intent, as on Discord). */
  guildCreates: number;
  resumes: number;
  heartbeats: number;
  /** Every payload the bot sent, in order. */
  received: Payload[];
  /** Query strings the bot connected with (v, encoding, compress). */
  queries: string[];
}

/** Discord's rule: a guild's events go to shard (guild_id >> 22) % shard count. */
export function shardOf(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

/**
 * A v10 JSON gateway: HELLO, IDENTIFY -> READY + GUILD_CREATE, heartbeats ACKed, RESUME with
 * replay of missed events, INTERACTION_CREATE on demand, and a socket that can be dropped.
 * Several sessions may be open at once (two bot processes, as Discord allows). A sharded
 * session (IDENTIFY with `shard: [id, count]`, count > 1) gets only its own guilds' events, as
 * on Discord; otherwise dispatches go to the session identified last, as interactions go to
 * one of an unsharded bot's sessions on Discord.
 */
export class FakeGateway extends EventEmitter {
  readonly log: GatewayLog = {
    connections: 0,
    identifies: [],
    identifiedAt: [],
    guildCreates: 0,
    resumes: 0,
    heartbeats: 0,
    received: [],
    queries: [],
  };
  readonly #wss = new WebSocketServer({ noServer: true });
  readonly #settings: GatewaySettings;
  readonly #extraGuildIds: string[];
  readonly #sessions = new Map<string, Session>();
  /** The session identified last: where dispatches go. */
  #session: Session | undefined;

  constructor(settings: GatewaySettings) {
    super();
    this.#settings = settings;
    // One millisecond apart: snowflake()'s counter alone would repeat after 4,096 in one millisecond.
    const now = Date.now();
    this.#extraGuildIds = Array.from({ length: settings.extraGuilds }, (_, i) =>
      snowflake(now - i),
    );
    this.#wss.on('connection', (socket, request) => this.#connected(socket, request));
  }

  upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.#wss.handleUpgrade(request, socket, head, (ws) =>
      this.#wss.emit('connection', ws, request),
    );
  }

  /** True when a session is identified and its socket is open. */
  get connected(): boolean {
    return this.#session?.socket?.readyState === 1;
  }

  /** Sends a dispatch to the session; while its socket is down the event waits for a RESUME. */
  dispatch(type: string, data: unknown): void {
    const session = this.#sessionFor(data);
    if (!session) throw new Error('no gateway session: the bot has not identified');
    this.#dispatchTo(session, type, data);
  }

  /** The session that owns the event's guild when the bot shards; else the last identified. */
  #sessionFor(data: unknown): Session | undefined {
    const guildId = (data as { guild_id?: string } | undefined)?.guild_id;
    const last = this.#session;
    if (!guildId || !last || last.shard[1] <= 1) return last;
    const shard = shardOf(guildId, last.shard[1]);
    return [...this.#sessions.values()].reverse().find((s) => s.shard[0] === shard);
  }

  #dispatchTo(session: Session, type: string, data: unknown): void {
    if (type === 'GUILD_CREATE') this.log.guildCreates += 1;
    session.seq += 1;
    const payload: Payload = { op: Op.Dispatch, t: type, s: session.seq, d: data };
    session.sent.push(payload);
    if (session.sent.length > REPLAY_BUFFER) session.sent.shift();
    if (session.socket?.readyState === 1) session.socket.send(JSON.stringify(payload));
  }

  /**
   * Drops every open connection: `terminate` cuts the TCP socket (as a network fault does), a
   * number closes with that code. The session stays resumable unless invalidated.
   */
  drop(how: 'terminate' | number = 'terminate'): void {
    for (const socket of this.#wss.clients) {
      if (how === 'terminate') socket.terminate();
      else socket.close(how, 'fake gateway closed the connection');
    }
  }

  /** Forgets the sessions, so the next RESUME is refused and the bot must IDENTIFY again. */
  invalidateSession(): void {
    this.#sessions.clear();
    this.#session = undefined;
  }

  close(): void {
    for (const client of this.#wss.clients) client.terminate();
    this.#wss.close();
  }

  #connected(socket: WebSocket, request: IncomingMessage): void {
    this.log.connections += 1;
    const query = new URL(request.url ?? '/', 'ws://127.0.0.1').searchParams;
    this.log.queries.push(query.toString());
    if (query.get('v') !== '10') {
      socket.close(4012, 'Invalid API version');
      return;
    }
    if (query.get('encoding') !== 'json') {
      socket.close(4002, 'Decode error');
      return;
    }
    if (query.has('compress')) {
      socket.close(4002, 'The fake speaks uncompressed JSON only');
      return;
    }
    const send = (payload: Payload) => socket.send(JSON.stringify(payload));
    send({ op: Op.Hello, d: { heartbeat_interval: this.#settings.heartbeatIntervalMs } });
    socket.on('message', (raw) => {
      let payload: Payload;
      try {
        payload = JSON.parse(raw.toString()) as Payload;
      } catch {
        socket.close(4002, 'Decode error');
        return;
      }
      this.log.received.push(payload);
      this.#onPayload(socket, payload, send);
    });
    socket.on('close', () => {
      for (const session of this.#sessions.values()) {
        if (session.socket === socket) session.socket = undefined;
      }
      this.emit('disconnected');
    });
  }

  #onPayload(socket: WebSocket, payload: Payload, send: (p: Payload) => void): void {
    switch (payload.op) {
      case Op.Heartbeat:
        this.log.heartbeats += 1;
        send({ op: Op.HeartbeatAck });
        return;
      case Op.Identify:
        this.#identify(socket, payload.d as IdentifyData);
        return;
      case Op.Resume:
        this.#resume(socket, payload.d as ResumeData, send);
        return;
      default:
        // Presence and voice updates are accepted and ignored, as Discord would for this bot.
        return;
    }
  }

  #identify(socket: WebSocket, data: IdentifyData): void {
    if (data.token !== this.#settings.token) {
      socket.close(4004, 'Authentication failed');
      return;
    }
    this.log.identifies.push({ intents: data.intents, shard: data.shard });
    this.log.identifiedAt.push(performance.now());
    const shard = data.shard ?? [0, 1];
    const session: Session = { id: snowflake(), shard, seq: 0, sent: [], socket };
    this.#sessions.set(session.id, session);
    this.#session = session;
    const { applicationId, guildId, channelId, botUser } = this.#settings;
    const owned = [guildId, ...this.#extraGuildIds].filter(
      (id) => shardOf(id, shard[1]) === shard[0],
    );
    const ownsGuild = owned.includes(guildId);
    this.#dispatchTo(session, 'READY', {
      v: 10,
      user: botUser,
      guilds: owned.map((id) => ({ id, unavailable: true })),
      session_id: session.id,
      resume_gateway_url: this.#settings.url(),
      shard,
      application: { id: applicationId, flags: 0 },
    });
    // GUILD_CREATE belongs to the Guilds intent: without it READY's servers stay unavailable.
    if ((data.intents & GUILDS_INTENT) !== 0) {
      if (ownsGuild)
        this.#dispatchTo(session, 'GUILD_CREATE', guildCreate(guildId, channelId, botUser));
      // Built one at a time as sent, so the fake's own memory stays flat however many there are.
      for (const id of owned.filter((id) => id !== guildId)) {
        this.#dispatchTo(session, 'GUILD_CREATE', communityGuild(id, botUser));
      }
    }
    this.emit('identified');
  }

  #resume(socket: WebSocket, data: ResumeData, send: (p: Payload) => void): void {
    const session = this.#sessions.get(data.session_id);
    if (data.token !== this.#settings.token) {
      socket.close(4004, 'Authentication failed');
      return;
    }
    if (!session) {
      send({ op: Op.InvalidSession, d: false });
      return;
    }
    this.log.resumes += 1;
    session.socket = socket;
    for (const missed of session.sent.filter((p) => (p.s ?? 0) > data.seq)) {
      socket.send(JSON.stringify(missed));
    }
    this.#dispatchTo(session, 'RESUMED', {});
    this.emit('resumed');
  }
}

interface IdentifyData {
  token: string;
  intents: number;
  shard?: [number, number];
}

interface ResumeData {
  token: string;
  session_id: string;
  seq: number;
}
