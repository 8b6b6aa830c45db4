/**
 * The built program with both platforms on, as an operator runs it, pointed at the fake Discord
 * and the fake Slack Web API on 127.0.0.1, with configured digest channels and a Slack admin by
 * id; and the two clients bench/lock-contention.ts drives it with: `/sakura stocks` and a digest
 * subscribe, each on Discord (gateway INTERACTION_CREATE) and Slack (signed HTTP slash command).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { type BotRun, startBuiltBot } from '../test/support/built-bot.js';
import { FakeDiscord, MANAGER_PERMISSIONS } from '../test/support/fake-discord/fake-discord.js';
import { snowflake } from '../test/support/fake-discord/snowflake.js';
import { type FakeWebApi, startFakeWebApi } from '../test/support/fake-slack/fake-web-api.js';
import {
  type ResponseUrlServer,
  startResponseUrlServer,
} from '../test/support/fake-slack/response-url.js';
import type { LoopDelayReport } from './loop-delay-probe.js';
import { slash, type Target } from './slack-load.js';

export type Platform = 'discord' | 'slack';

const SECRET = 'bench-signing-secret-0123456789';
const SLACK_TOKEN = 'xoxb-bench-0000-0000-fake';
const SLACK_ADMIN = 'U0BENCHADM1';
const SLACK_CHANNEL = 'C0BENCHSUB1';
const SLACK_CONFIGURED = ['C0BENCHCFG1', 'C0BENCHCFG2'];
const REPLY_TIMEOUT_MS = 15_000;
const START_TIMEOUT_MS = 20_000;
/** What a successful subscribe says first, on either platform. */
const SUBSCRIBED = 'This channel will get the digest';
const PROBE = fileURLToPath(new URL('./loop-delay-probe.js', import.meta.url));

export interface Reply {
  /** performance.now() when the command left the client. */
  sentAt: number;
  ms: number;
  ok: boolean;
  /** Why the request failed, when it did not get an answer at all. */
  error?: string;
}

export class BothPlatforms {
  readonly dir = mkdtempSync(join(tmpdir(), 'sakura-lock-bench-'));
  readonly databasePath = join(this.dir, 'digests.db');
  /** Enough sockets that stocks sent while an answer is slow go out at once, as users' would. */
  readonly #slackAgent = new Agent({ keepAlive: true, maxSockets: 32 });
  #run: BotRun | undefined;
  #port = 0;
  #probeReports = 0;

  private constructor(
    readonly discord: FakeDiscord,
    readonly slackApi: FakeWebApi,
    readonly responses: ResponseUrlServer,
  ) {}

  static async start(): Promise<BothPlatforms> {
    const [discord, slackApi, responses] = await Promise.all([
      FakeDiscord.start({ keepRequests: false }),
      startFakeWebApi(),
      startResponseUrlServer(),
    ]);
    return new BothPlatforms(discord, slackApi, responses);
  }

  /** Starts `main` (a dist/src/main.js) and waits, bounded, until it has started and listens. */
  async startBot(main: string): Promise<void> {
    const run = startBuiltBot({
      main,
      cwd: this.dir,
      env: {
        ...this.discord.env(),
        SLACK_BOT_TOKEN: SLACK_TOKEN,
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: this.slackApi.url,
        PORT: '0',
        LOG_LEVEL: 'info',
        DATABASE_PATH: this.databasePath,
        DIGEST_CRON: '0 9 * * *',
        DISCORD_DIGEST_CHANNELS: [snowflake(), snowflake()].join(','),
        SLACK_DIGEST_CHANNELS: SLACK_CONFIGURED.join(','),
        SLACK_ADMIN_USER_IDS: SLACK_ADMIN,
        NODE_OPTIONS: `--import=${PROBE}`,
      },
    });
    this.#run = run;
    for (let waited = 0; waited < START_TIMEOUT_MS; waited += 50) {
      const listening = run
        .stderr()
        .split('\n')
        .find((line) => line.includes('"msg":"Slack adapter listening"'));
      if (listening && run.stderr().includes('"msg":"sakura-bot started"')) {
        this.#port = (JSON.parse(listening) as { port: number }).port;
        return;
      }
      if (run.child.exitCode !== null) break;
      await delay(50);
    }
    throw new Error(`the bot did not start:\n${run.stderr()}`);
  }

  /** One `/sakura stocks`, answered in the interaction callback or the ack. */
  async stocks(platform: Platform): Promise<Reply> {
    const sentAt = performance.now();
    if (platform === 'discord') {
      const callback = await this.discord.ask({ sub: 'stocks' }, REPLY_TIMEOUT_MS);
      return {
        sentAt,
        ms: callback.at - sentAt,
        ok: JSON.stringify(callback.body).includes('+20.2%'),
      };
    }
    const outcome = await slash(this.#target('stocks'), this.#slackAgent);
    return {
      sentAt,
      ms: performance.now() - sentAt,
      ok: outcome.status === 200 && outcome.body.includes('+20.2%'),
    };
  }

  /**
   * `subscribe daily` by an admin, timed to the answer the admin sees: on Discord the reply,
   * or after a deferral the follow-up; on Slack the ack, or after an empty ack the response_url.
   */
  async subscribe(platform: Platform): Promise<Reply> {
    const sentAt = performance.now();
    if (platform === 'discord') {
      const sent = this.discord.interact({
        command: 'sakura-digest',
        sub: 'subscribe',
        options: { schedule: 'daily' },
        permissions: MANAGER_PERMISSIONS,
      });
      const followUp = `/webhooks/${this.discord.applicationId}/${sent.token}`;
      const answer = await this.discord.waitFor(
        (r) =>
          (r.method === 'POST' && r.path === followUp) ||
          (r.path.startsWith(`/interactions/${sent.id}/`) &&
            (r.body as { type?: number } | undefined)?.type === 4),
        REPLY_TIMEOUT_MS,
      );
      return {
        sentAt,
        ms: answer.at - sentAt,
        ok: JSON.stringify(answer.body).includes(SUBSCRIBED),
      };
    }
    const responseUrl = this.responses.next();
    const agent = new Agent({ keepAlive: false });
    try {
      const ack = await slash(
        this.#target('digest subscribe daily', {
          user_id: SLACK_ADMIN,
          channel_id: SLACK_CHANNEL,
          response_url: responseUrl,
        }),
        agent,
      );
      const body =
        ack.body ||
        JSON.stringify((await this.responses.waitFor(responseUrl, REPLY_TIMEOUT_MS)).body);
      return {
        sentAt,
        ms: performance.now() - sentAt,
        ok: ack.status === 200 && body.includes(SUBSCRIBED),
      };
    } finally {
      agent.destroy();
    }
  }

  /** The bot's event-loop delay since the previous call (bounded wait for its probe's line). */
  async loopDelay(): Promise<LoopDelayReport['loopDelay']> {
    const run = this.#bot();
    run.child.kill('SIGUSR2');
    this.#probeReports += 1;
    for (let i = 0; i < 200; i += 1) {
      const reports = run
        .stderr()
        .split('\n')
        .filter((line) => line.startsWith('{"loopDelay"'));
      const mine = reports[this.#probeReports - 1];
      if (mine) return (JSON.parse(mine) as LoopDelayReport).loopDelay;
      await delay(25);
    }
    throw new Error('the bot did not report its event-loop delay');
  }

  /** SIGTERM, then the fakes and the temporary folder; the bot must exit 0. */
  async close(): Promise<void> {
    const run = this.#run;
    try {
      if (run && run.child.exitCode === null) {
        run.child.kill('SIGTERM');
        const exit = await Promise.race([run.exit, delay(START_TIMEOUT_MS, undefined)]);
        if (exit?.code !== 0) {
          run.child.kill('SIGKILL');
          throw new Error(`the bot did not exit 0 (${JSON.stringify(exit)}):\n${run.stderr()}`);
        }
      }
    } finally {
      this.#slackAgent.destroy();
      await Promise.all([this.discord.close(), this.slackApi.close(), this.responses.close()]);
      rmSync(this.dir, { recursive: true, force: true });
    }
  }

  #bot(): BotRun {
    if (!this.#run) throw new Error('the bot is not running');
    return this.#run;
  }

  #target(text: string, fields?: Target['fields']): Target {
    return { port: this.#port, secret: SECRET, text, fields };
  }
}
