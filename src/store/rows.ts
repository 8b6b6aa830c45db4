import type { Lang } from '../core/index.js';
import type { Platform } from '../schedule/poster.js';
import type {
  Delivery,
  DeliveryStatus,
  SettleDetail,
  SlackInstallationKey,
  StoredSlackBot,
  StoredSlackInstallation,
  Subscription,
  SubscriptionInput,
} from './contract.js';

/**
 * The rows both engines store, column for column (times as milliseconds since the epoch), and
 * their mapping to the contract's types: one schema, so one mapping.
 */
export interface SubscriptionRow {
  id: number;
  platform: Platform;
  workspace_id: string | null;
  channel_id: string;
  cron: string;
  timezone: string;
  lang: Lang;
  created_by: string;
  created_at: number;
  schedule_from: number;
  checked_until: number;
  paused_reason: string | null;
}

export function subscriptionFromRow(row: SubscriptionRow): Subscription {
  return {
    id: row.id,
    platform: row.platform,
    workspaceId: row.workspace_id,
    channelId: row.channel_id,
    cron: row.cron,
    timezone: row.timezone,
    lang: row.lang,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at),
    scheduleFrom: new Date(row.schedule_from),
    checkedUntil: new Date(row.checked_until),
    pausedReason: row.paused_reason,
  };
}

export interface DeliveryRow {
  id: number;
  subscription_id: number;
  slot: number;
  status: DeliveryStatus;
  attempts: number;
  fence: number;
}

export const deliveryFromRow = (row: DeliveryRow): Delivery => ({
  id: row.id,
  subscriptionId: row.subscription_id,
  slot: new Date(row.slot),
  status: row.status,
  attempts: row.attempts,
  fence: row.fence,
});

/**
 * A new subscription's values in the column order of both engines' INSERT: platform …
 * created_by, then the time, which each engine also uses for schedule_from and checked_until.
 */
export function subscriptionInsertValues(input: SubscriptionInput, now: Date) {
  return [
    input.platform,
    input.workspaceId,
    input.channelId,
    input.cron,
    input.timezone,
    input.lang,
    input.createdBy,
    now.getTime(),
  ] as const;
}

/**
 * settle's values in the order of both engines' UPDATE: status, message_id, error,
 * shown_revisions, updated_at, then the claim it must still match (id, fence).
 */
export function settleValues(
  delivery: Delivery,
  status: DeliveryStatus,
  now: Date,
  detail: SettleDetail,
) {
  return [
    status,
    detail.messageId ?? null,
    detail.error ?? null,
    detail.shownRevisions ? JSON.stringify(detail.shownRevisions) : null,
    now.getTime(),
    delivery.id,
    delivery.fence,
  ] as const;
}

/** Whether a subscribe asks for the schedule the channel already has (then only a pause lifts). */
export function sameSchedule(
  existing: Subscription | undefined,
  input: SubscriptionInput,
): boolean {
  return (
    existing !== undefined &&
    existing.cron === input.cron &&
    existing.timezone === input.timezone &&
    existing.lang === input.lang
  );
}

export interface SlackInstallationRow {
  enterprise_id: string | null;
  team_id: string | null;
  user_id: string;
  /** 0/1 in SQLite, a boolean in PostgreSQL. */
  is_enterprise_install: number | boolean;
  data: string;
  installed_at: number;
}

export const slackInstallationFromRow = (row: SlackInstallationRow): StoredSlackInstallation => ({
  enterpriseId: row.enterprise_id,
  teamId: row.team_id,
  userId: row.user_id,
  isEnterpriseInstall: Boolean(row.is_enterprise_install),
  data: row.data,
  installedAt: new Date(row.installed_at),
});

export interface SlackBotRow {
  id: number;
  enterprise_id: string | null;
  team_id: string | null;
  is_enterprise_install: number | boolean;
  app_id: string | null;
  bot_id: string;
  bot_user_id: string;
  bot_scopes: string;
  bot_token: string;
  bot_refresh_token: string | null;
  bot_token_expires_at: number | null;
  installed_at: number;
}

export const slackBotFromRow = (row: SlackBotRow): StoredSlackBot => ({
  id: row.id,
  enterpriseId: row.enterprise_id,
  teamId: row.team_id,
  isEnterpriseInstall: Boolean(row.is_enterprise_install),
  appId: row.app_id,
  botId: row.bot_id,
  botUserId: row.bot_user_id,
  botScopes: row.bot_scopes ? row.bot_scopes.split(',') : [],
  botToken: row.bot_token,
  botRefreshToken: row.bot_refresh_token,
  botTokenExpiresAt: row.bot_token_expires_at === null ? null : new Date(row.bot_token_expires_at),
  installedAt: new Date(row.installed_at),
});

/**
 * The (enterprise, team) a key looks up: an org-wide install is the enterprise's alone,
 * whatever team the request came from; any other install is its team's.
 */
export function lookupOf(key: SlackInstallationKey): {
  enterpriseId: string | null;
  teamId: string | null;
} {
  return {
    enterpriseId: key.enterpriseId,
    teamId: key.isEnterpriseInstall ? null : key.teamId,
  };
}
