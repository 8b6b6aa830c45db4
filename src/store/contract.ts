import type { FactRevisions, Lang } from '../core/index.js';
import type { DigestTarget, Platform } from '../schedule/poster.js';

/**
 * The storage contract the scheduler and the admin commands depend on. Two engines implement
 * it (SQLite, the embedded default, and PostgreSQL for several replicas); one conformance suite
 * (test/store/conformance.test.ts) runs against both. Times are the caller's clock, in
 * milliseconds since the epoch, except the shared rate budget, which keeps one clock for all.
 * Slack installations (OAuth mode, many workspaces) are one more store here.
 */

export interface Subscription extends DigestTarget {
  id: number;
  cron: string;
  timezone: string;
  lang: Lang;
  createdBy: string;
  createdAt: Date;
  /** Only slots after this count: a new or changed schedule starts with its next slot. */
  scheduleFrom: Date;
  /** Slots up to here have been looked at (sent, claimed, or recorded as missed). */
  checkedUntil: Date;
  pausedReason: string | null;
}

export interface SubscriptionInput extends DigestTarget {
  cron: string;
  timezone: string;
  lang: Lang;
  createdBy: string;
}

/** Digest subscriptions: one per (platform, channel). */
export interface SubscriptionStore {
  /**
   * Creates the channel's subscription, or replaces its schedule. Either way the schedule starts
   * after `now` and a paused subscription is resumed: subscribing again is how an admin says
   * "try again" after fixing the channel.
   */
  upsert(
    input: SubscriptionInput,
    now: Date,
  ): Promise<{ subscription: Subscription; created: boolean }>;
  /**
   * For subscriptions from configuration: creates the channel's subscription, or changes it only
   * where the schedule or language differs, so a restart never moves a schedule's start. A
   * paused one is resumed.
   */
  ensure(
    input: SubscriptionInput,
    now: Date,
  ): Promise<'created' | 'updated' | 'resumed' | 'unchanged'>;
  /** Removes configured subscriptions whose channel is no longer configured. */
  removeConfiguredExcept(
    platform: Platform,
    createdBy: string,
    keep: readonly string[],
  ): Promise<number>;
  find(platform: Platform, channelId: string): Promise<Subscription | undefined>;
  get(id: number): Promise<Subscription | undefined>;
  remove(platform: Platform, channelId: string): Promise<boolean>;
  /**
   * One workspace's subscriptions, and no one else's, by channel id. A channel configured by id
   * alone has no workspace until the platform says whose it is: it is listed to nobody.
   */
  listForWorkspace(platform: Platform, workspaceId: string | null): Promise<Subscription[]>;
  /** Subscriptions whose workspace is not known yet (configured by channel id alone). */
  withoutWorkspace(platform: Platform): Promise<Subscription[]>;
  /** Records whose a channel is; never moves a channel between workspaces. */
  learnWorkspace(platform: Platform, channelId: string, workspaceId: string): Promise<boolean>;
  /** Unpaused subscriptions on these platforms, by id. */
  active(platforms: readonly Platform[]): Promise<Subscription[]>;
  pause(id: number, reason: string, now: Date): Promise<void>;
  /** Pauses every unpaused subscription of one workspace (the app was uninstalled there). */
  pauseWorkspace(
    platform: Platform,
    workspaceId: string,
    reason: string,
    now: Date,
  ): Promise<number>;
  /**
   * Resumes the workspace's subscriptions paused for exactly `reason` (a reinstall undoes an
   * uninstall's pause, and nothing else: a channel paused as gone stays paused).
   */
  resumeWorkspace(platform: Platform, workspaceId: string, reason: string): Promise<number>;
  /** Moves `checkedUntil` forward (never back) to `until`. */
  markChecked(ids: readonly number[], until: Date): Promise<void>;
}

export type DeliveryStatus = 'claimed' | 'sent' | 'retrying' | 'failed' | 'missed';

/**
 * A claimed (subscription, slot). `fence` is the claim's fencing token: every claim and
 * take-over gets a new one, and the owner's renewals and settlements name it, so a process that
 * stalled past its lease cannot overwrite what its successor did.
 */
export interface Delivery {
  id: number;
  subscriptionId: number;
  slot: Date;
  status: DeliveryStatus;
  attempts: number;
  fence: number;
}

/** The channel's previous digest, for "what changed since". */
export interface SentDigest {
  slot: Date;
  /** What it showed; null for digests sent before revisions were recorded. */
  shownRevisions: FactRevisions | null;
}

export interface SettleDetail {
  messageId?: string;
  error?: string;
  shownRevisions?: FactRevisions;
}

/**
 * The ledger that makes each (subscription, slot) post once across every process sharing the
 * store: a slot is claimed by inserting its row, and the unique (subscription, slot) key lets
 * exactly one claimant win. Each ledger speaks for one owner (a process).
 */
export interface DeliveryLedger {
  /** Who this ledger claims as, for the logs and the table. */
  readonly owner: string;
  /** The new claim when this owner now has the slot; undefined when someone already has it. */
  claim(
    subscriptionId: number,
    slot: Date,
    leaseUntil: Date,
    now: Date,
  ): Promise<Delivery | undefined>;
  /**
   * Claims that may be taken over, oldest slot first: retries given up for now, claims whose
   * lease ran out, and (where the engine can tell) claims whose owner is gone.
   */
  unsettled(sinceSlot: Date, now: Date): Promise<Delivery[]>;
  /** Takes over an unsettled delivery with a new fence; only one owner can win it. */
  reclaim(delivery: Delivery, leaseUntil: Date, now: Date): Promise<Delivery | undefined>;
  /**
   * Extends the lease before the owner talks to the platform, counting an attempt when asked.
   * False when the claim is no longer ours (taken over, or settled): the caller must not post.
   */
  renew(
    delivery: Delivery,
    leaseUntil: Date,
    now: Date,
    options: { countAttempt: boolean },
  ): Promise<boolean>;
  /** Records how the claim ended; false (and nothing written) when it is no longer ours. */
  settle(
    delivery: Delivery,
    status: Exclude<DeliveryStatus, 'claimed' | 'missed'>,
    now: Date,
    detail?: SettleDetail,
  ): Promise<boolean>;
  /** Stops retrying a slot that is too old to post, keeping the last error. */
  giveUp(delivery: Delivery, now: Date): Promise<boolean>;
  /** Records slots that were due while the bot was down and are too old to post. */
  recordMissed(subscriptionId: number, slots: readonly Date[], now: Date): Promise<number>;
  /** The channel's newest sent digest, for "what changed since". */
  lastSent(subscriptionId: number): Promise<SentDigest | undefined>;
  countByStatus(subscriptionId?: number): Promise<Record<string, number>>;
}

/** A request rate shared by every process on the store, e.g. one bot token's global limit. */
export interface RateLimit {
  perSecond: number;
  /** Requests that may go at once after a quiet spell; any 1 s then holds at most burst + rate. */
  burst: number;
}

/**
 * Spaces requests across all processes sharing the store (a generic cell rate algorithm: each
 * call reserves the next free turn, so nobody polls). Returns how long to wait, in ms, before
 * sending; the turn is taken either way.
 */
export interface SharedRateBudget {
  reserve(name: string, limit: RateLimit): Promise<number>;
}

/**
 * Which Slack installation a request or a digest needs, as Bolt asks for it. An org-wide
 * (Enterprise Grid) install is found by its enterprise alone; any other by its team (team ids
 * are unique across Slack, so a digest that knows only the team finds a Grid workspace's
 * install too). `userId` narrows installations (not bots) to one installer.
 */
export interface SlackInstallationKey {
  enterpriseId: string | null;
  teamId: string | null;
  isEnterpriseInstall: boolean;
  userId?: string | undefined;
}

/**
 * One "Add to Slack": who installed the app where, newest first. `data` is the whole
 * installation as Bolt gives it, sealed by the caller (it holds tokens); the store never sees
 * a token in the clear.
 */
export interface StoredSlackInstallation {
  enterpriseId: string | null;
  teamId: string | null;
  userId: string;
  isEnterpriseInstall: boolean;
  data: string;
  installedAt: Date;
}

/** The bot of an installation: what digests, admin checks and answers use. Tokens sealed. */
export interface StoredSlackBot {
  /** Row id, for the compare-and-set of a token refresh; 0 before it is saved. */
  id: number;
  enterpriseId: string | null;
  teamId: string | null;
  isEnterpriseInstall: boolean;
  appId: string | null;
  botId: string;
  botUserId: string;
  botScopes: string[];
  botToken: string;
  botRefreshToken: string | null;
  /** When the bot token expires (token rotation on); null when it never does. */
  botTokenExpiresAt: Date | null;
  installedAt: Date;
}

/** The refreshed bot token, sealed like the rest. */
export interface RefreshedSlackBotToken {
  botToken: string;
  botRefreshToken: string;
  botTokenExpiresAt: Date;
}

/**
 * Slack installations, shaped after Slack's own SQL installation store (installations + bots,
 * newest install wins), plus the two things OAuth mode needs to be safe across replicas: a
 * single-use OAuth state and a per-workspace refresh lock.
 */
export interface SlackInstallationStore {
  /** Records an install (and its bot, when it has one) in one transaction. */
  save(installation: StoredSlackInstallation, bot: StoredSlackBot | undefined): Promise<void>;
  findInstallation(key: SlackInstallationKey): Promise<StoredSlackInstallation | undefined>;
  findBot(key: SlackInstallationKey): Promise<StoredSlackBot | undefined>;
  /**
   * Replaces a bot's tokens only if its refresh token is still `expectedRefreshToken`: of two
   * racing refreshes only the first is stored, so a used (dead) refresh token never wins.
   */
  updateBotToken(
    botRowId: number,
    expectedRefreshToken: string,
    refreshed: RefreshedSlackBotToken,
  ): Promise<boolean>;
  /**
   * Replaces a bot's sealed tokens with the same tokens sealed again (a new encryption key),
   * only if its token is still `expectedBotToken`: a refresh meanwhile wins.
   */
  resealBot(
    botRowId: number,
    expectedBotToken: string,
    sealed: { botToken: string; botRefreshToken: string | null },
  ): Promise<boolean>;
  /** Deletes installations (only that user's when `key.userId` is set); returns rows removed. */
  deleteInstallations(key: SlackInstallationKey): Promise<number>;
  deleteBots(key: SlackInstallationKey): Promise<number>;
  /**
   * Records that a team is part of an enterprise whose install is org-wide (learned from the
   * requests it sends), so a digest, which knows only its team, finds the org's token.
   */
  rememberEnterpriseTeam(teamId: string, enterpriseId: string): Promise<void>;
  enterpriseOfTeam(teamId: string): Promise<string | undefined>;
  teamsOfEnterprise(enterpriseId: string): Promise<string[]>;
  /** Records an OAuth state handed to a browser, valid until `expiresAt`; forgets expired ones. */
  putState(state: string, expiresAt: Date, now: Date): Promise<void>;
  /** True once per state and only before it expires: a replayed or unknown state is false. */
  consumeState(state: string, now: Date): Promise<boolean>;
  /**
   * Runs `work` while holding the lock `name` across every process on the database (one token
   * refresh per workspace at a time). Waits for a holder, a bounded time; throws after that.
   */
  withLock<T>(name: string, work: () => Promise<T>): Promise<T>;
}

/**
 * Chart images uploaded to Slack (files.uploadV2 without a public URL), so a restart or another
 * replica shows the file already there instead of uploading the same PNG again. A file id
 * belongs to one workspace, so the key is (team id, content hash of the PNG).
 */
export interface SlackFileStore {
  find(teamId: string, hash: string): Promise<string | undefined>;
  /**
   * Records an upload unless one is recorded already, in one statement: of replicas racing for
   * the first upload, exactly one is stored. Returns the recorded file id, ours or the winner's.
   */
  remember(teamId: string, hash: string, fileId: string, now: Date): Promise<string>;
  /**
   * Forgets the file (Slack says it is gone) only while it is still the one recorded, so a
   * replica that already uploaded a replacement keeps it. True when a row went.
   */
  forget(teamId: string, hash: string, fileId: string): Promise<boolean>;
}

export type StoreEngine = 'sqlite' | 'postgres';

/** One open store: what the bot's digests need, for one owner (this process). */
export interface Store {
  readonly engine: StoreEngine;
  readonly subscriptions: SubscriptionStore;
  readonly ledger: DeliveryLedger;
  readonly rateBudget: SharedRateBudget;
  readonly slackInstallations: SlackInstallationStore;
  readonly slackFiles: SlackFileStore;
  /** A trivial query: the database answers (readiness), waiting for no lock. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
