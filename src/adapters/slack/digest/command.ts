import type { SlackCommandMiddlewareArgs } from '@slack/bolt';
import {
  type Answer,
  errorAnswer,
  failureFor,
  type Lang,
  newErrorId,
  type StoryCatalog,
  t,
} from '../../../core/index.js';
import type { Logger } from '../../../logger.js';
import type { AdminRequest, DigestAdmin } from '../../../schedule/admin.js';
import { FIRST_RESPONSE_WITHIN_MS, LATE, within } from '../../deadline.js';
import { answerToReply, type SlackReply } from '../message.js';
import type { SlackAdmins } from './admins.js';
import type { DigestText } from './text.js';

export interface DigestCommandDeps {
  catalog: StoryCatalog;
  /** The digest admin commands; absent when the bot runs without a digest database. */
  digests: DigestAdmin | undefined;
  admins: SlackAdmins;
  logger: Logger;
}

/** `digest.usage` in Slack's syntax: `/sakura digest …` takes its options as text. */
function usage(lang: Lang): string {
  return t(lang, 'digest.usage', {
    subscribe: `\`digest subscribe <daily|weekdays|weekly|cron> [tz:${t(lang, 'digest.zoneHint')}] [lang:en|ja]\``,
    unsubscribe: '`digest unsubscribe`',
    list: '`digest list`',
    preview: '`digest preview`',
  });
}

/**
 * `/sakura digest …`: usage and "not available" answer at once; the rest needs to know whether
 * the user is an admin. When that is known without asking Slack (SLACK_ADMIN_USER_IDS, or a
 * recent users.info), the answer goes in the ack; otherwise the ack is empty and the answer
 * follows through respond() once users.info has said, so Slack's three seconds never depend on
 * it. Every reply is ephemeral: DigestAdmin's answers are private.
 */
export async function handleDigestCommand(
  parsed: DigestText,
  { command, ack }: SlackCommandMiddlewareArgs,
  deps: DigestCommandDeps,
  deliver: (reply: SlackReply) => Promise<void>,
): Promise<void> {
  const story = deps.catalog.defaultStory;
  const { lang } = parsed;
  const title = t(lang, 'title.digestAdmin');
  const { digests } = deps;
  if (!digests)
    return ack(answerToReply(errorAnswer(story, lang, title, t(lang, 'digest.unavailable'))));
  if (parsed.kind === 'usage') {
    const lead = parsed.problem ? `${t(lang, parsed.problem)} ${usage(lang)}` : usage(lang);
    return ack(answerToReply(errorAnswer(story, lang, title, lead)));
  }
  // A direct message (D…) is no place for a digest: the bot cannot post into a DM between
  // people, and reading its own DM's history would need another scope.
  if (parsed.kind === 'subscribe' && command.channel_id.startsWith('D')) {
    return ack(answerToReply(errorAnswer(story, lang, title, t(lang, 'digest.notAChannel'))));
  }

  const log = deps.logger.child({
    component: 'slack',
    team: command.team_id,
    channel: command.channel_id,
    user: command.user_id,
    digest: parsed.kind,
  });
  const answerFor = async (isAdmin: boolean): Promise<SlackReply> => {
    const req: AdminRequest = {
      platform: 'slack',
      workspaceId: command.team_id || null,
      channelId: command.channel_id,
      userId: command.user_id,
      lang,
      isAdmin,
    };
    let answer: Answer;
    try {
      answer = await digests.run(req, parsed);
    } catch (err) {
      ({ answer } = failureFor(err, story, lang, (errorId) =>
        log.error({ err, errorId }, 'digest command failed'),
      ));
    }
    log.info({ isAdmin, answer: answer.title }, 'digest command');
    return answerToReply(answer);
  };

  const known = deps.admins.known(command.team_id, command.user_id);
  if (known !== undefined) {
    // Usually ready at once and sent in the ack; a database busy with another process must not
    // hold the ack past Slack's three seconds, so then the answer follows through respond().
    const answer = answerFor(known);
    const ready = await within(answer, FIRST_RESPONSE_WITHIN_MS);
    if (ready !== LATE) return ack(ready);
    await ack();
    return deliver(await answer);
  }
  await ack();
  let isAdmin: boolean;
  try {
    isAdmin = await deps.admins.isAdmin(command.team_id, command.user_id);
  } catch (err) {
    const errorId = newErrorId();
    log.error({ err, errorId }, 'could not check whether the user is an admin');
    return deliver(
      answerToReply(
        errorAnswer(
          story,
          lang,
          title,
          `${t(lang, 'digest.checkFailed', { platform: 'Slack' })} (${errorId})`,
        ),
      ),
    );
  }
  await deliver(await answerFor(isAdmin));
}
