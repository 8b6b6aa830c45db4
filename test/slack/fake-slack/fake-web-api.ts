import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ApiCall {
  method: string;
  body: Record<string, unknown>;
  authorization: string | undefined;
}

export interface FakeWebApi {
  /** Base for SLACK_API_URL, e.g. `http://127.0.0.1:1234/api/`. */
  url: string;
  calls: ApiCall[];
  /** The WebSocket URL `apps.connections.open` hands out (Socket Mode tests set it). */
  socketUrl: string | undefined;
  /** When set, every call fails with this Slack error code (e.g. `invalid_auth`). */
  reject: string | undefined;
  close(): Promise<void>;
}

export const FAKE_BOT = { user_id: 'UBOT0001', bot_id: 'BBOT0001', team_id: 'T0001' };

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

function reply(method: string, api: FakeWebApi): Record<string, unknown> {
  if (api.reject) return { ok: false, error: api.reject };
  switch (method) {
    case 'auth.test':
      return {
        ok: true,
        url: 'https://sakura-test.slack.com/',
        team: 'Sakura Test',
        user: 'sakura-bot',
        ...FAKE_BOT,
      };
    case 'chat.postMessage':
      return { ok: true, channel: 'C0001', ts: `${Date.now() / 1000}` };
    case 'apps.connections.open':
      return api.socketUrl
        ? { ok: true, url: api.socketUrl }
        : { ok: false, error: 'not_configured' };
    default:
      return { ok: true };
  }
}

/**
 * A stand-in for Slack's Web API on 127.0.0.1: answers what the bot calls (auth.test at start,
 * chat.postMessage, apps.connections.open for Socket Mode) and records every call.
 */
export async function startFakeWebApi(): Promise<FakeWebApi> {
  const server: Server = createServer(async (req, res) => {
    const method = new URL(req.url ?? '/', 'http://127.0.0.1').pathname.replace(/^\/api\//, '');
    const body = await readBody(req);
    api.calls.push({ method, body, authorization: req.headers.authorization });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(reply(method, api)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const api: FakeWebApi = {
    url: `http://127.0.0.1:${port}/api/`,
    calls: [],
    socketUrl: undefined,
    reject: undefined,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return api;
}
