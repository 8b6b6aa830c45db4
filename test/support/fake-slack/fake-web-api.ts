import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeRateLimits, type FaultPlan, type RateLimitSettings } from './fake-faults.js';
import { FakeMessages } from './fake-messages.js';
import { FakeOAuth } from './fake-oauth.js';

export interface ApiCall {
  method: string;
  body: Record<string, unknown>;
  authorization: string | undefined;
}

/** What users.info says about a user. */
export interface FakeUser {
  /** The user's workspace; another workspace's token gets user_not_found. */
  teamId?: string;
  is_admin?: boolean;
  is_owner?: boolean;
  is_primary_owner?: boolean;
}

/** A file the bot uploaded: announced, its bytes sent to the upload URL, then completed. */
export interface FakeFile {
  id: string;
  filename: string;
  /** The length files.getUploadURLExternal was told. */
  length: number;
  /** The bytes posted to the upload URL, kept as sent. */
  data: Buffer | undefined;
  completed: boolean;
  title: string | undefined;
  /** Where completeUploadExternal shared it; undefined keeps it private to the app. */
  channelId: string | undefined;
  /** The workspace of the token that uploaded it: another workspace's messages cannot show it. */
  teamId: string;
  /** files.delete, or an admin (a test) deleted it: messages can no longer show it. */
  deleted: boolean;
}

export interface FakeWebApi {
  /** Base for SLACK_API_URL, e.g. `http://127.0.0.1:1234/api/`. */
  url: string;
  calls: ApiCall[];
  /** Files by id, as files.getUploadURLExternal / the upload URL / completeUploadExternal left them. */
  files: Map<string, FakeFile>;
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
  /** OAuth: codes, oauth.v2.access, tokens per workspace (unknown tokens act as FAKE_BOT's). */
  oauth: FakeOAuth;
  /** Calls of `method` so far. */
  count(method: string): number;
  /** Waits (bounded) until `method` has been called `n` times. */
  waitForCalls(method: string, n: number, timeoutMs?: number): Promise<void>;
  /** Cuts every held connection, as when the process that made them dies. */
  dropHeld(): void;
  close(): Promise<void>;
}

export const FAKE_BOT = { user_id: 'UBOT0001', bot_id: 'BBOT0001', team_id: 'T0001' };

/**
 * What Slack answers for a message whose image block shows a file it cannot: deleted, not
 * completed, or another workspace's (the text is Slack's own, as seen in the wild).
 */
function missingFile(
  body: Record<string, unknown>,
  files: Map<string, FakeFile>,
  teamId: string,
): Record<string, unknown> | undefined {
  if (typeof body.blocks !== 'string') return undefined;
  const blocks = JSON.parse(body.blocks) as { type?: string; slack_file?: { id?: string } }[];
  const index = blocks.findIndex((block) => {
    if (block.type !== 'image' || !block.slack_file) return false;
    const file = files.get(String(block.slack_file.id));
    return !file?.completed || file.deleted || file.teamId !== teamId;
  });
  if (index < 0) return undefined;
  const error = `invalid slack file [json-pointer:/blocks/${index}/slack_file]`;
  return {
    ok: false,
    error: 'invalid_blocks',
    errors: [error],
    response_metadata: { messages: [`[ERROR] ${error}`] },
  };
}

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

/** Slack's upload URL takes the bytes raw or as a multipart form's one file part. */
async function uploadedBytes(raw: Buffer, contentType: string | undefined): Promise<Buffer> {
  if (!contentType?.startsWith('multipart/form-data')) return raw;
  const form = await new Request('http://127.0.0.1/', {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: raw,
  }).formData();
  for (const value of form.values()) {
    if (typeof value !== 'string') return Buffer.from(await value.arrayBuffer());
  }
  return Buffer.alloc(0);
}

function reply(
  method: string,
  body: Record<string, unknown>,
  api: FakeWebApi,
  authorization: string | undefined,
) {
  if (api.reject) return { ok: false, error: api.reject };
  if (method === 'oauth.v2.access') return api.oauth.access(body);
  // A token the fake issued through OAuth belongs to its workspace; any other acts as FAKE_BOT.
  const token = api.oauth.check(authorization);
  if (token && 'error' in token) return { ok: false, error: token.error };
  const workspace = token ? api.oauth.workspaces.get(token.teamId) : undefined;
  const bot = workspace
    ? { user_id: workspace.botUserId, bot_id: workspace.botId, team_id: workspace.teamId }
    : FAKE_BOT;
  const channelTeam = api.oauth.channelTeams.get(String(body.channel));
  const channelError =
    api.channelErrors.get(String(body.channel)) ??
    (token && channelTeam && !api.oauth.covers(bot.team_id, channelTeam)
      ? 'channel_not_found'
      : undefined);
  switch (method) {
    case 'auth.test':
      return {
        ok: true,
        url: 'https://sakura-test.slack.com/',
        team: workspace?.teamName ?? 'Sakura Test',
        user: 'sakura-bot',
        ...bot,
      };
    case 'chat.postMessage': {
      if (channelError) return { ok: false, error: channelError };
      const refused = missingFile(body, api.files, bot.team_id);
      if (refused) return refused;
      const message = api.messages.post(body);
      return { ok: true, channel: message.channel, ts: message.ts };
    }
    case 'conversations.history':
      if (channelError && HISTORY_ERRORS.has(channelError))
        return { ok: false, error: channelError };
      return api.messages.history(body);
    case 'users.info': {
      const { teamId, ...user } = api.users.get(String(body.user)) ?? {};
      if (!api.users.has(String(body.user)) || (teamId && !api.oauth.covers(bot.team_id, teamId)))
        return { ok: false, error: 'user_not_found' };
      return {
        ok: true,
        user: { id: body.user, team_id: bot.team_id, is_admin: false, ...user },
      };
    }
    case 'files.getUploadURLExternal': {
      const id = `F${String(api.files.size + 1).padStart(8, '0')}`;
      api.files.set(id, {
        id,
        filename: String(body.filename),
        length: Number(body.length),
        data: undefined,
        completed: false,
        title: undefined,
        channelId: undefined,
        teamId: bot.team_id,
        deleted: false,
      });
      return {
        ok: true,
        upload_url: `${api.url.replace(/\/api\/$/, '')}/upload/${id}`,
        file_id: id,
      };
    }
    case 'files.completeUploadExternal': {
      const listed = JSON.parse(String(body.files ?? '[]')) as { id: string; title?: string }[];
      const done = [];
      for (const entry of listed) {
        const file = api.files.get(entry.id);
        // Slack refuses to complete a file whose bytes never arrived, or arrived short.
        if (!file?.data || file.data.length !== file.length)
          return { ok: false, error: 'file_upload_not_found' };
        file.completed = true;
        file.title = entry.title;
        file.channelId = typeof body.channel_id === 'string' ? body.channel_id : undefined;
        done.push({ id: file.id, name: file.filename, title: file.title, size: file.length });
      }
      return { ok: true, files: done };
    }
    case 'files.delete': {
      const file = api.files.get(String(body.file));
      if (!file || file.deleted || file.teamId !== bot.team_id)
        return { ok: false, error: 'file_not_found' };
      file.deleted = true;
      return { ok: true };
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
 * chat.postMessage, conversations.history, users.info, apps.connections.open, and the upload
 * of a file: files.getUploadURLExternal, its upload URL, files.completeUploadExternal, and
 * files.delete), refuses a message showing a file it does not have, records every
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
    const upload = /^\/upload\/(F\d+)$/.exec(req.url ?? '');
    if (upload) {
      // The upload URL files.getUploadURLExternal handed out: the file's bytes, kept as sent.
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const file = api.files.get(upload[1] ?? '');
      if (!file) {
        res.writeHead(404).end();
        return;
      }
      file.data = await uploadedBytes(Buffer.concat(chunks), req.headers['content-type']);
      res.writeHead(200, { 'content-type': 'text/plain' }).end(`OK - ${file.data.length}`);
      return;
    }
    const method = new URL(req.url ?? '/', 'http://127.0.0.1').pathname.replace(/^\/api\//, '');
    const body = await readBody(req);
    api.calls.push({ method, body, authorization: req.headers.authorization });
    const attemptKey = `${method}|${String(body.channel ?? body.user ?? '')}`;
    const attempt = (attempts.get(attemptKey) ?? 0) + 1;
    attempts.set(attemptKey, attempt);
    const fault = api.faults?.({ method, body, attempt });
    const answer = () => reply(method, body, api, req.headers.authorization);

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
      // The calling token's team: an OAuth-issued token's workspace, any other FAKE_BOT's.
      const token = api.oauth.check(req.headers.authorization);
      const team = token && 'teamId' in token ? token.teamId : FAKE_BOT.team_id;
      const retryAfter = api.rateLimits.admit(team, String(body.channel), performance.now());
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
    files: new Map(),
    socketUrl: undefined,
    reject: undefined,
    now: Date.now,
    messages: new FakeMessages(() => api.now()),
    users: new Map(),
    channelErrors: new Map(),
    faults: undefined,
    limits: {},
    rateLimits: new FakeRateLimits(() => api.limits),
    oauth: new FakeOAuth(() => api.now()),
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
