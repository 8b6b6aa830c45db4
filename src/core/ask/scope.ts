/**
 * Questions no news story can answer, whatever words they share with it: forecasts, live prices
 * and advice. Matching these first keeps `ask` from answering "Will Sakura's stock rise
 * tomorrow?" with yesterday's figures.
 */
const OUT_OF_SCOPE: readonly RegExp[] = [
  // the future
  /\b(tomorrow|next (week|month|year|quarter)|forecast|predict(ion|ed)?|outlook|price target|target price)\b/i,
  /(明日|来週|来月|来年|予想|予測|見通し|今後の株価)/,
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
