import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeRateLimits, type FaultPlan, type RateLimitSettings } from './fake-faults.js';
import { FakeMessages } from './fake-messages.js';

export interface ApiCall {
  method: string;
  body: Record<string, unknown>;
  authorization: string | undefined;
}

/** What users.info says about a user. */
export interface FakeUser {
  is_admin?: boolean;
  is_owner?: boolean;
  is_primary_owner?: boolean;
}

export interface FakeWebApi {
  /** Base for SLACK_API_URL, e.g. `http://127.0.0.1:1234/api/`. */
  url: string;
  calls: ApiCall[];
  /** The WebSocket URL `apps.connections.open` hands out (Socket Mode tests set it). */
  socketUrl: string | undefined;
  /** When set, every call fails with this Slack error code (e.g. `invalid_auth`). */
  reject: string | undefined;
  /** Slack's clock, for message `ts`; tests with an injected clock hand theirs in. */
  now: () => number;
  messages: FakeMessages;
  /** users.info answers; anyone else is `user_not_found`. */
  users: Map<string, FakeUser>;
  /** chat.postMessage (and, where Slack would, conversations.history) fail here with this code. */
  channelErrors: Map<string, string>;
  /** Decides a fault per call; undefined answers normally. */
  faults: FaultPlan | undefined;
  /** chat.postMessage limits, off unless set. */
  limits: RateLimitSettings;
  rateLimits: FakeRateLimits;
  /** Calls of `method` so far. */
  count(method: string): number;
  /** Waits (bounded) until `method` has been called `n` times. */
  waitForCalls(method: string, n: number, timeoutMs?: number): Promise<void>;
  /** Cuts every held connection, as when the process that made them dies. */
  dropHeld(): void;
  close(): Promise<void>;
}

export const FAKE_BOT = { user_id: 'UBOT0001', bot_id: 'BBOT0001', team_id: 'T0001' };

/** The errors conversations.history shares with chat.postMessage for a channel. */
const HISTORY_ERRORS = new Set(['channel_not_found', 'not_in_channel']);

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return {};
  if (req.headers['content-type']?.startsWith('application/json')) {
    return JSON.parse(text) as Record<string, unknown>;
  }
  return Object.fromEntries(new URLSearchParams(text));
}

function reply(method: string, body: Record<string, unknown>, api: FakeWebApi) {
  if (api.reject) return { ok: false, error: api.reject };
  const channelError = api.channelErrors.get(String(body.channel));
  switch (method) {
    case 'auth.test':
      return {
        ok: true,
        url: 'https://sakura-test.slack.com/',
        team: 'Sakura Test',
        user: 'sakura-bot',
        ...FAKE_BOT,
      };
    case 'chat.postMessage': {
      if (channelError) return { ok: false, error: channelError };
      const message = api.messages.post(body);
      return { ok: true, channel: message.channel, ts: message.ts };
    }
    case 'conversations.history':
      if (channelError && HISTORY_ERRORS.has(channelError))
        return { ok: false, error: channelError };
      return api.messages.history(body);
    case 'users.info': {
      const user = api.users.get(String(body.user));
      if (!user) return { ok: false, error: 'user_not_found' };
      return {
        ok: true,
        user: { id: body.user, team_id: FAKE_BOT.team_id, is_admin: false, ...user },
      };
    }
    case 'apps.connections.open':
      return api.socketUrl
        ? { ok: true, url: api.socketUrl }
        : { ok: false, error: 'not_configured' };
    default:
      return { ok: true };
  }
}

function sendJson(res: ServerResponse, status: number, json: unknown, headers = {}): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(json));
}

/**
 * A stand-in for Slack's Web API on 127.0.0.1: answers what the bot calls (auth.test,
 * chat.postMessage, conversations.history, users.info, apps.connections.open), records every
 * call, keeps the messages posted per channel, and injects faults and rate limits on demand.
 */
export async function startFakeWebApi(): Promise<FakeWebApi> {
  const held = new Set<ServerResponse>();
  const timers = new Set<NodeJS.Timeout>();
  const attempts = new Map<string, number>();
  const later = (ms: number, fn: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  };

  const server: Server = createServer(async (req, res) => {
    const method = new URL(req.url ?? '/', 'http://127.0.0.1').pathname.replace(/^\/api\//, '');
    const body = await readBody(req);
    api.calls.push({ method, body, authorization: req.headers.authorization });
    const attemptKey = `${method}|${String(body.channel ?? body.user ?? '')}`;
    const attempt = (attempts.get(attemptKey) ?? 0) + 1;
    attempts.set(attemptKey, attempt);
    const fault = api.faults?.({ method, body, attempt });
    const answer = () => reply(method, body, api);

    switch (fault?.kind) {
      case 'status':
        res.writeHead(fault.status, { 'content-type': 'text/plain' });
        res.end('Internal Server Error');
        return;
      case 'ratelimited':
        sendJson(
          res,
          429,
          { ok: false, error: 'ratelimited' },
          {
            'retry-after': String(fault.retryAfterSeconds),
          },
        );
        return;
      case 'error':
        sendJson(res, 200, { ok: false, error: fault.error });
        return;
      case 'slow':
        later(fault.delayMs, () => sendJson(res, 200, answer()));
        return;
      case 'reset':
        if (fault.landed) answer();
        res.destroy();
        return;
      case 'timeout': {
        const result = fault.landed ? answer() : undefined;
        held.add(res);
        if (fault.holdMs !== undefined) {
          later(fault.holdMs, () => {
            held.delete(res);
            if (result) sendJson(res, 200, result);
            else res.destroy();
          });
        }
        return;
      }
      default:
        break;
    }
    if (method === 'chat.postMessage' && !api.reject) {
      const retryAfter = api.rateLimits.admit(String(body.channel), performance.now());
      if (retryAfter !== undefined) {
        sendJson(
          res,
          429,
          { ok: false, error: 'ratelimited' },
          {
            'retry-after': String(retryAfter),
          },
        );
        return;
      }
    }
    sendJson(res, 200, answer());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const api: FakeWebApi = {
    url: `http://127.0.0.1:${port}/api/`,
    calls: [],
    socketUrl: undefined,
    reject: undefined,
    now: Date.now,
    messages: new FakeMessages(() => api.now()),
    users: new Map(),
    channelErrors: new Map(),
    faults: undefined,
    limits: {},
    rateLimits: new FakeRateLimits(() => api.limits),
    count: (method) => api.calls.filter((call) => call.method === method).length,
    async waitForCalls(method, n, timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      while (api.count(method) < n) {
        if (Date.now() > deadline) {
          throw new Error(`${method} called ${api.count(method)} times, expected ${n}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
    dropHeld() {
      for (const res of held) res.destroy();
      held.clear();
    },
    close: () =>
      new Promise((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        api.dropHeld();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return api;
}
