import { Writable } from 'node:stream';
import { pino } from 'pino';
import { commands as allCommands } from '../../commands/index.js';
import type { BotServices } from '../../src/adapters/platform.js';
import {
  type RunningSlack,
  type SlackStartOptions,
  startSlack,
} from '../../src/adapters/slack/start.js';
import { ChartImages, warmCharts } from '../../src/chart/index.js';
import { type Config, parseConfig } from '../../src/config.js';
import { type CommandDefinition, loadStories, type Story } from '../../src/core/index.js';
import { CHARTS_PATH, chartRoute } from '../../src/http/chart-route.js';
import type { Logger } from '../../src/logger.js';
import { DEFAULT_STORIES_DIR } from '../../src/paths.js';
import type { Clock } from '../../src/schedule/clock.js';
import { Digests } from '../../src/schedule/digests.js';
import { BOT_TOKEN, SIGNING_SECRET } from '../support/fake-slack/credentials.js';
import { type FakeWebApi, startFakeWebApi } from '../support/fake-slack/fake-web-api.js';
import {
  type ResponseUrlServer,
  startResponseUrlServer,
} from '../support/fake-slack/response-url.js';
import { signedHeaders } from '../support/fake-slack/signing.js';
import { type SlashFields, slashCommandBody } from '../support/fake-slack/slash-payload.js';
import { startTestHttpServer, type TestHttpServer } from '../support/http-server.js';

export interface SlashResult {
  status: number;
  /** The ack body: the answer for fast commands, empty for ones answered via respond(). */
  json: Record<string, unknown> | undefined;
  responseUrl: string;
}

export interface SlackHarness {
  baseUrl: string;
  api: FakeWebApi;
  responses: ResponseUrlServer;
  running: RunningSlack;
  /** The process's one HTTP server the adapter mounted `/slack/events` on. */
  http: TestHttpServer;
  config: Config;
  logger: Logger;
  story: Story;
  /** The digest database and admin, when the harness was asked for them. */
  digests: Digests | undefined;
  /** Parsed pino lines the adapter logged. */
  logs: Record<string, unknown>[];
  slash(
    text: string,
    init?: {
      headers?: Record<string, string>;
      body?: string;
      fields?: Partial<Omit<SlashFields, 'text' | 'response_url'>>;
    },
  ): Promise<SlashResult>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  commands?: readonly CommandDefinition[];
  env?: Record<string, string>;
  responseDelayMs?: number;
  /**
   * A fake Web API the test prepared (Socket Mode needs its WebSocket URL set first; several
   * bot "processes" share one Slack). The test closes it; the harness closes only its own.
   */
  api?: FakeWebApi;
  /** Opens Digests at DATABASE_PATH (set it in `env`) on this clock, as main does. */
  digestClock?: Clock;
  slack?: SlackStartOptions;
  /** OAuth mode (many workspaces, installed through /slack/install) instead of BOT_TOKEN. */
  oauth?: boolean;
}

/** OAuth mode's variables for the fake Slack's app; the key is fixed so a test can use it. */
export const OAUTH_TOKEN_KEY = Buffer.alloc(32, 7).toString('base64');
const oauthEnv = (api: FakeWebApi) => ({
  SLACK_CLIENT_ID: api.oauth.clientId,
  SLACK_CLIENT_SECRET: api.oauth.clientSecret,
  SLACK_STATE_SECRET: 'state-secret-for-tests-0123456789abcdef',
  SLACK_TOKEN_ENCRYPTION_KEY: OAUTH_TOKEN_KEY,
});

/**
 * The real adapter (real Bolt, HTTP mode) on 127.0.0.1 with a fake Web API and a fake
 * response_url, started through the same public seam main.ts uses: startSlack(services), with
 * `services.digests` from a real Digests when `digestClock` is given.
 */
export async function startHarness(options: HarnessOptions = {}): Promise<SlackHarness> {
  const ownApi = options.api === undefined;
  const api = options.api ?? (await startFakeWebApi());
  const responses = await startResponseUrlServer(options.responseDelayMs);
  const logs: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line) logs.push(JSON.parse(line));
      done();
    },
  });
  const config = parseConfig({
    ...(options.oauth ? oauthEnv(api) : { SLACK_BOT_TOKEN: BOT_TOKEN }),
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: api.url,
    PORT: '0',
    ...options.env,
  });
  const logger = pino({ level: 'info' }, sink);
  const catalog = loadStories(DEFAULT_STORIES_DIR);
  const digests = options.digestClock
    ? await Digests.open(config, catalog.defaultStory, logger, options.digestClock)
    : undefined;
  const http = await startTestHttpServer(logger);
  // As main wires them: one set of chart images, served at /charts/<hash>.png.
  const charts = new ChartImages();
  const commands = options.commands ?? allCommands;
  http.routes.mountPrefix(
    CHARTS_PATH,
    chartRoute(charts, () => warmCharts(charts, catalog.defaultStory, commands)),
  );
  const services: BotServices = {
    catalog,
    commands,
    config,
    logger,
    http: http.routes,
    metrics: http.metrics,
    charts,
    ...(digests ? { digests: digests.admin, store: digests.store } : {}),
  };
  const closeOwn = () =>
    Promise.all([ownApi ? api.close() : undefined, responses.close(), http.close()]);
  let running: RunningSlack;
  try {
    running = await startSlack(services, options.slack);
  } catch (error) {
    digests?.close();
    await closeOwn();
    throw error;
  }
  http.readiness.push(running.readiness);
  const { baseUrl } = http;

  return {
    baseUrl,
    api,
    responses,
    running,
    http,
    config,
    logger,
    story: catalog.defaultStory,
    digests,
    logs,
    async slash(text, init = {}) {
      const responseUrl = responses.next();
      const body =
        init.body ?? slashCommandBody({ ...init.fields, text, response_url: responseUrl });
      const res = await fetch(`${baseUrl}/slack/events`, {
        method: 'POST',
        headers: init.headers ?? signedHeaders(SIGNING_SECRET, body),
        body,
      });
      const raw = await res.text();
      return { status: res.status, json: raw ? JSON.parse(raw) : undefined, responseUrl };
    },
    async close() {
      await running.stop();
      await digests?.close();
      await closeOwn();
    },
  };
}
