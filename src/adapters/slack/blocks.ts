import type { types } from '@slack/bolt';
import {
  type Answer,
  asOfLine,
  caveatLine,
  chartLines,
  footerLine,
  sourceLine,
  t,
} from '../../core/index.js';
import type { ChartSource } from './chart-source.js';
import { safeText, truncateEscaped } from './mrkdwn.js';

/**
 * Block Kit limits (docs.slack.dev/reference/block-kit). Slack rejects a whole message that
 * breaks any of them, so the renderer fits every answer inside, and the tests check the same
 * numbers.
 */
export const BLOCK_KIT = {
  blocksPerMessage: 50,
  headerText: 150,
  sectionText: 3000,
  fieldsPerSection: 10,
  fieldText: 2000,
  contextElements: 10,
  contextText: 3000,
  /**
   * The top-level `text` is only the notification and screen-reader fallback when blocks are
   * present; Slack advises keeping it to a few thousand characters.
   */
  fallbackText: 4000,
} as const;

type Block = types.KnownBlock;

/**
 * `verbatim: true` stops Slack's own auto-linking of channel names and mentions in plain
 * words: together with escaping, nothing in an answer can notify anyone.
 */
function mrkdwn(text: string): types.MrkdwnElement {
  return { type: 'mrkdwn', text, verbatim: true };
}

function section(text: string): types.SectionBlock {
  return { type: 'section', text: mrkdwn(text) };
}

/** Joins already-escaped lines into as few sections as fit, each within the section text limit. */
function linesToSections(lines: readonly string[]): types.SectionBlock[] {
  const max = BLOCK_KIT.sectionText;
  const sections: types.SectionBlock[] = [];
  let current = '';
  for (const line of lines) {
    const fitted = truncateEscaped(line, max);
    if (current && current.length + 1 + fitted.length > max) {
      sections.push(section(current));
      current = '';
    }
    current = current ? `${current}\n${fitted}` : fitted;
  }
  if (current) sections.push(section(current));
  return sections;
}

function fieldSections(fields: NonNullable<Answer['fields']>): types.SectionBlock[] {
  const sections: types.SectionBlock[] = [];
  for (let i = 0; i < fields.length; i += BLOCK_KIT.fieldsPerSection) {
    const chunk = fields.slice(i, i + BLOCK_KIT.fieldsPerSection);
    sections.push({
      type: 'section',
      fields: chunk.map((field) => {
        // The label gets a fair share of the field; the value takes the rest.
        const label = safeText(field.label, 200);
        const value = safeText(field.value, BLOCK_KIT.fieldText - label.length - 3);
        return mrkdwn(`*${label}*\n${value}`);
      }),
    });
  }
  return sections;
}

/** Slack's limits on an image block's alt text and title. */
const ALT_TEXT_MAX = 2000;
const IMAGE_TITLE_MAX = 2000;

function chartSection(answer: Answer, image: ChartSource | undefined): Block[] {
  if (!answer.chart) return [];
  if (image) {
    // The alt text gives every number; the fields above stay as the readable text too.
    const common = {
      type: 'image' as const,
      alt_text: safeText(image.alt, ALT_TEXT_MAX),
      title: { type: 'plain_text' as const, text: safeText(image.title, IMAGE_TITLE_MAX) },
    };
    return [
      'image_url' in image
        ? { ...common, image_url: image.image_url }
        : { ...common, slack_file: image.slack_file },
    ];
  }
  const caption = safeText(answer.chart.caption, 300);
  // A code block keeps the text bars aligned in Slack's proportional font.
  const bars = safeText(chartLines(answer.chart).join('\n'), BLOCK_KIT.sectionText - 400);
  return [section(`*${caption}*\n\`\`\`\n${bars}\n\`\`\``)];
}

/** The footer line; if a long source must be cut, the as-of date still shows in full. */
function footerText(answer: Answer): string {
  const max = BLOCK_KIT.contextText;
  const full = safeText(footerLine(answer), max);
  const source = sourceLine(answer);
  if (!full.endsWith('…') || !source) return full;
  const asOf = safeText(asOfLine(answer), 200);
  return `${safeText(source, max - asOf.length - 3)} · ${asOf}`;
}

/**
 * The Answer as Block Kit: header, lead, fields, chart (an image block when `image` says where
 * the PNG is, else text bars), bullets, caveats, and a context footer
 * with the source and as-of date. Every text is escaped and every limit is kept; what does not
 * fit is cut with a visible note, never by Slack rejecting the message.
 */
export function answerToBlocks(answer: Answer, image?: ChartSource): Block[] {
  const header: types.HeaderBlock = {
    type: 'header',
    text: { type: 'plain_text', text: safeText(answer.title, BLOCK_KIT.headerText), emoji: true },
  };
  const body: Block[] = [];
  if (answer.lead?.trim()) body.push(section(safeText(answer.lead, BLOCK_KIT.sectionText)));
  if (answer.fields?.length) body.push(...fieldSections(answer.fields));
  body.push(...chartSection(answer, image));
  if (answer.bullets?.length) {
    body.push(
      ...linesToSections(answer.bullets.map((b) => `• ${safeText(b, BLOCK_KIT.sectionText)}`)),
    );
  }
  if (answer.caveats?.length) {
    body.push(
      ...linesToSections(
        answer.caveats.map(
          (c) =>
            `:warning: ${caveatLine(answer.lang, safeText(c, BLOCK_KIT.sectionText), (label) => `*${safeText(label, 50)}*`)}`,
        ),
      ),
    );
  }
  const footer: types.ContextBlock = { type: 'context', elements: [mrkdwn(footerText(answer))] };

  // Header and footer always stay; the body gives way, with a note saying so.
  const room = BLOCK_KIT.blocksPerMessage - 2;
  if (body.length > room) {
    body.length = room - 1;
    body.push({
      type: 'context',
      elements: [mrkdwn(safeText(t(answer.lang, 'note.shortened', { platform: 'Slack' }), 300))],
    });
  }
  return [header, ...body, footer];
}
