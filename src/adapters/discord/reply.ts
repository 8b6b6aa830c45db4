import { setTimeout as delay } from 'node:timers/promises';
import { type APIEmbed, type ChatInputCommandInteraction, MessageFlags } from 'discord.js';
import type { Answer } from '../../core/index.js';
import { answerToEmbed } from './embed.js';

/** Nothing the bot says pings anyone: not @everyone in a question, not a role, not a user. */
export const NO_MENTIONS = { parse: [] } as const;

/** An answer ready to send: its embed, and whether only the asker may see it. */
export interface Rendered {
  embed: APIEmbed;
  ephemeral: boolean;
}

/** Commands answer synchronously today; one doing I/O may hand back a promise instead. */
export type Pending = Rendered | Promise<Rendered>;

export function render(answer: Answer): Rendered {
  return { embed: answerToEmbed(answer), ephemeral: answer.visibility === 'private' };
}

export function isPromise<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown }).then === 'function';
}

/**
 * The embed is already in Discord's own (snake_case) shape. Handed over as JSON-encodable,
 * discord.js sends it as is instead of walking it through its camelCase-to-snake_case transform.
 */
function payload({ embed }: Rendered) {
  return { embeds: [{ toJSON: () => embed }], allowedMentions: NO_MENTIONS };
}

/** The first and only response: a public message, or an ephemeral one for private answers. */
async function reply(interaction: ChatInputCommandInteraction, rendered: Rendered): Promise<void> {
  if (rendered.ephemeral) {
    await interaction.reply({ ...payload(rendered), flags: MessageFlags.Ephemeral });
  } else {
    await interaction.reply(payload(rendered));
  }
}

/**
 * After a (public) deferral: fill the placeholder in, or, when the answer turned out private,
 * send it ephemerally and remove the placeholder, since a deferred reply cannot become ephemeral.
 */
async function completeDeferred(
  interaction: ChatInputCommandInteraction,
  rendered: Rendered,
): Promise<void> {
  if (rendered.ephemeral) {
    await interaction.followUp({ ...payload(rendered), flags: MessageFlags.Ephemeral });
    await interaction.deleteReply();
  } else {
    await interaction.editReply(payload(rendered));
  }
}

/**
 * Answers within Discord's 3 seconds. A ready answer is sent as the reply itself (one request);
 * one still pending after `deferAfterMs` gets a deferral ("thinking…") first, then the answer.
 */
export async function sendAnswer(
  interaction: ChatInputCommandInteraction,
  pending: Pending,
  deferAfterMs: number,
): Promise<void> {
  if (!isPromise(pending)) return reply(interaction, pending);
  const timer = new AbortController();
  const slow = Symbol('slow');
  const first = await Promise.race([
    pending,
    delay(deferAfterMs, slow, { signal: timer.signal }).catch(() => undefined),
  ]);
  timer.abort();
  if (first !== slow && first !== undefined) return reply(interaction, first);
  await interaction.deferReply();
  await completeDeferred(interaction, await pending);
}

/** An error answer after something already went wrong, whatever state the interaction is in. */
export async function sendLateFailure(
  interaction: ChatInputCommandInteraction,
  failure: Rendered,
): Promise<void> {
  if (interaction.deferred) return completeDeferred(interaction, failure);
  if (interaction.replied) {
    await interaction.followUp({ ...payload(failure), flags: MessageFlags.Ephemeral });
    return;
  }
  return reply(interaction, failure);
}
