import { type App, ErrorCode, type SlackCommandMiddlewareArgs } from '@slack/bolt';
import {
  type Answer,
  type Answered,
  answerOrFailure,
  answerParsed,
  type CommandDefinition,
  failureFor,
  isPromise,
  type Lang,
  newErrorId,
  type ParsedText,
  parseTextCommand,
  type StoryCatalog,
} from '../../core/index.js';
import { type CommandOutcome, commandLabel } from '../../http/command-label.js';
import type { BotMetrics } from '../../http/metrics.js';
import type { InFlight } from '../../in-flight.js';
import type { Logger } from '../../logger.js';
import { FIRST_RESPONSE_WITHIN_MS, LATE, within } from '../deadline.js';
import type { RenderedCache } from '../rendered-cache.js';
import type { ChartSource, SlackCharts } from './chart-source.js';
import { type DigestCommandDeps, handleDigestCommand } from './digest/command.js';
import { parseDigestText } from './digest/text.js';
import { answerToReply, type SlackReply } from './message.js';
import { decodeSlackText } from './mrkdwn.js';

/** The one slash command the manifest declares; every subcommand is its first word. */
export const SLASH_COMMAND = '/sakura';

/** A reply ready to send, and whether it goes through respond() after an empty ack. */
export interface PreparedReply {
  reply: SlackReply;
  deferred: boolean;
}

export interface SlashCommandDeps {
  catalog: StoryCatalog;
  commands: readonly CommandDefinition[];
  /** The workspace default; `lang:ja` / `lang:en` in the text overrides it. */
  defaultLang: Lang;
  logger: Logger;
  inFlight: InFlight;
  /** Rendered replies by text; undefined to render every request afresh. */
  cache: RenderedCache<PreparedReply> | undefined;
  /** `digest …` admin commands, routed before the story commands and never cached. */
  digest: Omit<DigestCommandDeps, 'catalog' | 'logger'>;
  /** Counts every command; undefined where nothing scrapes them. */
  metrics: BotMetrics | undefined;
  /** How charts reach a message: our URL, an uploaded file, or text. */
  charts: SlackCharts;
}

/** What one request came to, filled in while it is handled, for the metrics. */
interface Tally {
  command: string | undefined;
  outcome: CommandOutcome;
}

/**
 * Commands that take free text (`ask …`) run a search whose cost grows with the question; they
 * ack at once and answer through `respond()`, so Slack's three-second ack window never depends
 * on the search. Fixed lookups answer inside the ack itself, in one round trip.
 */
function mayBeSlow(parsed: ParsedText): boolean {
  return parsed.kind === 'command' && parsed.command.options.length > 0;
}

/**
 * The answer to show; `errorId` is set when it is an error answer (which must not be cached).
 * Pending when the command does I/O.
 */
function answerFor(
  parsed: ParsedText,
  deps: SlashCommandDeps,
  log: () => Logger,
): Answered | Promise<Answered> {
  const story = deps.catalog.defaultStory;
  return answerOrFailure(
    () => answerParsed(parsed, story, deps.commands),
    story,
    parsed.lang,
    (errorId, err) => log().error({ err, errorId }, 'slash command failed'),
  );
}

/** The answer as a Slack reply; a renderer error becomes an error reply (`failed`). */
function replyFor(
  answer: Answer,
  chart: ChartSource | undefined,
  deps: SlashCommandDeps,
  log: () => Logger,
): { reply: SlackReply; failed: boolean } {
  try {
    return { reply: answerToReply(answer, chart), failed: false };
  } catch (err) {
    // A renderer bug must not leave the user with Slack's bare "failed" message either.
    const { answer: failure } = failureFor(err, deps.catalog.defaultStory, answer.lang, (errorId) =>
      log().error({ err, errorId }, 'could not render the answer for Slack'),
    );
    return { reply: answerToReply(failure), failed: true };
  }
}

async function handle(
  args: SlackCommandMiddlewareArgs,
  deps: SlashCommandDeps,
  tally: Tally,
): Promise<void> {
  const { command, ack, respond } = args;
  const text = decodeSlackText(command.text ?? '');
  // Built only when something is logged: most requests log nothing.
  const log = () =>
    deps.logger.child({
      component: 'slack',
      team: command.team_id,
      channel: command.channel_id,
      user: command.user_id,
      text,
    });
  const story = deps.catalog.defaultStory;
  /** `instead`: a reply to try once more when Slack refuses this one as malformed. */
  const deliver = async (reply: SlackReply, instead?: () => Promise<SlackReply>): Promise<void> => {
    try {
      await respond(reply);
    } catch (err) {
      if (instead && refusedAsMalformed(err)) return deliver(await instead());
      // The ack is gone, so this can only be logged: an expired response_url, Slack down, ...
      log().error({ err, errorId: newErrorId() }, 'could not deliver the answer to response_url');
    }
  };
  /**
   * The reply, cached for the next identical text unless it failed, came from a command doing
   * I/O (`cacheable` false), or its chart fell back to text for a passing reason (an upload that
   * failed is tried again). `deferred` says whether the cached reply must go through respond()
   * (a slow command) or can be the ack itself.
   */
  const prepare = (
    { answer, errorId }: Answered,
    chart: ChartSource | undefined,
    { deferred, cacheable }: { deferred: boolean; cacheable: boolean },
  ): SlackReply => {
    const answerFailed = errorId !== undefined;
    const { reply, failed } = replyFor(answer, chart, deps, log);
    if (failed || answerFailed) tally.outcome = 'failed';
    const chartMissing = chart === undefined && deps.charts.ready(answer) === 'upload';
    if (cacheable && !failed && !answerFailed && !chartMissing)
      deps.cache?.set(deps.charts.cacheOwner(story), text, { reply, deferred });
    return reply;
  };
  /**
   * For a reply showing an uploaded file: response_url refuses a message whose file is gone
   * (deleted in Slack) with a bare 400, and these blocks are otherwise valid, so the file is
   * uploaded again and the reply made afresh, once.
   */
  const withFileAgain = (
    answered: Answered,
    chart: ChartSource | undefined,
    options: { deferred: boolean; cacheable: boolean },
  ) =>
    chart && 'slack_file' in chart
      ? async () =>
          prepare(answered, await deps.charts.replaceGone(answered.answer, chart), options)
      : undefined;
  /** After the empty ack: the chart found or uploaded, then the answer through respond(). */
  const answerLater = async (answered: Answered, cacheable: boolean): Promise<void> => {
    const chart = answered.errorId ? undefined : await deps.charts.sourceFor(answered.answer);
    const options = { deferred: true, cacheable };
    await deliver(prepare(answered, chart, options), withFileAgain(answered, chart, options));
  };

  // Before the cache: digest replies depend on who asks and on the database.
  const digest = parseDigestText(text, deps.defaultLang);
  tally.command = digest ? `digest ${digest.kind}` : text.trim().split(/\s+/)[0]?.toLowerCase();
  if (digest) {
    const digestDeps = { catalog: deps.catalog, logger: deps.logger, ...deps.digest };
    return handleDigestCommand(digest, args, digestDeps, deliver);
  }

  const cached = deps.cache?.get(deps.charts.cacheOwner(story), text);
  if (cached && !cached.deferred) return ack(cached.reply);
  if (cached) {
    await ack();
    return deliver(cached.reply);
  }

  const parsed = parseTextCommand(text, deps.commands, deps.defaultLang);
  if (!mayBeSlow(parsed)) {
    const pending = answerFor(parsed, deps, log);
    const cacheable = !isPromise(pending);
    // A command doing I/O gets Discord's deadline: in the ack if ready in time, else after it.
    const answered = cacheable ? pending : await within(pending, FIRST_RESPONSE_WITHIN_MS);
    if (answered === LATE) {
      await ack();
      return answerLater(await pending, false);
    }
    const chart = answered.errorId ? undefined : deps.charts.ready(answered.answer);
    if (chart !== 'upload') return ack(prepare(answered, chart, { deferred: false, cacheable }));
    // The first in-channel answer with this chart (upload mode): ack now, upload, then answer.
    // Cached as an ack-ready reply: the file is uploaded for good.
    await ack();
    const uploaded = await deps.charts.sourceFor(answered.answer);
    const options = { deferred: false, cacheable };
    return deliver(
      prepare(answered, uploaded, options),
      withFileAgain(answered, uploaded, options),
    );
  }
  await ack();
  // Yield once so the empty ack is written to Slack before the search occupies the thread.
  await new Promise((resolve) => setImmediate(resolve));
  const pending = answerFor(parsed, deps, log);
  await answerLater(await pending, !isPromise(pending));
}

/** response_url answers a message it cannot show with 400 (and no detail, unlike the Web API). */
function refusedAsMalformed(error: unknown): boolean {
  const { code, statusCode } = (error ?? {}) as { code?: unknown; statusCode?: unknown };
  return code === ErrorCode.RespondError && statusCode === 400;
}

/** Counted as `other` past these, so a typo cannot become a new time series. */
function knownCommands(commands: readonly CommandDefinition[]): ReadonlySet<string> {
  const digestSubs = ['subscribe', 'unsubscribe', 'list', 'preview', 'usage'];
  return new Set([...commands.map((c) => c.name), ...digestSubs.map((sub) => `digest ${sub}`)]);
}

export function registerSlashCommand(app: App, deps: SlashCommandDeps): void {
  const known = knownCommands(deps.commands);
  app.command(SLASH_COMMAND, async (args) => {
    const started = performance.now();
    const tally: Tally = { command: undefined, outcome: 'answered' };
    try {
      await deps.inFlight.track(handle(args, deps, tally));
    } catch (error) {
      tally.outcome = 'failed';
      throw error;
    } finally {
      deps.metrics?.command('slack', commandLabel(tally.command, known), tally.outcome, started);
    }
  });
}
