import { config as loadDotenv } from 'dotenv';
import { z } from 'zod';
import { LangSchema } from './core/lang.js';
import { DEFAULT_DATABASE_PATH } from './paths.js';
import { checkSchedule, DEFAULT_TIMEZONE } from './schedule/schedule-spec.js';

/** `FOO=` in a .env file means "not set", not "set to nothing". */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });
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
  PORT: optional(z.coerce.number().int().min(0).max(65535)).default(3000),
  STORIES_DIR: optional(z.string()),
  STORY_ID: optional(z.string()),
  DEFAULT_LANG: optional(LangSchema).default('en'),
  LOG_LEVEL: optional(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])),
  DATABASE_PATH: optional(z.string()).default(DEFAULT_DATABASE_PATH),
  // Never echoed back: the URL may hold a password.
  DATABASE_URL: optional(
    z.url({
      protocol: /^postgres(ql)?$/,
      error:
        'must be a PostgreSQL URL such as postgres://user:password@host:5432/sakura (leave it unset to use the SQLite file at DATABASE_PATH)',
    }),
  ),
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
  // Half a platform's credentials is a mistake worth stopping for, not a silent console run.
  const pairs = [
    ['DISCORD_TOKEN', 'DISCORD_APPLICATION_ID'],
    ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET'],
    ['SLACK_APP_TOKEN', 'SLACK_BOT_TOKEN'],
  ] as const;
  for (const [a, b] of pairs) {
    if (isSet(env, a) && !isSet(env, b)) problems.push(`${b}: is required when ${a} is set`);
  }
  for (const [a, b] of pairs.slice(0, 2)) {
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
  return problems;
}

export type Env = z.infer<typeof EnvSchema>;

export interface Config extends Env {
  discordEnabled: boolean;
  slackEnabled: boolean;
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
  return {
    ...parsed,
    discordEnabled: parsed.DISCORD_TOKEN !== undefined,
    slackEnabled: parsed.SLACK_BOT_TOKEN !== undefined,
  };
}

/** Reads `.env` (when present) under the real environment, which wins, then validates. */
export function loadConfig(): Config {
  loadDotenv({ quiet: true });
  return parseConfig(process.env);
}
