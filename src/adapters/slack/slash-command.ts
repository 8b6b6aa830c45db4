import type { App, SlackCommandMiddlewareArgs } from '@slack/bolt';
import {
  answerOrFailure,
  answerParsed,
  type CommandDefinition,
  failureAnswer,
  type Lang,
  newErrorId,
  type ParsedText,
  parseTextCommand,
  type Story,
} from '../../core/index.js';
import type { Logger } from '../../logger.js';
import type { InFlight } from './in-flight.js';
import { answerToReply, type SlackReply } from './message.js';
import { decodeSlackText } from './mrkdwn.js';

/** The one slash command the manifest declares; every subcommand is its first word. */
export const SLASH_COMMAND = '/sakura';

export interface SlashCommandDeps {
  story: Story;
  commands: readonly CommandDefinition[];
  /** The workspace default; `lang:ja` / `lang:en` in the text overrides it. */
  defaultLang: Lang;
  logger: Logger;
  inFlight: InFlight;
}

/**
 * Commands that take free text (`ask …`) run a search whose cost grows with the question; they
 * ack at once and answer through `respond()`, so Slack's three-second ack window never depends
 * on the search. Fixed lookups answer inside the ack itself, in one round trip.
 */
function mayBeSlow(parsed: ParsedText): boolean {
  return parsed.kind === 'command' && parsed.command.options.length > 0;
}

/** The reply to show: the command's answer, or, if anything throws, an error with an id. */
function replyFor(parsed: ParsedText, deps: SlashCommandDeps, log: Logger): SlackReply {
  const { story, commands } = deps;
  const answer = answerOrFailure(
    () => answerParsed(parsed, story, commands),
    story,
    parsed.lang,
    (errorId, err) => log.error({ err, errorId }, 'slash command failed'),
  );
  try {
    return answerToReply(answer);
  } catch (err) {
    // A renderer bug must not leave the user with Slack's bare "failed" message either.
    const errorId = newErrorId();
    log.error({ err, errorId }, 'could not render the answer for Slack');
    return answerToReply(failureAnswer(story, parsed.lang, errorId));
  }
}

async function handle(args: SlackCommandMiddlewareArgs, deps: SlashCommandDeps): Promise<void> {
  const { command, ack, respond } = args;
  const text = decodeSlackText(command.text ?? '');
  const log = deps.logger.child({
    component: 'slack',
    team: command.team_id,
    channel: command.channel_id,
    user: command.user_id,
    text,
  });
  const parsed = parseTextCommand(text, deps.commands, deps.defaultLang);

  if (!mayBeSlow(parsed)) {
    await ack(replyFor(parsed, deps, log));
    return;
  }

  await ack();
  // Yield once so the empty ack is written to Slack before the search occupies the thread.
  await new Promise((resolve) => setImmediate(resolve));
  const reply = replyFor(parsed, deps, log);
  try {
    await respond(reply);
  } catch (err) {
    // The ack is gone, so this can only be logged: an expired response_url, Slack down, ...
    log.error({ err, errorId: newErrorId() }, 'could not deliver the answer to response_url');
  }
}

export function registerSlashCommand(app: App, deps: SlashCommandDeps): void {
  app.command(SLASH_COMMAND, (args) => deps.inFlight.track(handle(args, deps)));
}
