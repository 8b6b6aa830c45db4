import { defineCommand, summaryAnswer } from '../src/core/index.js';

export default defineCommand({
  name: 'summary',
  nameJa: '概要',
  description: { en: 'The whole story on one screen', ja: '記事の要点をひと目で' },
  options: [],
  access: 'everyone',
  run: ({ story, lang }) => summaryAnswer(story, lang),
});
