import { askAnswer, defineCommand } from '../src/core/index.js';

export const QUESTION_MAX_LENGTH = 300;

export default defineCommand({
  name: 'ask',
  nameJa: '質問',
  description: {
    en: 'Ask a question about the story in English or Japanese',
    ja: '記事について英語か日本語で質問する',
  },
  options: [
    {
      name: 'question',
      nameJa: '質問',
      description: {
        en: 'Your question, e.g. How much is Microsoft investing?',
        ja: '質問（例：マイクロソフトの投資額は？）',
      },
      required: true,
      maxLength: QUESTION_MAX_LENGTH,
      example: 'ask how much is Microsoft investing?',
    },
  ],
  access: 'everyone',
  run: ({ story, lang, options }) => askAnswer(story, options.question, lang),
});
