/**
 * Text safety for Slack. Slack reads `&`, `<` and `>` as markup (`<!channel>`, `<@U123>`,
 * `<https://…|label>`), so everything we send is escaped; and what Slack sends us arrives with
 * those three already escaped, so incoming text is decoded once before the core parses it.
 */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/**
 * Broadcast words Slack may auto-link (`@channel`, `@here`, `@everyone`). A word joiner after
 * the `@` keeps the text readable and copyable while no client can take it for a mention.
 */
const BROADCAST_WORDS = /@(channel|here|everyone)\b/gi;
const WORD_JOINER = '\u2060';

// Most text has nothing to escape; one scan decides, and the replacements run only if needed.
const NEEDS_ESCAPE = /[&<>@]/;

export function escapeMrkdwn(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text
    .replace(/[&<>]/g, (char) => ESCAPES[char] ?? char)
    .replace(BROADCAST_WORDS, `@${WORD_JOINER}$1`);
}

/** Slash-command text as the user typed it: `AT&amp;T` back to `AT&T` (`&amp;` last, once). */
export function decodeSlackText(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

const ELLIPSIS = '…';
// An entity cut in half (`&am`) would show as garbage, so a cut never lands inside one.
const PARTIAL_ENTITY = /&[a-z]{0,3}$/;

/**
 * Shortens already-escaped text to at most `max` UTF-16 units (never more than Slack's count),
 * ending in an ellipsis, without splitting an entity or a surrogate pair.
 */
export function truncateEscaped(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - ELLIPSIS.length));
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  cut = cut.replace(PARTIAL_ENTITY, '');
  return `${cut}${ELLIPSIS}`;
}

/** Escape, then fit: the limit applies to what Slack receives, entities included. */
export function safeText(text: string, max: number): string {
  return truncateEscaped(escapeMrkdwn(text), max);
}
