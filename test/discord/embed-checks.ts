import { expect } from 'vitest';
import { EMBED_COLOUR, EMBED_LIMITS, embedSize } from '../../src/adapters/discord/embed.js';
import type { RecordedRequest } from '../support/fake-discord/fake-discord.js';

export const EPHEMERAL = 64;

/** The first eight bytes of every PNG file. */
export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The callback or webhook body the bot sent, with the one embed every answer has. */
export interface SentMessage {
  type?: number;
  data?: MessageData;
}

export interface MessageData {
  flags?: number;
  content?: string;
  embeds: {
    title?: string;
    description?: string;
    color?: number;
    fields?: { name: string; value: string; inline?: boolean }[];
    footer?: { text: string };
    author?: { name: string };
    image?: { url: string };
  }[];
  attachments?: { id: string; filename: string; description?: string; size?: number }[];
  allowed_mentions?: unknown;
}

/** The message part of a callback (`data`) or of a webhook send/edit (the body itself). */
export function messageOf(request: RecordedRequest): MessageData {
  const body = request.body as SentMessage & MessageData;
  return body.data ?? body;
}

export function embedOf(request: RecordedRequest) {
  const [embed] = messageOf(request).embeds;
  if (!embed) throw new Error(`no embed in ${request.method} ${request.path}`);
  return embed;
}

/** Everything a reader sees in the embed, as one string to look for figures in. */
export function embedText(request: RecordedRequest): string {
  return messageText(messageOf(request));
}

/** The same for a message as the fake channel stored it (a digest post's body). */
export function messageText(message: MessageData): string {
  const [embed] = message.embeds;
  if (!embed) throw new Error('no embed in the message');
  return [
    embed.title,
    embed.description,
    ...(embed.fields ?? []).flatMap((f) => [f.name, f.value]),
    embed.footer?.text,
  ].join('\n');
}

export function isEphemeral(request: RecordedRequest): boolean {
  return ((messageOf(request).flags ?? 0) & EPHEMERAL) === EPHEMERAL;
}

/** Every rule a message must keep, whatever it says. */
export function expectWellFormed(request: RecordedRequest): void {
  const message = messageOf(request);
  expect(message.allowed_mentions).toEqual({ parse: [] });
  expect(message.embeds).toHaveLength(1);
  const embed = embedOf(request);
  expect(embed.color).toBe(EMBED_COLOUR);
  expect(embed.title?.length ?? 0).toBeGreaterThan(0);
  expect(embed.footer?.text.length ?? 0).toBeGreaterThan(0);
  // The cast is safe: the recorded JSON has exactly the APIEmbed fields embedSize reads.
  expectEmbedWithinLimits(embed as Parameters<typeof embedSize>[0]);
}

/** Discord's embed limits, each one, and the total over all text. */
export function expectEmbedWithinLimits(embed: Parameters<typeof embedSize>[0]): void {
  expect(embed.title?.length ?? 0).toBeLessThanOrEqual(EMBED_LIMITS.title);
  expect(embed.description?.length ?? 0).toBeLessThanOrEqual(EMBED_LIMITS.description);
  expect(embed.fields?.length ?? 0).toBeLessThanOrEqual(EMBED_LIMITS.fields);
  for (const field of embed.fields ?? []) {
    expect(field.name.length).toBeGreaterThan(0);
    expect(field.name.length).toBeLessThanOrEqual(EMBED_LIMITS.fieldName);
    expect(field.value.length).toBeGreaterThan(0);
    expect(field.value.length).toBeLessThanOrEqual(EMBED_LIMITS.fieldValue);
  }
  expect(embed.footer?.text.length ?? 0).toBeLessThanOrEqual(EMBED_LIMITS.footer);
  expect(embedSize(embed)).toBeLessThanOrEqual(EMBED_LIMITS.total);
}
