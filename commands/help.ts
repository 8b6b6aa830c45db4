import { defineCommand, helpAnswer } from '../src/core/index.js';

export default defineCommand({
  name: 'help',
  nameJa: 'ヘルプ',
  description: { en: 'List every command (only you see it)', ja: 'コマンド一覧（自分だけに表示）' },
  options: [],
  access: 'everyone',
  run: ({ story, commands, lang }) => helpAnswer(story, commands, lang),
});
