import type { APIEmbed, APIEmbedField } from 'discord.js';
import { type Answer, caveatLine, chartLines, footerLine } from '../../core/index.js';
import { fitLines, truncateText } from './text-fit.js';

/** Discord's embed limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits). */
export const EMBED_LIMITS = {
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  total: 6000,
} as const;

/** One colour for every answer (cherry-blossom pink), so the bot's messages are recognisable. */
export const EMBED_COLOUR = 0xf4a7b9;

/** A value this short sits beside its neighbours (three to a row) instead of taking a line. */
const INLINE_MAX = 64;

/** Discord rejects an empty field name or value; a zero-width space is its documented blank. */
const BLANK = '\u200b';

/**
 * `[text](https://…)` in an embed renders as a link whose address the reader cannot see. Our data
 * has none, so any there came from a user (an `ask` question echoed back): break it.
 *
 * Not discord.js's `escapeMarkdown(text, { maskedLink: true, …every other option false })`: it
 * puts a backslash before the `[` and leaves `](url)` whole (the answers test pins that the pair
 * is broken), and its `\[.+]\(.+\)` runs greedily from the first `[` to the last `)` of a line.
 */
function neutraliseMaskedLinks(text: string): string {
  return text.replace(/\]\(/g, ']\u200b(');
}

function clean(text: string): string {
  return neutraliseMaskedLinks(text.trim());
}

interface DescriptionParts {
  lead: string;
  bullets: string[];
  /** The chart as one block (caption and code fence): shown whole or not at all. */
  chart: string;
  caveats: string[];
}

function descriptionParts(answer: Answer, withImage: boolean): DescriptionParts {
  // With the chart attached as an image the text bars would only repeat it; the fields stay.
  const chart =
    answer.chart && !withImage
      ? // A code block keeps the text bars aligned in a monospace font.
        [`**${clean(answer.chart.caption)}**`, '```', ...chartLines(answer.chart), '```'].join('\n')
      : '';
  return {
    lead: clean(answer.lead ?? ''),
    bullets: (answer.bullets ?? []).map((bullet) => `• ${clean(bullet)}`),
    chart,
    caveats: (answer.caveats ?? []).map(
      (caveat) => `⚠ ${caveatLine(answer.lang, clean(caveat), (label) => `**${label}**`)}`,
    ),
  };
}

const GAP = 2; // the blank line between sections

/**
 * Shown in reading order (lead, bullets, chart, caveats); when space runs out it is shared in
 * order of importance: the lead gets up to half, caveats (never hidden) half of the rest, the
 * chart fits whole or is left out (half a code fence would swallow the rest), bullets take what
 * remains, line by line, and the lead grows back into anything left over.
 */
function fitDescription(answer: Answer, max: number, withImage: boolean): string {
  const parts = descriptionParts(answer, withImage);
  const sized = (text: string) => (text ? text.length + GAP : 0);
  let room = max - sized(truncateText(parts.lead, Math.floor(max / 2)));
  const caveats = parts.caveats.length ? fitLines(parts.caveats, Math.floor(room / 2)) : '';
  room -= sized(caveats);
  const chart = parts.chart && sized(parts.chart) <= room ? parts.chart : '';
  room -= sized(chart);
  const bullets = parts.bullets.length ? fitLines(parts.bullets, Math.max(0, room - GAP)) : '';
  const rest = [bullets, chart, caveats].reduce((sum, text) => sum + sized(text), 0);
  const lead = truncateText(parts.lead, Math.max(0, max - rest));
  return [lead, bullets, chart, caveats].filter(Boolean).join('\n\n');
}

function toFields(answer: Answer): APIEmbedField[] {
  const fields = answer.fields ?? [];
  const inline = fields.every((f) => f.value.length <= INLINE_MAX);
  return fields.slice(0, EMBED_LIMITS.fields).map((field) => ({
    name: truncateText(clean(field.label), EMBED_LIMITS.fieldName) || BLANK,
    value: truncateText(clean(field.value), EMBED_LIMITS.fieldValue) || BLANK,
    inline,
  }));
}

const fieldSize = (field: APIEmbedField) => field.name.length + field.value.length;

/**
 * The Answer as one embed within every Discord limit: title, description (lead, bullets, chart as
 * text bars, caveats), fields, and a footer with the source and as-of date. The 6000-character
 * total is shared (with `imageUrl`, the chart is that image instead of text bars): the description keeps at least half of what is left after title and footer,
 * and fields that no longer fit are dropped from the end.
 */
export function answerToEmbed(answer: Answer, imageUrl?: string): APIEmbed {
  const title = truncateText(clean(answer.title), EMBED_LIMITS.title);
  const footer = truncateText(footerLine(answer), EMBED_LIMITS.footer);
  const budget = EMBED_LIMITS.total - title.length - footer.length;

  const allFields = toFields(answer);
  const fieldsWanted = allFields.reduce((sum, f) => sum + fieldSize(f), 0);
  const withImage = imageUrl !== undefined;
  const full = fitDescription(answer, EMBED_LIMITS.description, withImage);
  const descriptionMax = Math.min(full.length, Math.max(budget - fieldsWanted, budget / 2));
  const description =
    descriptionMax >= full.length
      ? full
      : fitDescription(answer, Math.floor(descriptionMax), withImage);

  const fields: APIEmbedField[] = [];
  let used = description.length;
  for (const field of allFields) {
    if (used + fieldSize(field) > budget) break;
    fields.push(field);
    used += fieldSize(field);
  }

  const embed: APIEmbed = { title, color: EMBED_COLOUR, footer: { text: footer } };
  if (description) embed.description = description;
  if (fields.length) embed.fields = fields;
  if (imageUrl) embed.image = { url: imageUrl };
  return embed;
}

/** The characters Discord counts towards the 6000 total. */
export function embedSize(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.fields ?? []).reduce((sum, f) => sum + f.name.length + f.value.length, 0)
  );
}
