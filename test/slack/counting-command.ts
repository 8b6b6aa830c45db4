import { type CommandDefinition, defineCommand } from '../../src/core/index.js';

/** Test-only commands handed to startSlack through services.commands, never mocks of ours. */

export function countingCommand(): { command: CommandDefinition; runs: () => number } {
  let runs = 0;
  const command = defineCommand({
    name: 'count',
    nameJa: '数える',
    description: { en: 'Counts its runs (test only)', ja: '実行回数を数える（テスト用）' },
    options: [],
    access: 'everyone',
    run({ story, lang }) {
      runs += 1;
      return { lang, title: 'counted', sources: [], asOf: story.asOf, visibility: 'public' };
    },
  });
  return { command, runs: () => runs };
}

/** A command whose handler throws, with and without free text (ack path and respond path). */
export const throwingCommands: CommandDefinition[] = [
  defineCommand({
    name: 'boom',
    nameJa: '失敗',
    description: { en: 'Always fails (test only)', ja: '必ず失敗する（テスト用）' },
    options: [],
    access: 'everyone',
    run() {
      throw new Error('boom: the handler broke');
    },
  }),
  defineCommand({
    name: 'slowboom',
    nameJa: '遅い失敗',
    description: { en: 'Fails after ack (test only)', ja: 'ack後に失敗する（テスト用）' },
    options: [
      {
        name: 'question',
        nameJa: '質問',
        description: { en: 'anything', ja: '何でも' },
        required: true,
        maxLength: 100,
        example: 'slowboom why?',
      },
    ],
    access: 'everyone',
    run() {
      throw new Error('slowboom: the handler broke after the ack');
    },
  }),
];
