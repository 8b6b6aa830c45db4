/**
 * What kind of thing a question asks for, read from its wording (English and Japanese), so `ask`
 * can lead with the fact that holds a value of that kind, or say that the story gives none.
 * Language knowledge, not story facts.
 */
export type Shape = 'amount' | 'percent' | 'count' | 'date' | 'person' | 'company' | 'general';

export interface QuestionShape {
  shape: Shape;
  /** Asks what something is for ("Why do GPUs matter?", "What is it for?", 「目的は？」). */
  purpose: boolean;
  /** Asks for yes or no ("Is Hitachi involved?", 「富士通も協業していますか？」). */
  yesNo: boolean;
}

const MOVE_WORDS =
  /\b(rise|rose|risen|jump(ed|s)?|surge[ds]?|gain(ed|s)?|fall|fell|drop(ped|s)?|decline[ds]?|move[ds]?|climb(ed|s)?|up|down|react(ed)?|change[ds]?)\b/i;
const SHARE_WORDS = /\b(shares?|stocks?|prices?)\b|株|上が|下が|上昇|下落|値動き/i;

const COMPANY_EN =
  /\b(which|what|who)\b.{0,30}\b(compan(y|ies)|firms?|partners?|businesses|corporations?|it companies)\b|\bwho\b.{0,40}\b(partner(ing|s)?|collaborat\w*|work(ing)? with|teaming)\b/i;
const COMPANY_JA =
  /どの(会社|企業)|どこの(会社|企業)|どこと|どこが|どの社|何という(会社|企業)|企業名|社名/;

const PERCENT_EN =
  /\b(what|which) (percent|percentage)\b|\bpercent(age)?\b|%|\bby how much\b|\bhow (much|far)\b.{0,40}\b(rise|rose|jump|gain|fall|fell|drop|move|climb|go up|go down|up|down|change)/i;
const PERCENT_JA =
  /何\s*[%％]|何パーセント|上昇率|下落率|騰落率|変化率|割合|何割|(どのくらい|どれくらい|どれだけ|どの程度)(上|下|値|動)/;

const COUNT_EN =
  /\bhow many\b|\bnumber of\b|\bcount of\b|\d\s*(million|thousand)?\s*(people|engineers|developers|professionals|companies)\b/i;
const COUNT_JA =
  /何人|何名|何社|何台|何基|何か所|何カ所|何ヶ所|何個|いくつ|人数|社数|台数|\d+万?人/;

const AMOUNT_EN =
  /\$\s*\d|\bdollars?\b|\bhow much\b|\b(amount|sum|size|value|budget|cost|price tag|worth)\b|\bhow (big|large)\b/i;
const AMOUNT_JA = /ドル|いくら|金額|投資額|何ドル|何億|何円|投資規模|予算|費用/;

const DATE_EN =
  /\bwhen\b|\bwhat (date|day|year|years|time|period)\b|\bwhich (date|day|year|years)\b|\bby what year\b|\bhow long\b|\bdeadline\b/i;
const DATE_JA = /いつ|何年|何月|何日|日付|時期|期間|期限/;

const PURPOSE =
  /\bwhy\b|\bwhat\b(?!.*\bknown for\b).*\bfor\s*\??\s*$|\b(aim|aims|aimed|purpose|goal|reason)\b|なぜ|どうして|何のため|なんのため|目的|狙い|理由/i;

const PERSON_EN = /\bwho(m|se)?\b/i;
const PERSON_JA = /誰|だれ|どなた|人物/;

const YES_NO_EN =
  /^\s*(is|are|was|were|does|do|did|has|have|had|will|would|can|could|isn't|aren't|doesn't|didn't|won't)\b/i;
const WH_JA = /何|なに|誰|だれ|いつ|どこ|どの|どう|なぜ|いくら|どれ|どんな|どちら|いくつ/;
const YES_NO_JA = /(か|の)\s*[？?]?\s*$/;

export function questionShape(question: string): QuestionShape {
  const text = question.normalize('NFKC');
  const yesNo = YES_NO_EN.test(text) || (YES_NO_JA.test(text) && !WH_JA.test(text));
  const purpose = PURPOSE.test(text);
  return { shape: purpose ? 'general' : shapeOf(text), purpose, yesNo };
}

function shapeOf(text: string): Shape {
  if (COMPANY_EN.test(text) || COMPANY_JA.test(text)) return 'company';
  if (PERCENT_EN.test(text) || PERCENT_JA.test(text)) return 'percent';
  if (COUNT_EN.test(text) || COUNT_JA.test(text)) return 'count';
  if (DATE_EN.test(text) || DATE_JA.test(text)) return 'date';
  if (AMOUNT_EN.test(text) || AMOUNT_JA.test(text)) {
    // "How much did the shares rise?" asks for a percentage, not an amount of money.
    return SHARE_WORDS.test(text) && MOVE_WORDS.test(text) ? 'percent' : 'amount';
  }
  if (PERSON_EN.test(text) || PERSON_JA.test(text)) return 'person';
  // "What happened to Sakura Internet's stock?": the answer is its move.
  if (SHARE_WORDS.test(text)) return 'percent';
  return 'general';
}
