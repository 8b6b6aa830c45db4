/** Cutting text to Discord's limits without breaking a character or hiding that it was cut. */

const ELLIPSIS = '…';

/**
 * At most `max` UTF-16 code units (what discord.js and Discord count), ending in an ellipsis when
 * cut. A surrogate pair is never split: half an emoji is an invalid string to Discord.
 */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  let cut = text.slice(0, max - ELLIPSIS.length).trimEnd();
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return `${cut}${ELLIPSIS}`;
}

/**
 * Whole lines joined by newlines, as many as fit in `max`; when some are left out the last line
 * says so with an ellipsis. A single line longer than `max` is itself truncated.
 */
export function fitLines(lines: readonly string[], max: number): string {
  const kept: string[] = [];
  let used = 0;
  for (const [index, line] of lines.entries()) {
    const cost = line.length + (kept.length > 0 ? 1 : 0);
    const reserve = index < lines.length - 1 ? ELLIPSIS.length + 1 : 0;
    if (used + cost + reserve > max) {
      if (kept.length === 0) return truncateText(line, max);
      kept.push(ELLIPSIS);
      return kept.join('\n');
    }
    kept.push(line);
    used += cost;
  }
  return kept.join('\n');
}
