/**
 * Questions no news story can answer, whatever words they share with it: forecasts, live prices
 * and advice. Matching these first keeps `ask` from answering "Will Sakura's stock rise
 * tomorrow?" with yesterday's figures.
 */
const OUT_OF_SCOPE: readonly RegExp[] = [
  // the future
  /\b(tomorrow|next (week|month|year|quarter)|forecast|predict(ion|ed)?|outlook|price target|target price)\b/i,
  /(明日|来週|来月|来年|予想|予測|見通し|今後の株価)/,
  // share moves asked about the future: the story's moves are all in the past, so "will the
  // shares rise?" is a forecast, however much it sounds like a yes/no about a reported fact
  /\b(will|going to|gonna)\b.{0,50}\b(stocks?|shares?|prices?|market)\b.{0,30}\b(rise|fall|climb|drop|jump|gain|go(ing)? (up|down)|keep|continue|recover|crash|double|soar|sink)/i,
  /\b(will|going to|gonna)\b.{0,40}\b(keep|continue|go on|stay)\b.{0,20}\b(ris|fall|climb|drop|gain|go(ing)? (up|down)|up|down)/i,
  /\b(stocks?|shares?|prices?)\b.{0,30}\b(will|going to|gonna)\b.{0,20}\b(rise|fall|climb|drop|go (up|down)|keep|continue)/i,
  /(今後|これから|この先|将来|引き続き).{0,20}(株|上が|下が|上昇|下落|値上が|値下が)/,
  /(上がり続け|下がり続け|上昇し続け|下落し続け|値上がりし続け)/,
  // live figures
  /\b(current|today'?s?|now|latest|real-?time|live)\b.{0,25}\b(price|quote|value|valuation)\b/i,
  /\b(price|quote|trading|worth)\b.{0,25}\b(now|today|currently|right now)\b/i,
  /(現在|今日|今|最新)の?(株価|価格|時価)/,
  // advice and opinions
  /\b(should (i|we|you)|worth (buying|it)|buy|sell|recommend\w*|advice|advise|good investment|your opinion|do you think|is it (a )?(good|bad|wise|smart))\b/i,
  /(買うべき|売るべき|買い時|売り時|おすすめ|お勧め|オススメ|あなたの意見|どう思|買った方|売った方)/,
];

export function isOutOfScope(question: string): boolean {
  return OUT_OF_SCOPE.some((pattern) => pattern.test(question));
}
