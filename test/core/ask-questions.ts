/**
 * Questions for `ask`, written from the article by reading it as a new user would: paraphrases,
 * typos, romaji names, yes/no, and questions about the story's entities that it cannot answer.
 * Kept as data so the tests read as a table and the rates are counted over all of it.
 */
export interface AnsweredCase {
  question: string;
  /** The fact the answer must lead with; several when any of them is a right first answer. */
  top: string | readonly string[];
  /** For yes/no questions: the verdict the answer must give. */
  verdict?: 'yes' | 'no';
}

export interface RefusedCase {
  question: string;
  /**
   * When the answer may be partial (the entity is in the story, the asked thing is not): words
   * its title must use to say what is missing. Without it only a plain refusal is right.
   */
  missing?: string;
}

const SHARE_FACTS = ['share-sakura-internet', 'share-softbank-corp', 'share-softbank-group'];
const MARKET = ['market-overview', ...SHARE_FACTS];
const FOCUS = ['focus-ai-infrastructure', 'focus-cybersecurity', 'focus-training'];
const IMPLICATIONS = [
  'implications-expected',
  'implication-investment',
  'implication-jobs',
  'implication-domestic-ai',
];
const CONCLUSION = ['conclusion-step', 'conclusion-skills', 'conclusion-key-player'];

export const ANSWERED: readonly AnsweredCase[] = [
  // the investment
  { question: 'How much is Microsoft investing?', top: 'investment-pledge' },
  { question: 'how much money is microsoft putting into japan', top: 'investment-pledge' },
  { question: "What is the total value of Microsoft's pledge?", top: 'investment-pledge' },
  { question: 'What years does the investment cover?', top: 'investment-pledge' },
  { question: 'When will Microsoft invest the money?', top: 'investment-pledge' },
  { question: 'Over what period is the $10 billion spread?', top: 'investment-pledge' },
  { question: 'Mircosoft investment amount', top: 'investment-pledge' },
  { question: 'how much is maikurosofuto investing', top: 'investment-pledge' },
  { question: '<@U0123ABC> how much is Microsoft investing?', top: 'investment-pledge' },
  { question: 'Is Microsoft investing $10 billion?', top: 'investment-pledge', verdict: 'yes' },
  { question: 'Did Microsoft pledge $20 billion?', top: 'investment-pledge', verdict: 'no' },
  { question: 'Is Microsoft investing 10 billion yen?', top: 'investment-pledge', verdict: 'no' },
  { question: 'How long is the investment?', top: 'investment-pledge' },
  { question: 'Does the investment run until 2029?', top: 'investment-pledge', verdict: 'yes' },
  {
    question: 'Is the investment part of a collaboration with SoftBank?',
    top: 'collaboration-aim',
  },
  {
    question: 'What is the broader collaboration with SoftBank aimed at?',
    top: 'collaboration-aim',
  },
  { question: 'What are the focus areas of the investment?', top: [...FOCUS, 'investment-pledge'] },
  {
    question: 'Is cybersecurity part of the plan?',
    top: 'focus-cybersecurity',
    verdict: 'yes',
  },
  { question: 'Does the investment include AI infrastructure?', top: 'focus-ai-infrastructure' },
  { question: 'How many engineers will be trained?', top: 'focus-training' },
  { question: 'How many developers by 2030?', top: 'focus-training' },
  { question: 'By what year will the engineers be trained?', top: 'focus-training' },
  { question: 'Will Microsoft train 1 million engineers?', top: 'focus-training', verdict: 'yes' },
  { question: 'Will 2 million developers be trained?', top: 'focus-training', verdict: 'no' },
  // Sakura Internet, SoftBank Corp. and the GPUs
  { question: 'what is sakura internet', top: ['sakura-data-centres', 'compute-partnership'] },
  { question: 'Does Sakura Internet run data centers?', top: 'sakura-data-centres' },
  {
    question: 'What does Sakura Internet do?',
    top: ['sakura-data-centres', 'compute-partnership'],
  },
  { question: 'Where will the GPUs be?', top: 'compute-partnership' },
  { question: 'Will GPUs be deployed in Japan?', top: 'compute-partnership' },
  { question: 'Why do GPUs matter?', top: 'gpu-purpose' },
  { question: 'Why are graphics processing units important here?', top: 'gpu-purpose' },
  {
    question: 'What will Sakura Internet provide with SoftBank Corp.?',
    top: 'compute-partnership',
  },
  { question: 'Which SoftBank is the partner?', top: ['compute-partnership', 'collaboration-aim'] },
  { question: 'Who will deliver the AI computing resources?', top: 'compute-partnership' },
  // the announcement
  { question: 'Who is Brad Smith?', top: 'announcement-visit' },
  { question: 'Who did Brad Smith meet?', top: 'announcement-visit' },
  { question: '@everyone who did Brad Smith meet?', top: 'announcement-visit' },
  { question: 'Did Microsoft meet the Prime Minister?', top: 'announcement-visit' },
  { question: 'What did the Prime Minister Sanae Takaichi do?', top: 'announcement-visit' },
  { question: 'Who announced the plan?', top: 'announcement-visit' },
  { question: 'Who is Microsoft’s president?', top: 'announcement-visit' },
  { question: 'When was the announcement made?', top: 'announcement-date' },
  { question: 'When did Brad Smith visit Japan?', top: 'announcement-date' },
  { question: 'Is there growing demand for cloud services?', top: 'cloud-ai-demand' },
  { question: 'What did Smith say about demand?', top: 'cloud-ai-demand' },
  // generative AI use
  { question: 'How many people in Japan use generative AI?', top: 'genai-adoption' },
  { question: 'What share of working-age people use genAI tools?', top: 'genai-adoption' },
  { question: 'What is the global average for generative AI use?', top: 'genai-global-comparison' },
  { question: 'How does Japan compare with the world average?', top: 'genai-global-comparison' },
  // the implications
  { question: 'What are the implications for Japan?', top: IMPLICATIONS },
  { question: 'Will this create jobs?', top: 'implication-jobs' },
  {
    question: 'What kind of AI models will be developed domestically?',
    top: 'implication-domestic-ai',
  },
  { question: 'Will there be domestic large language models?', top: 'implication-domestic-ai' },
  { question: 'Will data be processed in Japan?', top: 'implication-domestic-ai' },
  {
    question: 'What does the $10 billion signal?',
    top: ['implication-investment', 'investment-pledge'],
  },
  // the other IT companies
  {
    question: 'Which other Japanese IT companies are involved?',
    top: ['it-partners', 'it-partners-count'],
  },
  { question: 'Is Fujitsu a partner?', top: 'it-partners', verdict: 'yes' },
  { question: 'Is Hitachi involved?', top: 'it-partners', verdict: 'yes' },
  { question: 'Is Fujitsu a partnr?', top: 'it-partners', verdict: 'yes' },
  { question: 'Is Hitachi Seisakusho involved?', top: 'it-partners', verdict: 'yes' },
  { question: 'What about NEC and Hitachi?', top: 'it-partners' },
  { question: 'What does NEC do in this deal?', top: ['it-partners', 'it-partners-aim'] },
  {
    question: 'エヌイーシーは参加していますか',
    top: ['it-partners', 'it-partners-aim'],
    verdict: 'yes',
  },
  {
    question: 'Does NTT Data work with Microsoft?',
    top: ['it-partners', 'it-partners-aim'],
    verdict: 'yes',
  },
  { question: 'Who is the fifth IT company?', top: 'it-partners-count' },
  { question: 'How many other IT companies is Microsoft working with?', top: 'it-partners-count' },
  { question: 'What is the collaboration with the other companies for?', top: 'it-partners-aim' },
  { question: 'How will Japan stay competitive?', top: 'it-partners-aim' },
  // market reactions
  { question: 'How much did Sakura Internet shares rise?', top: 'share-sakura-internet' },
  { question: "What happened to Sakura Internet's stock price?", top: 'share-sakura-internet' },
  { question: 'What happened to Sakura Internet stock on April 3?', top: 'share-sakura-internet' },
  { question: 'How much did shares of Sakura jump?', top: 'share-sakura-internet' },
  { question: 'sakura intanetto stock move', top: 'share-sakura-internet' },
  {
    question: 'Did Sakura Internet shares rise 20%?',
    top: 'share-sakura-internet',
    verdict: 'yes',
  },
  { question: "Did Sakura Internet's shares fall?", top: 'share-sakura-internet', verdict: 'no' },
  { question: 'How did SoftBank Group stock move?', top: 'share-softbank-group' },
  { question: 'SoftBank Corp. share price change', top: 'share-softbank-corp' },
  { question: 'By how much did SoftBank Corp rise?', top: 'share-softbank-corp' },
  { question: 'Softbank Grup shares', top: 'share-softbank-group' },
  { question: 'How did the market react?', top: MARKET },
  {
    question: "What caused Sakura Internet's rally?",
    top: ['opening-share-surge', 'headline', ...MARKET],
  },
  { question: 'Was the market reaction positive?', top: MARKET },
  { question: 'What does the headline say?', top: 'headline' },
  {
    question: 'What does the opening paragraph say?',
    top: ['opening-share-surge', 'collaboration-aim'],
  },
  {
    question: 'What happened on 3 April 2026?',
    top: ['announcement-date', 'opening-share-surge', 'market-overview'],
  },
  { question: 'Was the market impact positive?', top: MARKET, verdict: 'yes' },
  { question: 'What does the article expect for the Japanese market?', top: IMPLICATIONS },
  // conclusion and note
  { question: 'What does the conclusion say?', top: CONCLUSION },
  { question: 'Will Japan become a key player in global tech?', top: 'conclusion-key-player' },
  {
    question: "Is this a significant step for Japan's AI capabilities?",
    top: 'conclusion-step',
    verdict: 'yes',
  },
  {
    question: 'What will the collaboration with SoftBank and Sakura Internet equip engineers with?',
    top: 'conclusion-skills',
  },
  {
    question: 'Will a new generation of engineers get the skills they need?',
    top: 'conclusion-skills',
  },
  { question: 'Can the information change?', top: 'disclaimer' },
  { question: 'When was the article published?', top: 'source-undated' },
  { question: 'Does the article name its author?', top: 'source-anonymous' },
  { question: 'Which company’s shares rose the most?', top: 'share-sakura-internet' },
  { question: 'Which stock rose the least?', top: 'share-softbank-group' },
  { question: 'Where did Smith travel?', top: 'announcement-visit' },
  { question: '記事の公開日は？', top: 'source-undated' },
  { question: '記事の著者は？', top: ['source-anonymous', 'source-undated'] },
  // Japanese
  { question: 'マイクロソフトの投資額は？', top: 'investment-pledge' },
  { question: 'マイクロソフトは日本にいくら投資しますか', top: 'investment-pledge' },
  { question: '投資の期間はいつからいつまで？', top: 'investment-pledge' },
  {
    question: 'マイクロソフトは100億ドルを投資しますか？',
    top: 'investment-pledge',
    verdict: 'yes',
  },
  {
    question: 'マイクロソフトは200億ドルを投資しますか？',
    top: 'investment-pledge',
    verdict: 'no',
  },
  { question: '投資の重点分野は？', top: [...FOCUS, 'investment-pledge'] },
  { question: 'サイバーセキュリティも対象ですか？', top: 'focus-cybersecurity', verdict: 'yes' },
  { question: '何人のエンジニアを育成しますか？', top: 'focus-training' },
  { question: '育成の目標年はいつ？', top: 'focus-training' },
  {
    question: 'さくらインターネットはどんな会社？',
    top: ['sakura-data-centres', 'compute-partnership'],
  },
  { question: 'GPUはどこに配備されますか？', top: 'compute-partnership' },
  { question: 'なぜGPUが重要なのですか？', top: 'gpu-purpose' },
  { question: 'ソフトバンクとの協業の目的は？', top: ['collaboration-aim', 'conclusion-skills'] },
  { question: '高市首相は誰と会いましたか', top: 'announcement-visit' },
  { question: 'スミス氏は誰と会談しましたか？', top: 'announcement-visit' },
  { question: 'ブラッド・スミスとは誰ですか', top: 'announcement-visit' },
  { question: '発表はいつでしたか？', top: 'announcement-date' },
  { question: 'クラウドとAIの需要は高まっていますか？', top: 'cloud-ai-demand', verdict: 'yes' },
  { question: '日本で生成AIを使っている人の割合は？', top: 'genai-adoption' },
  {
    question: '世界平均と比べて日本の生成AI利用は？',
    top: ['genai-global-comparison', 'genai-adoption'],
  },
  { question: '生成AIの世界平均は？', top: 'genai-global-comparison' },
  { question: '日本への影響は？', top: IMPLICATIONS },
  { question: '雇用への影響は？', top: 'implication-jobs' },
  {
    question: '国産の大規模言語モデルは開発されますか？',
    top: 'implication-domestic-ai',
    verdict: 'yes',
  },
  {
    question: '富士通も協業していますか？',
    top: ['it-partners', 'it-partners-aim'],
    verdict: 'yes',
  },
  { question: '日立は関わっていますか？', top: ['it-partners', 'it-partners-aim'], verdict: 'yes' },
  {
    question: 'NTTデータは参加していますか？',
    top: ['it-partners', 'it-partners-aim'],
    verdict: 'yes',
  },
  { question: '他のIT企業は何社ですか？', top: 'it-partners-count' },
  { question: '5社目の企業はどこ？', top: 'it-partners-count' },
  { question: 'ほかのIT企業との協業の狙いは？', top: ['it-partners-aim', 'it-partners'] },
  {
    question: 'さくらインターネットの株価はどのくらい上がりましたか',
    top: 'share-sakura-internet',
  },
  { question: 'さくらインターネットの株価は？', top: 'share-sakura-internet' },
  { question: 'さくらの株価は下がりましたか？', top: 'share-sakura-internet', verdict: 'no' },
  { question: 'ソフトバンクグループの株価は？', top: 'share-softbank-group' },
  { question: 'ソフトバンクの株価の上昇率は？', top: 'share-softbank-corp' },
  { question: '市場の反応は？', top: MARKET },
  { question: '記事の結論は？', top: CONCLUSION },
  {
    question: '冒頭の段落には何と書いてありますか？',
    top: ['opening-share-surge', 'collaboration-aim'],
  },
  { question: '見出しは何と言っていますか？', top: 'headline' },
  { question: 'マイクロソフトはいつまでに100万人を育成しますか？', top: 'focus-training' },
  { question: 'ソフトバンクの株価は何%上がりましたか', top: 'share-softbank-corp' },
  {
    question: 'サクラインターネットは何をする会社？',
    top: ['sakura-data-centres', 'compute-partnership'],
  },
  { question: 'マイクロソフトの副会長は誰？', top: 'announcement-visit' },
  { question: '情報は変わる可能性がありますか？', top: 'disclaimer', verdict: 'yes' },
];

export const REFUSED: readonly RefusedCase[] = [
  // forecasts, advice, live prices
  { question: "What will Sakura Internet's stock price be tomorrow?" },
  { question: 'Should I buy SoftBank shares?' },
  { question: 'Is Sakura Internet a good investment?' },
  { question: 'What is the current price of SoftBank Group?' },
  { question: 'Do you think Microsoft is right to invest?' },
  { question: 'Forecast for Sakura shares next week' },
  { question: 'What is the price target for Sakura Internet?' },
  { question: '明日のさくらインターネットの株価は？' },
  { question: 'ソフトバンク株は買うべきですか？' },
  { question: 'さくらインターネットの今後の株価の見通しは？' },
  // entities the story does not mention
  { question: 'How much is Google investing in Japan?' },
  { question: 'What did Amazon announce?' },
  { question: "What is Toyota's share price?" },
  { question: "What is Nvidia's role?" },
  { question: 'How did the Nikkei index close?' },
  { question: 'Is NTT involved?' },
  { question: 'Did Oracle join the partnership?' },
  { question: 'トヨタの株価は？' },
  { question: 'グーグルは日本に投資しますか？' },
  { question: '楽天の株価は？', missing: '楽天' },
  { question: 'アマゾンも協業していますか？' },
  // nothing to do with the story
  { question: 'What is the weather in Tokyo?' },
  { question: 'Who won the football match?' },
  { question: 'What is the capital of France?' },
  { question: 'Tell me a joke' },
  { question: '@everyone <!channel> hello' },
  { question: '今日の天気は？' },
  { question: "What is Sakura Internet's share price today?" },
  { question: 'How much will Sakura shares rise next month?' },
  { question: 'NTTの株価は？' },
  // entities the story does mention, asked for what it does not give
  { question: "What is Sakura Internet's revenue?", missing: 'revenue' },
  { question: 'What is the CEO of Sakura Internet called?', missing: 'CEO' },
  { question: 'Who is the CEO of SoftBank Group?', missing: 'CEO' },
  { question: 'How many employees does Fujitsu have?', missing: 'employees' },
  { question: "What was Hitachi's profit last year?", missing: 'profit' },
  { question: 'Where is NEC headquartered?', missing: 'headquarters' },
  { question: 'When was Sakura Internet founded?', missing: 'founding date' },
  { question: 'Who founded Sakura Internet?', missing: 'founding date' },
  { question: "What is SoftBank Corp.'s market capitalization?", missing: 'capitalization' },
  { question: 'How much did Microsoft’s own stock move?', missing: 'share-price move' },
  { question: "How did Fujitsu's shares move?", missing: 'share-price move' },
  { question: 'By what percentage did NEC stock rise?', missing: 'share-price move' },
  { question: 'How many GPUs will be deployed?', missing: 'number' },
  { question: 'When will the first data center open?', missing: 'date' },
  { question: 'How much will the GPUs cost?', missing: 'amount' },
  { question: 'How much is Sakura Internet investing?', missing: 'amount' },
  { question: 'How many data centres does Sakura Internet have?', missing: 'number' },
  { question: 'What is the GPU budget?', missing: 'budget' },
  { question: 'Is Microsoft buying Sakura Internet?', missing: 'buying' },
  { question: 'Which GPU maker supplies the chips?', missing: 'maker' },
  { question: 'How much does Sakura Internet charge for GPUs?', missing: 'amount' },
  { question: 'How many shares does SoftBank Group own in Sakura?', missing: 'number' },
  { question: "Who is Fujitsu's chief executive?", missing: 'chief executive' },
  { question: 'Is Hitachi deploying GPUs?', missing: 'GPUs' },
  { question: 'Is Microsoft building data centers in Japan?', missing: 'building data centers' },
  { question: 'Will Microsoft hire people?', missing: 'hire' },
  { question: 'Who wrote the article?', missing: "person's name" },
  { question: 'Is SoftBank Group a partner?', missing: 'partner' },
  { question: 'Did Brad Smith meet the CEO of Toyota?' },
  { question: 'Did the Prime Minister announce the investment?', missing: 'announce' },
  { question: 'Does Sakura Internet make GPUs?', missing: 'make GPUs' },
  { question: '富士通の株価は上がりましたか？', missing: '株価の動き' },
  { question: 'What is Brad Smith’s salary?', missing: 'salary' },
  { question: 'When did Sanae Takaichi become Prime Minister?', missing: 'date' },
  { question: "What is Microsoft's revenue in Japan?", missing: 'revenue' },
  { question: 'How much is NTT Data investing?', missing: 'amount' },
  { question: 'ソフトバンクの社長は誰ですか？', missing: '社長' },
  { question: 'さくらインターネットの売上高は？', missing: '売上' },
  { question: '富士通の従業員数は？', missing: '従業員' },
  { question: 'マイクロソフトの株価はどのくらい上がりましたか？', missing: '株価の動き' },
  { question: 'GPUは何台配備されますか？', missing: '数' },
  { question: 'データセンターはいつ開設されますか？', missing: '日付' },
  { question: '日立の利益は？', missing: '利益' },
  { question: 'NECの本社はどこですか？', missing: '本社' },
  { question: 'さくらインターネットの設立はいつ？', missing: '設立' },
  { question: 'ソフトバンクグループの時価総額は？', missing: '時価総額' },
  { question: '日立の株価は？', missing: '株価の動き' },
  { question: 'NECの売上は？', missing: '売上' },
  { question: 'さくらインターネットのCEOは？', missing: 'CEO' },
  { question: 'ソフトバンクグループの配当は？', missing: '配当' },
];
