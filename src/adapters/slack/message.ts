import type { RespondArguments, types } from '@slack/bolt';
import { type Answer, answerToPlainText } from '../../core/index.js';
import { answerToBlocks, BLOCK_KIT } from './blocks.js';
import type { ChartSource } from './chart-source.js';
import { safeText } from './mrkdwn.js';

/** What both `ack()` and `respond()` send for a slash command. */
export type SlackReply = RespondArguments & {
  response_type: 'in_channel' | 'ephemeral';
  text: string;
};

/** An answer as message content: Block Kit plus the plain-text fallback. */
export interface SlackMessageContent {
  text: string;
  blocks: types.KnownBlock[];
}

/**
 * `text` is the plain-text fallback Slack shows in notifications and reads to screen readers;
 * the blocks are what the channel sees.
 */
export function answerToMessage(answer: Answer, image?: ChartSource): SlackMessageContent {
  return {
    text: safeText(answerToPlainText(answer), BLOCK_KIT.fallbackText),
    blocks: answerToBlocks(answer, image),
  };
}

/** Public answers go to the channel; help and errors (`private`) only to the asker. */
export function answerToReply(answer: Answer, image?: ChartSource): SlackReply {
  return {
    response_type: answer.visibility === 'public' ? 'in_channel' : 'ephemeral',
    ...answerToMessage(answer, image),
  };
}
