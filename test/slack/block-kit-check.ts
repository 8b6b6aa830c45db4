import { BLOCK_KIT } from '../../src/adapters/slack/blocks.js';

/** A text object as it appears in the JSON we send. */
interface TextObject {
  type: string;
  text: string;
  verbatim?: boolean;
}

interface AnyBlock {
  type: string;
  text?: TextObject;
  fields?: TextObject[];
  elements?: TextObject[];
  image_url?: string;
  slack_file?: { id?: string; url?: string };
  alt_text?: string;
  title?: TextObject;
}

export interface ReplyJson {
  response_type?: string;
  text?: string;
  blocks?: AnyBlock[];
}

// Raw `<`, `>` or an `&` that does not start one of the three entities would be markup to Slack.
const UNESCAPED = /[<>]|&(?!amp;|lt;|gt;)/;

function checkText(where: string, text: TextObject | undefined, max: number, out: string[]) {
  if (!text) return out.push(`${where}: missing text`);
  if (text.text.length < 1) out.push(`${where}: empty text`);
  if (text.text.length > max) out.push(`${where}: ${text.text.length} > ${max} characters`);
  if (UNESCAPED.test(text.text))
    out.push(`${where}: unescaped markup in ${JSON.stringify(text.text)}`);
  if (text.type === 'mrkdwn' && text.verbatim !== true) out.push(`${where}: mrkdwn not verbatim`);
}

/**
 * Every Block Kit rule our replies must keep, as a list of problems (empty when fine), so a
 * failing test names each broken rule rather than the first one.
 */
export function blockKitProblems(reply: ReplyJson): string[] {
  const out: string[] = [];
  const blocks = reply.blocks ?? [];
  if (!['in_channel', 'ephemeral'].includes(reply.response_type ?? '')) out.push('response_type');
  if (!reply.text || reply.text.length > BLOCK_KIT.fallbackText) out.push('fallback text length');
  if (reply.text && UNESCAPED.test(reply.text)) out.push('fallback text has unescaped markup');
  if (blocks.length < 1 || blocks.length > BLOCK_KIT.blocksPerMessage) {
    out.push(`${blocks.length} blocks`);
  }
  blocks.forEach((block, i) => {
    const where = `block ${i} (${block.type})`;
    switch (block.type) {
      case 'header':
        if (block.text?.type !== 'plain_text') out.push(`${where}: header must be plain_text`);
        checkText(where, block.text, BLOCK_KIT.headerText, out);
        break;
      case 'section':
        if (!block.text && !block.fields) out.push(`${where}: neither text nor fields`);
        if (block.text) checkText(where, block.text, BLOCK_KIT.sectionText, out);
        if (block.fields) {
          if (block.fields.length < 1 || block.fields.length > BLOCK_KIT.fieldsPerSection) {
            out.push(`${where}: ${block.fields.length} fields`);
          }
          block.fields.forEach((f, j) => {
            checkText(`${where} field ${j}`, f, BLOCK_KIT.fieldText, out);
          });
        }
        break;
      case 'context': {
        const elements = block.elements ?? [];
        if (elements.length < 1 || elements.length > BLOCK_KIT.contextElements) {
          out.push(`${where}: ${elements.length} elements`);
        }
        elements.forEach((e, j) => {
          checkText(`${where} element ${j}`, e, BLOCK_KIT.contextText, out);
        });
        break;
      }
      case 'image': {
        // Exactly one source: our URL, or an uploaded file by id.
        const sources = [block.image_url, block.slack_file?.id].filter(Boolean);
        if (sources.length !== 1) out.push(`${where}: ${sources.length} image sources`);
        if (block.image_url && !/^https?:\/\//.test(block.image_url))
          out.push(`${where}: image_url is not a URL`);
        if (!block.alt_text || block.alt_text.length > 2000) out.push(`${where}: alt_text length`);
        if (block.title) {
          if (block.title.type !== 'plain_text') out.push(`${where}: title must be plain_text`);
          checkText(`${where} title`, block.title, 2000, out);
        }
        break;
      }
      default:
        out.push(`${where}: unexpected block type`);
    }
  });
  return out;
}

/** Everything a reader can see in the blocks, joined, for "does it say X" checks. */
export function visibleText(reply: ReplyJson): string {
  return (reply.blocks ?? [])
    .flatMap((b) => [
      b.text?.text,
      b.alt_text,
      ...(b.fields ?? []).map((f) => f.text),
      ...(b.elements ?? []).map((e) => e.text),
    ])
    .filter((t): t is string => typeof t === 'string')
    .join('\n');
}
