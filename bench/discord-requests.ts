import { commands } from '../commands/index.js';
import type { InteractionRequest } from '../test/support/fake-discord/fake-discord.js';

/** The interactions every Discord benchmark sends, in the same order. */

const SUBCOMMANDS = commands.map((command) => command.name);

const QUESTIONS = {
  'en-US': ['How much is Microsoft investing', 'Who are the partners', 'How many people use AI'],
  ja: ['マイクロソフトの投資額は', 'パートナー企業は', '生成AIの利用率は'],
} as const;

/**
 * The n-th interaction: every subcommand in turn, in English and Japanese. Every `ask` is a
 * question never asked before (numbered), so a tenth of the traffic always misses the answer
 * cache, as free-text questions do in real use.
 */
export function request(n: number): InteractionRequest {
  const sub = SUBCOMMANDS[n % SUBCOMMANDS.length] ?? 'stocks';
  const locale = Math.floor(n / SUBCOMMANDS.length) % 2 === 0 ? 'en-US' : 'ja';
  if (sub !== 'ask') return { sub, locale };
  const questions = QUESTIONS[locale];
  return { sub, locale, options: { question: `${questions[n % questions.length]} (${n})?` } };
}
