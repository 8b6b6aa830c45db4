import { config as loadDotenv } from 'dotenv';
import { z } from 'zod';
import { parseTokenKey } from './adapters/slack/oauth/token-cipher.js';
import { LangSchema } from './core/lang.js';
import { DEFAULT_DATABASE_PATH } from './paths.js';
import { checkSchedule, DEFAULT_TIMEZONE } from './schedule/schedule-spec.js';

/** `FOO=` in a .env file means "not set", not "set to nothing". */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });
/** DATABASE_URL's shape; copy-store checks its --to the same way. Never echoed back. */
export const postgresUrl = z.url({
  protocol: /^postgres(ql)?$/,
  error:
    'must be a PostgreSQL URL such as postgres://user:password@host:5432/sakura (leave it unset to use the SQLite file at DATABASE_PATH)',
});
const snowflake = z.string().regex(/^\d{17,20}$/, 'must be a Discord id (17–20 digits)');

/** `a, b,c` -> ['a', 'b', 'c'], each checked by `item`. */
const idList = (item: z.ZodString) =>
  optional(
    z
      .string()
      .transform((text) =>
        text
          .split(',')
          .map((id) => id.trim())
          .filter(Boolean),
      )
      .pipe(z.array(item)),
  ).default([]);
const tokenKey = z.string().transform((text, ctx) => {
  const key = parseTokenKey(text);
  if (typeof key === 'string') {
    ctx.addIssue({ code: 'custom', message: key });
    return z.NEVER;
  }
  return key;
});
const slackId = z.string().regex(/^[A-Z0-9]{8,12}$/, 'must be Slack ids such as C0123456789');

const EnvSchema = z.object({
  DISCORD_TOKEN: optional(z.string().min(20, 'looks too short for a bot token')),
  DISCORD_APPLICATION_ID: optional(snowflake),
  DISCORD_GUILD_ID: optional(snowflake),
  DISCORD_API_URL: optional(httpUrl),
  SLACK_BOT_TOKEN: optional(z.string().startsWith('xoxb-', 'must start with xoxb-')),
  SLACK_SIGNING_SECRET: optional(z.string().min(8, 'looks too short for a signing secret')),
  SLACK_APP_TOKEN: optional(z.string().startsWith('xapp-', 'must start with xapp-')),
  SLACK_API_URL: optional(httpUrl),
  // OAuth mode (many workspaces): the app's credentials from its Basic Information page.
  SLACK_CLIENT_ID: optional(
    z.string().regex(/^\d+\.\d+$/, 'must be the Client ID, such as 1234.5678'),
  ),
  SLACK_CLIENT_SECRET: optional(z.string().min(16, 'looks too short for a client secret')),
  SLACK_STATE_SECRET: optional(z.string().min(32, 'must be at least 32 characters of random text')),
  // 32 random bytes, base64: seals every stored Slack token (AES-256-GCM). Never echoed back.
  SLACK_TOKEN_ENCRYPTION_KEY: optional(tokenKey),
  SLACK_TOKEN_ENCRYPTION_KEY_PREVIOUS: optional(tokenKey),
  PORT: optional(z.coerce.number().int().min(0).max(65535)).default(3000),
  STORIES_DIR: optional(z.string()),
  STORY_ID: optional(z.string()),
  DEFAULT_LANG: optional(LangSchema).default('en'),
  LOG_LEVEL: optional(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])),
  DATABASE_PATH: optional(z.string()).default(DEFAULT_DATABASE_PATH),
  // Never echoed back: the URL may hold a password.
  DATABASE_URL: optional(postgresUrl),
  DIGEST_CRON: optional(z.string()),
  DIGEST_TIMEZONE: optional(z.string()).default(DEFAULT_TIMEZONE),
  DISCORD_DIGEST_CHANNELS: idList(z.string().regex(/^\d{17,20}$/, 'must be Discord channel ids')),
  SLACK_DIGEST_CHANNELS: idList(slackId),
  DIGEST_CATCHUP_MINUTES: optional(
    z.coerce
      .number()
      .int()
      .min(0)
      .max(7 * 24 * 60),
  ).default(60),
  SLACK_ADMIN_USER_IDS: idList(slackId),
  // Discord's application public key: 32 bytes, shown as 64 hex digits in the Developer Portal.
  DISCORD_PUBLIC_KEY: optional(
    z.string().regex(/^[0-9a-fA-F]{64}$/, 'must be the 64 hex digits of the Public Key'),
  ),
  SHARD_COUNT: optional(
    z.union([z.literal('auto'), z.coerce.number().int().min(1).max(100_000)], {
      error: 'must be a number of shards (1 or more) or auto',
    }),
  ),
  SHARD_IDS: idList(z.string().regex(/^\d{1,6}$/, 'must be shard numbers such as 0,1')).transform(
    (ids) => ids.map(Number),
  ),
  // This server's address as the internet reaches it: Slack (HTTP mode) loads chart images from
  // <PUBLIC_BASE_URL>/charts/<hash>.png. Unset, Slack gets charts uploaded as files instead.
  PUBLIC_BASE_URL: optional(httpUrl.transform((url) => url.replace(/\/+$/, ''))),
  // Where the one HTTP server listens; unset means every interface, as Node does.
  HOST: optional(z.string()),
  /** Unset: register at start-up only when one process runs the whole bot (see ADR 004). */
  REGISTER_ON_START: optional(z.enum(['true', 'false'], { error: 'must be true or false' })),
});

/** A variable as set: missing and empty (`FOO=` in .env) are both "not set". */
function isSet(env: NodeJS.ProcessEnv, name: string): boolean {
  return (env[name] ?? '').trim() !== '';
}

/**
 * Checks between variables, on the raw environment so they are reported together with every
 * single-variable problem in one message, rather than only once those are fixed.
 */
function crossCheck(env: NodeJS.ProcessEnv): string[] {
  const problems: string[] = [];
  problems.push(...crossCheckSlackOAuth(env));
  // Half a platform's credentials is a mistake worth stopping for, not a silent console run.
  const pairs = [
    ['DISCORD_TOKEN', 'DISCORD_APPLICATION_ID'],
    ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET'],
    ['SLACK_APP_TOKEN', 'SLACK_BOT_TOKEN'],
  ] as const;
  const oauth = isSet(env, 'SLACK_CLIENT_ID');
  for (const [a, b] of pairs) {
    if (oauth && a === 'SLACK_APP_TOKEN') continue;
    if (isSet(env, a) && !isSet(env, b)) problems.push(`${b}: is required when ${a} is set`);
  }
  for (const [a, b] of pairs.slice(0, 2)) {
    // The signing secret without a bot token is OAuth mode, checked on its own.
    if (a === 'SLACK_BOT_TOKEN' && oauth) continue;
    if (isSet(env, b) && !isSet(env, a)) problems.push(`${a}: is required when ${b} is set`);
  }
  // The operator's schedule is trusted with any valid cron, even every minute.
  const cron = env.DIGEST_CRON?.trim();
  if (cron) {
    const zone = env.DIGEST_TIMEZONE?.trim() || DEFAULT_TIMEZONE;
    const check = checkSchedule(cron, zone, { allowFrequent: true });
    if (!check.ok) {
      problems.push(
        check.problem.kind === 'timezone'
          ? 'DIGEST_TIMEZONE: unknown time zone; use an IANA name such as Asia/Tokyo'
          : `DIGEST_CRON: ${check.problem.detail}; for example 0 9 * * * (09:00 daily)`,
      );
    }
  }
  for (const [channels, token] of [
    ['DISCORD_DIGEST_CHANNELS', 'DISCORD_TOKEN'],
    ['SLACK_DIGEST_CHANNELS', 'SLACK_BOT_TOKEN'],
  ] as const) {
    if (!isSet(env, channels)) continue;
    if (!cron) problems.push(`DIGEST_CRON: is required when ${channels} is set, e.g. 0 9 * * *`);
    if (!isSet(env, token)) problems.push(`${channels}: needs ${token} to post there`);
  }
  problems.push(...crossCheckDiscordModes(env));
  return problems;
}

const OAUTH_VARIABLES = ['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET'] as const;

/**
 * OAuth mode (the app installed in many workspaces) is on when its three variables are set;
 * it needs the signing secret for requests and a key to seal tokens with, and it replaces the
 * one bot token rather than adding to it.
 */
function crossCheckSlackOAuth(env: NodeJS.ProcessEnv): string[] {
  const set = OAUTH_VARIABLES.filter((name) => isSet(env, name));
  if (set.length === 0) {
    if (
      isSet(env, 'SLACK_TOKEN_ENCRYPTION_KEY_PREVIOUS') &&
      !isSet(env, 'SLACK_TOKEN_ENCRYPTION_KEY')
    )
      return [
        'SLACK_TOKEN_ENCRYPTION_KEY: is required when SLACK_TOKEN_ENCRYPTION_KEY_PREVIOUS is set',
      ];
    return [];
  }
  const problems = OAUTH_VARIABLES.filter((name) => !isSet(env, name)).map(
    (name) => `${name}: is required for Slack OAuth mode (set with ${set.join(', ')})`,
  );
  if (!isSet(env, 'SLACK_SIGNING_SECRET'))
    problems.push('SLACK_SIGNING_SECRET: is required for Slack OAuth mode');
  if (!isSet(env, 'SLACK_TOKEN_ENCRYPTION_KEY'))
    problems.push(
      'SLACK_TOKEN_ENCRYPTION_KEY: is required for Slack OAuth mode: 32 random bytes in base64 (openssl rand -base64 32)',
    );
  if (isSet(env, 'SLACK_APP_TOKEN'))
    problems.push(
      'SLACK_APP_TOKEN: unset it in OAuth mode: installs and requests come over HTTP (Slack does not distribute Socket Mode apps)',
    );
  if (isSet(env, 'SLACK_BOT_TOKEN'))
    problems.push(
      'SLACK_BOT_TOKEN: unset it in OAuth mode (SLACK_CLIENT_ID is set): each workspace gets its own token when it installs the app',
    );
  return problems;
}

/** Sharding is a gateway setting; the HTTP endpoint has no gateway and no shards. */
function crossCheckDiscordModes(env: NodeJS.ProcessEnv): string[] {
  const problems: string[] = [];
  const httpMode = isSet(env, 'DISCORD_PUBLIC_KEY');
  if (httpMode && !isSet(env, 'DISCORD_TOKEN'))
    problems.push('DISCORD_TOKEN: is required when DISCORD_PUBLIC_KEY is set (digests use it)');
  for (const name of ['SHARD_COUNT', 'SHARD_IDS'] as const) {
    if (httpMode && isSet(env, name))
      problems.push(`${name}: has no effect with DISCORD_PUBLIC_KEY (no gateway); unset one`);
  }
  if (httpMode || !isSet(env, 'SHARD_IDS')) return problems;
  // Every replica must agree on the count: `auto` could differ between replicas started apart.
  const count = Number(env.SHARD_COUNT?.trim());
  if (!Number.isInteger(count) || count < 1) {
    problems.push('SHARD_COUNT: must be a number (not auto) when SHARD_IDS is set');
    return problems;
  }
  const ids = (env.SHARD_IDS ?? '').split(',').map((id) => id.trim());
  if (ids.some((id) => /^\d+$/.test(id) && Number(id) >= count))
    problems.push(`SHARD_IDS: every shard must be below SHARD_COUNT (${count}), counting from 0`);
  return problems;
}

export type Env = z.infer<typeof EnvSchema>;

export interface Config extends Env {
  discordEnabled: boolean;
  slackEnabled: boolean;
  /** One workspace on SLACK_BOT_TOKEN, or many that install the app (OAuth). */
  slackMode: 'token' | 'oauth' | undefined;
  /** How Discord reaches the bot: signed HTTP requests, or gateway sessions (the default). */
  discordMode: 'http' | 'gateway';
  /** Whether start-up registers the commands (only one process may, see ADR 004). */
  registerOnStart: boolean;
}

/** Every bad variable at once, one per line, so a deploy needs one fix-and-retry, not five. */
export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export function parseConfig(env: NodeJS.ProcessEnv): Config {
  const result = EnvSchema.safeParse(env);
  // Never print a secret's value back: only say what is wrong with it.
  const problems = [
    ...(result.success ? [] : result.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`)),
    ...crossCheck(env),
  ];
  if (!result.success || problems.length > 0) throw new ConfigError([...new Set(problems)]);
  const parsed = result.data;
  const slackMode =
    parsed.SLACK_CLIENT_ID !== undefined
      ? ('oauth' as const)
      : parsed.SLACK_BOT_TOKEN !== undefined
        ? ('token' as const)
        : undefined;
  const discordMode = parsed.DISCORD_PUBLIC_KEY === undefined ? 'gateway' : 'http';
  // One process running every shard is the whole bot; anything else is one replica of many.
  const wholeBot = discordMode === 'gateway' && parsed.SHARD_IDS.length === 0;
  return {
    ...parsed,
    discordEnabled: parsed.DISCORD_TOKEN !== undefined,
    slackEnabled: slackMode !== undefined,
    slackMode,
    discordMode,
    registerOnStart:
      parsed.REGISTER_ON_START === undefined ? wholeBot : parsed.REGISTER_ON_START === 'true',
  };
}

/** Reads `.env` (when present) under the real environment, which wins, then validates. */
export function loadConfig(): Config {
  loadDotenv({ quiet: true });
  return parseConfig(process.env);
}
