import {
  type APIAllowedMentions,
  type APIEmbed,
  type APIInteractionResponse,
  type APIInteractionResponseCallbackData,
  InteractionResponseType,
  MessageFlags,
  type RawFile,
  type REST,
  Routes,
} from 'discord.js';
import type { ChartImage, ChartImages } from '../../chart/index.js';
import { type Answer, isPromise } from '../../core/index.js';
import { LATE, within } from '../deadline.js';
import { attachmentUrl, chartAttachments, chartFiles } from './chart-attachment.js';
import { answerToEmbed } from './embed.js';
import { messageRequest } from './multipart.js';

/** Nothing the bot says pings anyone: not @everyone in a question, not a role, not a user. */
export const NO_MENTIONS: APIAllowedMentions = { parse: [] };

/** An answer ready to send: its embed, its chart image if any, and who may see it. */
export interface Rendered {
  embed: APIEmbed;
  /** Sent as `files[0]` with every body made from this; the embed shows it. */
  image?: ChartImage;
  ephemeral: boolean;
}

/** Commands answer synchronously today; one doing I/O may hand back a promise instead. */
export type Pending = Rendered | Promise<Rendered>;

/** `charts` draws (or finds) the chart image; without it the chart stays text bars. */
export function render(answer: Answer, charts?: ChartImages): Rendered {
  const image = charts?.imageFor(answer);
  const ephemeral = answer.visibility === 'private';
  if (!image) return { embed: answerToEmbed(answer), ephemeral };
  return { embed: answerToEmbed(answer, attachmentUrl(image)), image, ephemeral };
}

/**
 * The one message body every reply, edit and follow-up carries, in Discord's own JSON; with a
 * chart, it lists the attachment that `messageFiles` sends alongside.
 */
export function messageData(
  { embed, image }: Rendered,
  ephemeral: boolean,
): APIInteractionResponseCallbackData {
  return {
    embeds: [embed],
    allowed_mentions: NO_MENTIONS,
    ...(image ? { attachments: chartAttachments(image) } : {}),
    ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
  };
}

/** The files a message from `rendered` sends (multipart), or undefined for JSON alone. */
export function messageFiles({ image }: Rendered): readonly RawFile[] | undefined {
  return chartFiles(image);
}

/** First responses already built, per rendered answer (cached answers are the same object). */
const replies = new WeakMap<Rendered, APIInteractionResponse>();

/**
 * The first response that answers with `rendered`, built once per rendered answer: a cached
 * answer is sent as the same object every time, so the request made from it (multipart.ts) is
 * kept with it and a repeat reply builds nothing. Never changed once built.
 */
export function replyResponse(rendered: Rendered): APIInteractionResponse {
  let response = replies.get(rendered);
  if (!response) {
    response = {
      type: InteractionResponseType.ChannelMessageWithSource,
      data: messageData(rendered, rendered.ephemeral),
    };
    replies.set(rendered, response);
  }
  return response;
}

/**
 * How the first response reaches Discord: over REST to the callback endpoint (gateway), or as
 * the body of the HTTP response to Discord's own request (interactions endpoint). Everything
 * after it goes over REST through the interaction's webhook, the same way in both modes.
 */
export interface FirstResponse {
  send(response: APIInteractionResponse, files?: readonly RawFile[]): Promise<void>;
  /**
   * Whether `send` can carry a file. The callback endpoint takes multipart; Discord does not
   * reliably accept a multipart HTTP response to its own request (ADR 010), so there an answer
   * with a chart is a deferral followed by an edit that carries the file.
   */
  carriesFiles: boolean;
}

/** The interaction's webhook (its token, valid 15 minutes): edits and follow-ups. */
export interface InteractionTarget {
  rest: REST;
  applicationId: string;
  token: string;
}

/**
 * One interaction's replies, in the order Discord allows: a first response (the answer, or a
 * deferral), then edits and follow-ups. Tracks which has happened, so a late failure is sent
 * the only way still open. Every body comes from `messageData`, whatever the mode.
 */
export class InteractionReply {
  #state: 'new' | 'deferred' | 'replied' = 'new';
  /** The deferral was ephemeral: its placeholder, seen by the asker alone, is edited in place. */
  #deferredPrivately = false;

  constructor(
    private readonly first: FirstResponse,
    private readonly target: InteractionTarget,
  ) {}

  async #reply(rendered: Rendered): Promise<void> {
    if (rendered.image && !this.first.carriesFiles) return this.#deferThenEdit(rendered);
    await this.first.send(replyResponse(rendered), messageFiles(rendered));
    // Only once Discord took it: a refused reply leaves the first response still to send.
    this.#state = 'replied';
  }

  async #defer(privately: boolean): Promise<void> {
    await this.first.send({
      type: InteractionResponseType.DeferredChannelMessageWithSource,
      ...(privately ? { data: { flags: MessageFlags.Ephemeral } } : {}),
    });
    this.#state = 'deferred';
    this.#deferredPrivately = privately;
  }

  /** A deferral as private as the answer, then the answer (with its file) as the edit of it. */
  async #deferThenEdit(rendered: Rendered): Promise<void> {
    await this.#defer(rendered.ephemeral);
    await this.#completeDeferred(rendered);
    this.#state = 'replied';
  }

  async #followUp(rendered: Rendered): Promise<void> {
    const { rest, applicationId, token } = this.target;
    const request = await messageRequest(messageData(rendered, true), messageFiles(rendered));
    await rest.post(Routes.webhook(applicationId, token), { ...request, auth: false });
  }

  /**
   * After a deferral: fill the placeholder in, or, when a public placeholder's answer turned out
   * private, send it ephemerally and remove the placeholder, since a deferred reply cannot
   * become ephemeral. (A private placeholder takes any answer as an edit, still private.)
   */
  async #completeDeferred(rendered: Rendered): Promise<void> {
    const { rest, applicationId, token } = this.target;
    const original = Routes.webhookMessage(applicationId, token, '@original');
    const files = messageFiles(rendered);
    if (this.#deferredPrivately) {
      const request = await messageRequest(messageData(rendered, true), files);
      await rest.patch(original, { ...request, auth: false });
    } else if (rendered.ephemeral) {
      await this.#followUp(rendered);
      await rest.delete(original, { auth: false });
    } else {
      const request = await messageRequest(messageData(rendered, false), files);
      await rest.patch(original, { ...request, auth: false });
    }
  }

  /**
   * Answers within Discord's 3 seconds. A ready answer is sent as the reply itself (one request);
   * one still pending after `deferAfterMs` gets a deferral ("thinking…") first, then the answer.
   * `privately`: every answer of this command is private (the digest admin's), so its deferral
   * is shown to the asker alone rather than to the whole channel.
   */
  async send(pending: Pending, deferAfterMs: number, privately = false): Promise<void> {
    if (!isPromise(pending)) return this.#reply(pending);
    const first = await within(pending, deferAfterMs);
    if (first !== LATE) return this.#reply(first);
    await this.#defer(privately);
    await this.#completeDeferred(await pending);
  }

  /** An error answer after something already went wrong, whatever state the interaction is in. */
  async sendLateFailure(failure: Rendered): Promise<void> {
    if (this.#state === 'deferred') return this.#completeDeferred(failure);
    if (this.#state === 'replied') return this.#followUp(failure);
    return this.#reply(failure);
  }
}
