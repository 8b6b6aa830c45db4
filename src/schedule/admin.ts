import {
  type Answer,
  digestAnswer,
  errorAnswer,
  formatDate,
  type Lang,
  type Story,
  t,
} from '../core/index.js';
import type { DeliveryLedger, SubscriptionStore } from '../store/contract.js';
import { type Clock, localIsoDate } from './clock.js';
import { digestFor } from './delivery.js';
import type { Platform } from './poster.js';
import type { PostingHealth } from './posting-health.js';
import { checkSchedule, DEFAULT_TIMEZONE, type ScheduleProblem } from './schedule-spec.js';
import { nextSlots } from './slots.js';

/** Who asks, where, and whether the platform says they are an admin (checked by the adapter
 * from the platform's own data on our side, never trusted from the client). */
export interface AdminRequest {
  platform: Platform;
  workspaceId: string | null;
  channelId: string;
  userId: string;
  lang: Lang;
  isAdmin: boolean;
}

export interface SubscribeArgs {
  /** A preset (`daily`, `weekdays`, `weekly`) or five cron fields. */
  schedule: string;
  timezone?: string | undefined;
  digestLang?: Lang | undefined;
}

/** One admin command as an adapter parsed it, whichever platform's syntax named it. */
export type AdminAction =
  | { kind: 'subscribe'; args: SubscribeArgs }
  | { kind: 'unsubscribe' | 'list' | 'preview' };

/**
 * The digest admin commands (subscribe, unsubscribe, list, preview), platform-neutral: adapters
 * parse their platform's input into these calls and render the Answers.
 */
export class DigestAdmin {
  constructor(
    private readonly deps: {
      story: Story;
      subscriptions: SubscriptionStore;
      ledger: DeliveryLedger;
      health: PostingHealth;
      clock: Clock;
    },
  ) {}

  #reply(lang: Lang, lead: string, extra: Partial<Answer> = {}): Answer {
    return {
      lang,
      title: t(lang, 'title.digestAdmin'),
      lead,
      sources: [],
      asOf: this.deps.story.asOf,
      visibility: 'private',
      ...extra,
    };
  }

  #refuse(req: AdminRequest): Answer | undefined {
    if (req.isAdmin) return undefined;
    return errorAnswer(
      this.deps.story,
      req.lang,
      t(req.lang, 'title.digestAdmin'),
      t(req.lang, 'digest.notAdmin'),
    );
  }

  #problem(lang: Lang, problem: ScheduleProblem): Answer {
    const lead =
      problem.kind === 'cron'
        ? t(lang, 'digest.badCron', { detail: problem.detail })
        : problem.kind === 'timezone'
          ? t(lang, 'digest.badTimezone', { zone: problem.detail })
          : t(lang, 'digest.tooOften');
    return errorAnswer(this.deps.story, lang, t(lang, 'title.invalidInput'), lead);
  }

  /** From the scheduler's clock, so the promise matches what the tick will post. */
  #nextPosts(lang: Lang, cron: string, timezone: string) {
    const next = nextSlots(cron, timezone, this.deps.clock.now(), 3);
    const format = new Intl.DateTimeFormat(lang === 'ja' ? 'ja-JP' : 'en-GB', {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: timezone,
    });
    return {
      label: t(lang, 'digest.next'),
      value: next.map((slot) => format.format(slot)).join('\n'),
    };
  }

  /** The command `action` names; the one dispatch both adapters use. */
  run(req: AdminRequest, action: AdminAction): Promise<Answer> {
    switch (action.kind) {
      case 'subscribe':
        return this.subscribe(req, action.args);
      case 'unsubscribe':
        return this.unsubscribe(req);
      case 'list':
        return this.list(req);
      case 'preview':
        return this.preview(req);
    }
  }

  async subscribe(req: AdminRequest, args: SubscribeArgs): Promise<Answer> {
    const refusal = this.#refuse(req);
    if (refusal) return refusal;
    const check = checkSchedule(args.schedule, args.timezone ?? DEFAULT_TIMEZONE, {
      allowFrequent: false,
    });
    if (!check.ok) return this.#problem(req.lang, check.problem);
    const digestLang = args.digestLang ?? req.lang;
    const { created } = await this.deps.subscriptions.upsert(
      {
        platform: req.platform,
        workspaceId: req.workspaceId,
        channelId: req.channelId,
        cron: check.cron,
        timezone: check.timezone,
        lang: digestLang,
        createdBy: req.userId,
      },
      this.deps.clock.now(),
    );
    const params = {
      cron: check.cron,
      timezone: check.timezone,
      lang: t(req.lang, `lang.${digestLang}`),
    };
    return this.#reply(
      req.lang,
      t(req.lang, created ? 'digest.subscribed' : 'digest.updated', params),
      {
        fields: [this.#nextPosts(req.lang, check.cron, check.timezone)],
      },
    );
  }

  async unsubscribe(req: AdminRequest): Promise<Answer> {
    const refusal = this.#refuse(req);
    if (refusal) return refusal;
    const removed = await this.deps.subscriptions.remove(req.platform, req.channelId);
    return this.#reply(
      req.lang,
      t(req.lang, removed ? 'digest.unsubscribed' : 'digest.notSubscribed'),
    );
  }

  async list(req: AdminRequest): Promise<Answer> {
    const refusal = this.#refuse(req);
    if (refusal) return refusal;
    const subs = await this.deps.subscriptions.listForWorkspace(req.platform, req.workspaceId);
    // Said first and apart from each channel's own state: the channels are fine, the bot is not.
    const stopped = this.deps.health.stoppedFor(req.platform);
    const stoppedLine = stopped
      ? [t(req.lang, 'digest.postingStopped', { reason: stopped.reason })]
      : [];
    if (subs.length === 0) {
      return this.#reply(req.lang, [...stoppedLine, t(req.lang, 'digest.listEmpty')].join('\n'));
    }
    const lead = [...stoppedLine, t(req.lang, 'digest.listLead', { count: subs.length })];
    return this.#reply(req.lang, lead.join('\n'), {
      fields: subs.map((sub) => ({
        label: `#${sub.channelId}`,
        value: [
          `\`${sub.cron}\` (${sub.timezone}, ${t(req.lang, `lang.${sub.lang}`)})`,
          sub.pausedReason === null
            ? t(req.lang, 'digest.active')
            : t(req.lang, 'digest.paused', { reason: sub.pausedReason }),
          `${formatDate(localIsoDate(sub.createdAt, sub.timezone), req.lang)} · ${sub.createdBy}`,
        ].join('\n'),
      })),
    });
  }

  /** The digest as this channel would get it now, privately, with its next post times. */
  async preview(req: AdminRequest): Promise<Answer> {
    const refusal = this.#refuse(req);
    if (refusal) return refusal;
    const sub = await this.deps.subscriptions.find(req.platform, req.channelId);
    const digest = sub
      ? (await digestFor(this.deps, sub)).answer
      : digestAnswer(this.deps.story, req.lang);
    const extra = sub ? [this.#nextPosts(req.lang, sub.cron, sub.timezone)] : [];
    return {
      ...digest,
      lead: `${t(req.lang, 'digest.previewLead')}${sub ? '' : ` ${t(req.lang, 'digest.notSubscribed')}`}\n${digest.lead ?? ''}`,
      fields: [...(digest.fields ?? []), ...extra],
      visibility: 'private',
    };
  }
}
