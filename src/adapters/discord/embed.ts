import type { APIEmbed, APIEmbedField } from 'discord.js';
import { type Answer, chartLines, footerLine, t } from '../../core/index.js';
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
 */
function neutraliseMaskedLinks(text: string): string {
  return text.replace(/\]\(/g, ']\u200b(');
}

function clean(text: string): string {
  return neutraliseMaskedLinks(text.trim());
}

/** The description's parts in reading order; each one is cut to its share if space runs out. */
function descriptionParts(answer: Answer): { lead: string; body: string[]; notes: string[] } {
  const body: string[] = [];
  if (answer.bullets?.length) body.push(...answer.bullets.map((b) => `• ${clean(b)}`));
  if (answer.chart) {
    // A code block keeps the text bars aligned in a monospace font.
    if (body.length) body.push('');
    body.push(`**${clean(answer.chart.caption)}**`, '```', ...chartLines(answer.chart), '```');
  }
  const prefix = t(answer.lang, 'caveat.prefix');
  const notes = (answer.caveats ?? []).map((caveat) => `⚠ **${prefix}:** ${clean(caveat)}`);
  return { lead: clean(answer.lead ?? ''), body, notes };
}

/**
 * Lead first, then caveats (never hidden), then bullets and chart with what is left. Lines are
 * kept whole where they fit; a chart cut short loses its closing fence, so it is dropped whole.
 */
function fitDescription(answer: Answer, max: number): string {
  const { lead, body, notes } = descriptionParts(answer);
  const gap = 2; // the blank line between sections
  const fittedLead = truncateText(lead, Math.min(lead.length, Math.floor(max / 2)));
  let room = max - fittedLead.length - (fittedLead ? gap : 0);
  const fittedNotes = notes.length ? fitLines(notes, Math.max(0, Math.floor(room / 2))) : '';
  room -= fittedNotes.length + (fittedNotes ? gap : 0);
  let fittedBody = body.length ? fitLines(body, Math.max(0, room)) : '';
  const fences = (fittedBody.match(/```/g) ?? []).length;
  if (fences % 2 === 1) fittedBody = fittedBody.slice(0, fittedBody.lastIndexOf('```')).trimEnd();
  // Sections that got less than they wanted may leave room for the lead to grow back.
  const sections = [fittedBody, fittedNotes].filter(Boolean);
  const rest = sections.reduce((sum, s) => sum + s.length + gap, 0);
  const finalLead = truncateText(lead, Math.max(0, max - rest));
  return [finalLead, fittedBody, fittedNotes].filter(Boolean).join('\n\n');
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
 * total is shared: the description keeps at least half of what is left after title and footer,
 * and fields that no longer fit are dropped from the end.
 */
export function answerToEmbed(answer: Answer): APIEmbed {
  const title = truncateText(clean(answer.title), EMBED_LIMITS.title);
  const footer = truncateText(footerLine(answer), EMBED_LIMITS.footer);
  const budget = EMBED_LIMITS.total - title.length - footer.length;

  const allFields = toFields(answer);
  const fieldsWanted = allFields.reduce((sum, f) => sum + fieldSize(f), 0);
  const full = fitDescription(answer, EMBED_LIMITS.description);
  const descriptionMax = Math.min(full.length, Math.max(budget - fieldsWanted, budget / 2));
  const description =
    descriptionMax >= full.length ? full : fitDescription(answer, Math.floor(descriptionMax));

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
