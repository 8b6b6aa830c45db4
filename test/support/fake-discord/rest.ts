import type { IncomingMessage, ServerResponse } from 'node:http';
import { message } from './payloads.js';
import { snowflake } from './snowflake.js';
import type { FakeState, RecordedFile, RecordedRequest } from './state.js';

const API_PREFIX = /^\/api\/v10(?=\/)/;

type Reply = { status: number; body?: unknown; headers?: Record<string, string> };
type Handler = (request: RecordedRequest, params: string[]) => Reply | Promise<Reply>;

const notFound: Reply = { status: 404, body: { message: '404: Not Found', code: 0 } };
const unauthorized: Reply = { status: 401, body: { message: '401: Unauthorized', code: 0 } };

/** Discord omits the localization dictionaries unless `with_localizations=true` is asked for. */
function withoutLocalizations(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutLocalizations);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !key.endsWith('_localizations'))
      .map(([key, v]) => [key, withoutLocalizations(v)]),
  );
}

/** The REST routes the bot uses, each answering the way Discord does. */
export function restRoutes(state: FakeState): [string, RegExp, Handler, boolean][] {
  const { settings } = state;
  const authed = true;
  const open = false;

  const listCommands = (scope: string) => (request: RecordedRequest) => {
    const list = state.commands.get(scope) ?? [];
    const body = request.query.with_localizations === 'true' ? list : withoutLocalizations(list);
    return { status: 200, body };
  };
  const putCommands = (scope: string, guildId?: string) => (request: RecordedRequest) => {
    if (!Array.isArray(request.body))
      return { status: 400, body: { message: 'Invalid Form Body' } };
    const stored = request.body.map(
      (command: Record<string, unknown>): Record<string, unknown> => ({
        id: state.commandIds.get(String(command.name)) ?? snowflake(),
        application_id: settings.applicationId,
        version: snowflake(),
        default_member_permissions: null,
        type: 1,
        nsfw: false,
        ...(guildId ? { guild_id: guildId } : {}),
        ...command,
      }),
    );
    for (const command of stored) state.commandIds.set(String(command.name), String(command.id));
    state.commands.set(scope, stored);
    return { status: 200, body: stored };
  };
  const interaction = (token: string) => state.interactions.get(token);
  const webhookMessage = (token: string, request: RecordedRequest): Reply => {
    const known = interaction(token);
    if (!known?.acknowledged)
      return { status: 404, body: { message: 'Unknown Webhook', code: 10015 } };
    const body = (request.body ?? {}) as Record<string, unknown>;
    return {
      status: 200,
      body: message(body, settings.channelId, settings.botUser, settings.applicationId),
    };
  };

  const app = settings.applicationId;
  return [
    [
      'GET',
      /^\/gateway\/bot$/,
      () => ({
        status: 200,
        body: {
          url: state.gatewayUrl(),
          shards: state.gatewayBot.shards,
          session_start_limit: {
            total: 1000,
            remaining: 999,
            reset_after: 86_400_000,
            max_concurrency: state.gatewayBot.maxConcurrency,
          },
        },
      }),
      authed,
    ],
    ['GET', /^\/users\/@me$/, () => ({ status: 200, body: settings.botUser }), authed],
    ['GET', new RegExp(`^/applications/${app}/commands$`), listCommands('global'), authed],
    ['PUT', new RegExp(`^/applications/${app}/commands$`), putCommands('global'), authed],
    [
      'GET',
      new RegExp(`^/applications/${app}/guilds/(\\d+)/commands$`),
      (request, [guild]) => listCommands(`guild:${guild}`)(request),
      authed,
    ],
    [
      'PUT',
      new RegExp(`^/applications/${app}/guilds/(\\d+)/commands$`),
      (request, [guild]) => putCommands(`guild:${guild}`, guild)(request),
      authed,
    ],
    [
      'POST',
      /^\/interactions\/(\d+)\/([^/]+)\/callback$/,
      (request, [id, token]) => {
        const known = interaction(token ?? '');
        if (!known || known.id !== id) {
          return { status: 404, body: { message: 'Unknown interaction', code: 10062 } };
        }
        if (known.acknowledged) {
          return {
            status: 400,
            body: { message: 'Interaction has already been acknowledged.', code: 40060 },
          };
        }
        known.acknowledged = true;
        if (request.query.with_response !== 'true') return { status: 204 };
        return {
          status: 200,
          body: {
            interaction: { id, type: 2, response_message_loading: false },
            resource: { type: (request.body as { type?: number } | undefined)?.type ?? 4 },
          },
        };
      },
      open,
    ],
    [
      'POST',
      new RegExp(`^/webhooks/${app}/([^/]+)$`),
      (request, [token]) => webhookMessage(token ?? '', request),
      open,
    ],
    [
      'GET',
      new RegExp(`^/webhooks/${app}/([^/]+)/messages/@original$`),
      (request, [token]) => webhookMessage(token ?? '', request),
      open,
    ],
    [
      'PATCH',
      new RegExp(`^/webhooks/${app}/([^/]+)/messages/([^/]+)$`),
      (request, [token]) => webhookMessage(token ?? '', request),
      open,
    ],
    [
      'DELETE',
      new RegExp(`^/webhooks/${app}/([^/]+)/messages/([^/]+)$`),
      (_request, [token]) =>
        interaction(token ?? '')?.acknowledged
          ? { status: 204 }
          : { status: 404, body: { message: 'Unknown Webhook', code: 10015 } },
      open,
    ],
    ['GET', /^\/users\/@me$/, () => ({ status: 200, body: settings.botUser }), authed],
    [
      'GET',
      /^\/channels\/(\d+)$/,
      (_request, [channel]) => state.channels.channel(channel ?? '', settings.guildId),
      authed,
    ],
    [
      'GET',
      /^\/channels\/(\d+)\/messages$/,
      (request, [channel]) =>
        state.channels.history(
          channel ?? settings.channelId,
          request.query.after,
          Number(request.query.limit ?? 50),
        ),
      authed,
    ],
    [
      'POST',
      /^\/channels\/(\d+)\/messages$/,
      (request, [channel]) =>
        state.channels.post(
          channel ?? settings.channelId,
          (request.body ?? {}) as Record<string, unknown>,
        ),
      authed,
    ],
  ];
}

/** A multipart body as Discord reads it: the JSON in `payload_json`, every file part kept whole. */
async function readMultipart(
  raw: Buffer,
  contentType: string,
): Promise<{ body: unknown; files: RecordedFile[] }> {
  const form = await new Request('http://127.0.0.1/', {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: raw,
  }).formData();
  const files: RecordedFile[] = [];
  for (const [field, value] of form.entries()) {
    if (typeof value === 'string') continue;
    files.push({
      field,
      name: value.name,
      contentType: value.type,
      data: Buffer.from(await value.arrayBuffer()),
    });
  }
  const payload = form.get('payload_json');
  const body: unknown = typeof payload === 'string' ? JSON.parse(payload) : {};
  return { body, files };
}

/**
 * The request's body, and when its last byte arrived: the moment Discord has the request, before
 * the fake spends its own time parsing it (a multipart body takes it about a millisecond, which
 * a latency bench must not count against the bot).
 */
async function readBody(
  request: IncomingMessage,
): Promise<{ body: unknown; files?: RecordedFile[]; at: number }> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const at = performance.now();
  if (chunks.length === 0) return { body: undefined, at };
  const raw = Buffer.concat(chunks);
  const contentType = request.headers['content-type'] ?? '';
  if (contentType.startsWith('multipart/form-data'))
    return { ...(await readMultipart(raw, contentType)), at };
  const text = raw.toString('utf8');
  if (!contentType.includes('application/json')) return { body: text, at };
  return { body: JSON.parse(text) as unknown, at };
}

/** Handles one HTTP request: record it, route it, answer as Discord would. */
export async function handleRest(
  state: FakeState,
  routes: ReturnType<typeof restRoutes>,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  const { body, files, at } = await readBody(request);
  const recorded: RecordedRequest = {
    method: request.method ?? 'GET',
    // discord.js escapes `@original` as `%40original`; the fake records what Discord reads.
    path: decodeURIComponent(url.pathname).replace(API_PREFIX, ''),
    query: Object.fromEntries(url.searchParams),
    body,
    ...(files ? { files } : {}),
    authorization: request.headers.authorization,
    at,
  };
  let reply: Reply = state.takeForced(recorded) ?? notFound;
  if (reply === notFound && API_PREFIX.test(url.pathname)) {
    for (const [method, pattern, handler, needsAuth] of routes) {
      const match = method === recorded.method ? pattern.exec(recorded.path) : null;
      if (!match) continue;
      const authorised =
        !state.tokenRevoked && recorded.authorization === `Bot ${state.settings.token}`;
      const limited = needsAuth && authorised ? state.globalLimit?.take(recorded.at) : undefined;
      reply =
        limited ??
        (needsAuth && !authorised ? unauthorized : await handler(recorded, match.slice(1)));
      break;
    }
  }
  recorded.status = reply.status;
  state.record(recorded);
  // A slow or held answer may find the bot gone (it timed out, or was "killed"): nothing to write.
  if (response.destroyed || request.socket.destroyed) return;
  const headers = { ...reply.headers };
  if (reply.body === undefined) {
    response.writeHead(reply.status, headers).end();
    return;
  }
  response
    .writeHead(reply.status, { ...headers, 'content-type': 'application/json' })
    .end(JSON.stringify(reply.body));
}
