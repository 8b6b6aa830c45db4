import type { RespondArguments } from '@slack/bolt';
import { type Answer, answerToPlainText } from '../../core/index.js';
import { answerToBlocks } from './blocks.js';
import { BLOCK_KIT } from './limits.js';
import { safeText } from './mrkdwn.js';

/** What both `ack()` and `respond()` send for a slash command. */
export type SlackReply = RespondArguments & {
  response_type: 'in_channel' | 'ephemeral';
  text: string;
};

/**
 * Public answers go to the channel; help and errors (`private`) only to the asker. `text` is
 * the plain-text fallback Slack shows in notifications and reads to screen readers.
 */
export function answerToReply(answer: Answer): SlackReply {
  return {
    response_type: answer.visibility === 'public' ? 'in_channel' : 'ephemeral',
    text: safeText(answerToPlainText(answer), BLOCK_KIT.fallbackText),
    blocks: answerToBlocks(answer),
  };
}
