import { setTimeout as delay } from 'node:timers/promises';
import type { SlackCommandMiddlewareArgs } from '@slack/bolt';
import {
  type Answer,
  errorAnswer,
  failureAnswer,
  type Lang,
  newErrorId,
  type StoryCatalog,
  t,
} from '../../../core/index.js';
import type { Logger } from '../../../logger.js';
import type { AdminRequest, DigestAdmin } from '../../../schedule/admin.js';
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

/** Said only here: the core's messages cover the commands, not this adapter's own failures. */
const UNAVAILABLE: Record<Lang, string> = {
  en: 'Scheduled digests are not available in this bot (it runs without a digest database).',
  ja: 'このボットでは定期ダイジェストを利用できません（ダイジェスト用のデータベースなしで動作しています）。',
};
const NOT_A_CHANNEL: Record<Lang, string> = {
  en: 'Digests are posted to channels: run this in the channel that should get them.',
  ja: 'ダイジェストはチャンネルに投稿されます。受け取りたいチャンネルで実行してください。',
};
const CHECK_FAILED: Record<Lang, string> = {
  en: 'Could not check with Slack whether you are an admin. Please try again in a moment.',
  ja: 'Slackに管理者かどうかを確認できませんでした。しばらくしてからもう一度お試しください。',
};

type Action = Exclude<DigestText, { kind: 'usage' }>;

/** An answer not ready by then follows the ack instead of being in it. */
const ACK_WITHIN_MS = 1_000;

function run(digests: DigestAdmin, action: Action, req: AdminRequest): Promise<Answer> {
  switch (action.kind) {
    case 'subscribe':
      return digests.subscribe(req, action.args);
    case 'unsubscribe':
      return digests.unsubscribe(req);
    case 'list':
      return digests.list(req);
    case 'preview':
      return digests.preview(req);
  }
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
  if (!digests) return ack(answerToReply(errorAnswer(story, lang, title, UNAVAILABLE[lang])));
  if (parsed.kind === 'usage') {
    const lead = parsed.problem
      ? `${t(lang, parsed.problem)} ${t(lang, 'digest.usage')}`
      : t(lang, 'digest.usage');
    return ack(answerToReply(errorAnswer(story, lang, title, lead)));
  }
  // A direct message (D…) is no place for a digest: the bot cannot post into a DM between
  // people, and reading its own DM's history would need another scope.
  if (parsed.kind === 'subscribe' && command.channel_id.startsWith('D')) {
    return ack(answerToReply(errorAnswer(story, lang, title, NOT_A_CHANNEL[lang])));
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
      answer = await run(digests, parsed, req);
    } catch (err) {
      const errorId = newErrorId();
      log.error({ err, errorId }, 'digest command failed');
      answer = failureAnswer(story, lang, errorId);
    }
    log.info({ isAdmin, answer: answer.title }, 'digest command');
    return answerToReply(answer);
  };

  const known = deps.admins.known(command.user_id);
  if (known !== undefined) {
    // Usually ready at once and sent in the ack; a database busy with another process must not
    // hold the ack past Slack's three seconds, so then the answer follows through respond().
    const answer = answerFor(known);
    const timer = new AbortController();
    const ready = await Promise.race([
      answer,
      delay(ACK_WITHIN_MS, undefined, { signal: timer.signal }).catch(() => undefined),
    ]);
    timer.abort();
    if (ready) return ack(ready);
    await ack();
    return deliver(await answer);
  }
  await ack();
  let isAdmin: boolean;
  try {
    isAdmin = await deps.admins.isAdmin(command.user_id);
  } catch (err) {
    const errorId = newErrorId();
    log.error({ err, errorId }, 'could not check whether the user is an admin');
    return deliver(
      answerToReply(errorAnswer(story, lang, title, `${CHECK_FAILED[lang]} (${errorId})`)),
    );
  }
  await deliver(await answerFor(isAdmin));
}
