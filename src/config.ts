import { config as loadDotenv } from 'dotenv';
import { z } from 'zod';
import { LangSchema } from './core/lang.js';

/** `FOO=` in a .env file means "not set", not "set to nothing". */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });
const snowflake = z.string().regex(/^\d{17,20}$/, 'must be a Discord id (17–20 digits)');

const EnvSchema = z
  .object({
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
  })
  .superRefine((env, ctx) => {
    // Half a platform's credentials is a mistake worth stopping for, not a silent console run.
    const pairs: [keyof typeof env, keyof typeof env][] = [
      ['DISCORD_TOKEN', 'DISCORD_APPLICATION_ID'],
      ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET'],
    ];
    for (const [a, b] of pairs) {
      if (env[a] !== undefined && env[b] === undefined) {
        ctx.addIssue({ code: 'custom', path: [b], message: `is required when ${a} is set` });
      }
      if (env[b] !== undefined && env[a] === undefined) {
        ctx.addIssue({ code: 'custom', path: [a], message: `is required when ${b} is set` });
      }
    }
    if (env.SLACK_APP_TOKEN !== undefined && env.SLACK_BOT_TOKEN === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['SLACK_BOT_TOKEN'],
        message: 'is required when SLACK_APP_TOKEN is set',
      });
    }
  });

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
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? 'environment');
      // Never print a secret's value back: only say what is wrong with it.
      return `${name}: ${issue.message}`;
    });
    throw new ConfigError([...new Set(problems)]);
  }
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
