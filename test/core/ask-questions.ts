/**
 * Realistic questions for `ask`, with the fact the answer must lead with (`top`) or, for
 * questions the story cannot answer, `null`. Kept as data so the test reads as a table.
 */
export interface AskCase {
  question: string;
  /** The fact the answer must lead with; several when any of them is a right first answer. */
  top: string | readonly string[] | null;
}

export const IN_SCOPE: readonly AskCase[] = [
  { question: 'How much is Microsoft investing?', top: 'investment-pledge' },
  { question: 'how much money is microsoft putting into japan', top: 'investment-pledge' },
  { question: 'What years does the investment cover?', top: 'investment-pledge' },
  { question: 'How much did Sakura Internet shares rise?', top: 'share-sakura-internet' },
  { question: "What happened to Sakura Internet's stock price?", top: 'share-sakura-internet' },
  { question: 'How did SoftBank Group stock move?', top: 'share-softbank-group' },
  { question: 'SoftBank Corp. share price change', top: 'share-softbank-corp' },
  {
    question: 'How did the market react?',
    top: [
      'market-overview',
      'share-sakura-internet',
      'share-softbank-corp',
      'share-softbank-group',
    ],
  },
  { question: 'How many engineers will be trained?', top: 'focus-training' },
  { question: 'How many developers by 2030?', top: 'focus-training' },
  { question: 'Is cybersecurity part of the plan?', top: 'focus-cybersecurity' },
  { question: 'Does the investment include AI infrastructure?', top: 'focus-ai-infrastructure' },
  { question: 'Who is Brad Smith?', top: 'announcement-visit' },
  { question: 'Who did Brad Smith meet?', top: 'announcement-visit' },
  { question: 'Did Microsoft meet the Prime Minister?', top: 'announcement-visit' },
  { question: 'How many people in Japan use generative AI?', top: 'genai-adoption' },
  { question: 'What is the global average for generative AI use?', top: 'genai-adoption' },
  { question: 'Where will the GPUs be?', top: 'compute-partnership' },
  { question: 'Does Sakura Internet run data centers?', top: 'sakura-data-centres' },
  { question: 'Which other Japanese IT companies are involved?', top: 'it-partners' },
  { question: 'Is Fujitsu a partner?', top: 'it-partners' },
  { question: 'What about NEC and Hitachi?', top: 'it-partners' },
  { question: 'Will this create jobs?', top: 'implication-jobs' },
  { question: 'Will there be domestic large language models?', top: 'implication-domestic-ai' },
  { question: 'Is there growing demand for cloud services?', top: 'cloud-ai-demand' },
  { question: 'Can the information change?', top: 'disclaimer' },
  { question: 'Mircosoft investment amount', top: 'investment-pledge' },
  { question: '<@U0123ABC> how much is Microsoft investing?', top: 'investment-pledge' },
  { question: '@everyone who did Brad Smith meet?', top: 'announcement-visit' },
  {
    question: 'What are the focus areas of the investment?',
    top: ['focus-ai-infrastructure', 'focus-cybersecurity', 'focus-training', 'investment-pledge'],
  },
  {
    question: 'What are the implications for Japan?',
    top: ['implication-investment', 'implication-jobs', 'implication-domestic-ai'],
  },
  { question: 'How much did shares of Sakura jump?', top: 'share-sakura-internet' },
  { question: 'Which SoftBank is the partner?', top: ['compute-partnership', 'collaboration-aim'] },
  { question: 'What did the Prime Minister Sanae Takaichi do?', top: 'announcement-visit' },
  { question: 'what is sakura internet', top: ['sakura-data-centres', 'compute-partnership'] },
  { question: 'マイクロソフトの投資額は？', top: 'investment-pledge' },
  { question: '高市首相は誰と会いましたか', top: 'announcement-visit' },
  { question: '投資の期間はいつからいつまで？', top: 'investment-pledge' },
  { question: '世界平均と比べて日本の生成AI利用は？', top: 'genai-adoption' },
  {
    question: 'さくらインターネットの株価はどのくらい上がりましたか',
    top: 'share-sakura-internet',
  },
  { question: 'ソフトバンクグループの株価は？', top: 'share-softbank-group' },
  { question: '何人のエンジニアを育成しますか？', top: 'focus-training' },
  { question: 'スミス氏は誰と会談しましたか？', top: 'announcement-visit' },
  { question: '日本で生成AIを使っている人の割合は？', top: 'genai-adoption' },
  { question: '富士通も協業していますか？', top: 'it-partners' },
  { question: 'GPUはどこに配備されますか？', top: 'compute-partnership' },
  { question: '雇用への影響は？', top: 'implication-jobs' },
];

export const OUT_OF_SCOPE: readonly AskCase[] = [
  { question: "What will Sakura Internet's stock price be tomorrow?", top: null },
  { question: 'Should I buy SoftBank shares?', top: null },
  { question: 'Is Sakura Internet a good investment?', top: null },
  { question: 'How much is Google investing in Japan?', top: null },
  { question: 'What did Amazon announce?', top: null },
  { question: 'What is the current price of SoftBank Group?', top: null },
  { question: 'Do you think Microsoft is right to invest?', top: null },
  { question: "What is Toyota's share price?", top: null },
  { question: 'What is the weather in Tokyo?', top: null },
  { question: 'Who won the football match?', top: null },
  { question: 'Forecast for Sakura shares next week', top: null },
  { question: 'What is the CEO of Sakura Internet called?', top: null },
  { question: 'How many employees does Fujitsu have?', top: null },
  { question: '明日のさくらインターネットの株価は？', top: null },
  { question: 'ソフトバンク株は買うべきですか？', top: null },
  { question: 'トヨタの株価は？', top: null },
  { question: 'グーグルは日本に投資しますか？', top: null },
  { question: 'What is the capital of France?', top: null },
  { question: 'Tell me a joke', top: null },
  { question: "What is Nvidia's role?", top: null },
  { question: 'What is the price target for Sakura Internet?', top: null },
  { question: 'How did the Nikkei index close?', top: null },
  { question: '@everyone <!channel> hello', top: null },
  { question: '楽天の株価は？', top: null },
];
