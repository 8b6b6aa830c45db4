import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../src/config.js';

const DISCORD = { DISCORD_TOKEN: 'x'.repeat(60), DISCORD_APPLICATION_ID: '123456789012345678' };
const SLACK = { SLACK_BOT_TOKEN: 'xoxb-1-2-abc', SLACK_SIGNING_SECRET: 'secret-secret' };

function problems(env: NodeJS.ProcessEnv): string[] {
  try {
    parseConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected a configuration error');
}

describe('configuration', () => {
  it('runs the console with nothing set, with sensible defaults', () => {
    const config = parseConfig({});
    expect(config).toMatchObject({
      discordEnabled: false,
      slackEnabled: false,
      PORT: 3000,
      DEFAULT_LANG: 'en',
    });
  });

  it('treats empty values (FOO= in .env) as unset', () => {
    expect(parseConfig({ DISCORD_TOKEN: '', SLACK_BOT_TOKEN: '', PORT: '' })).toMatchObject({
      discordEnabled: false,
      slackEnabled: false,
      PORT: 3000,
    });
  });

  it('enables each platform whose credentials are complete', () => {
    expect(parseConfig({ ...DISCORD })).toMatchObject({
      discordEnabled: true,
      slackEnabled: false,
    });
    expect(parseConfig({ ...SLACK, PORT: '8080' })).toMatchObject({
      slackEnabled: true,
      PORT: 8080,
    });
    expect(parseConfig({ ...DISCORD, ...SLACK })).toMatchObject({
      discordEnabled: true,
      slackEnabled: true,
    });
  });

  it('lists every bad variable at once, and why', () => {
    expect(
      problems({
        PORT: 'eighty',
        DISCORD_TOKEN: 'x'.repeat(60),
        SLACK_BOT_TOKEN: 'not-a-token',
        SLACK_SIGNING_SECRET: 'secret-secret',
        DISCORD_API_URL: 'ftp://example',
        DEFAULT_LANG: 'fr',
        LOG_LEVEL: 'loud',
      }),
    ).toEqual([
      expect.stringMatching(/^DISCORD_API_URL: /),
      'SLACK_BOT_TOKEN: must start with xoxb-',
      expect.stringMatching(/^PORT: /),
      expect.stringMatching(/^DEFAULT_LANG: /),
      expect.stringMatching(/^LOG_LEVEL: /),
      'DISCORD_APPLICATION_ID: is required when DISCORD_TOKEN is set',
    ]);
  });

  it('checks digest settings against each other', () => {
    expect(problems({ ...DISCORD, DISCORD_DIGEST_CHANNELS: '123456789012345678' })).toEqual([
      'DIGEST_CRON: is required when DISCORD_DIGEST_CHANNELS is set, e.g. 0 9 * * *',
    ]);
    expect(problems({ SLACK_DIGEST_CHANNELS: 'C0123456789', DIGEST_CRON: '0 9 * * *' })).toEqual([
      'SLACK_DIGEST_CHANNELS: needs SLACK_BOT_TOKEN to post there',
    ]);
    expect(problems({ DIGEST_CRON: '0 25 * * *' })[0]).toMatch(
      /^DIGEST_CRON: .*for example 0 9 \* \* \*/,
    );
    expect(problems({ DIGEST_CRON: 'daily', DIGEST_TIMEZONE: 'Moon/Base' })).toEqual([
      'DIGEST_TIMEZONE: unknown time zone; use an IANA name such as Asia/Tokyo',
    ]);
    expect(
      parseConfig({
        ...DISCORD,
        DIGEST_CRON: '* * * * *',
        DISCORD_DIGEST_CHANNELS: '123456789012345678, 223456789012345678',
      }),
    ).toMatchObject({
      DISCORD_DIGEST_CHANNELS: ['123456789012345678', '223456789012345678'],
      DIGEST_TIMEZONE: 'Asia/Tokyo',
      DIGEST_CATCHUP_MINUTES: 60,
    });
  });

  it('refuses half a platform', () => {
    expect(problems({ DISCORD_TOKEN: 'x'.repeat(60) })).toEqual([
      'DISCORD_APPLICATION_ID: is required when DISCORD_TOKEN is set',
    ]);
    expect(problems({ SLACK_SIGNING_SECRET: 'secret-secret' })).toEqual([
      'SLACK_BOT_TOKEN: is required when SLACK_SIGNING_SECRET is set',
    ]);
  });

  it('never repeats a secret back in the message', () => {
    const secret = 'xoxp-very-secret-user-token';
    const error = (() => {
      try {
        parseConfig({ SLACK_BOT_TOKEN: secret, SLACK_SIGNING_SECRET: 'secret-secret' });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error?.message).toContain('SLACK_BOT_TOKEN: must start with xoxb-');
    expect(error?.message).not.toContain(secret);
  });

  it('selects PostgreSQL with a postgres:// DATABASE_URL, and says what a bad one should look like', () => {
    expect(
      parseConfig({ DATABASE_URL: 'postgres://bot:pw@db.internal:5432/sakura' }),
    ).toMatchObject({ DATABASE_URL: 'postgres://bot:pw@db.internal:5432/sakura' });
    expect(parseConfig({ DATABASE_URL: 'postgresql://db/sakura' }).DATABASE_URL).toBe(
      'postgresql://db/sakura',
    );
    expect(parseConfig({ DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
    const password = 'hunter2-database-password';
    for (const bad of [`mysql://bot:${password}@db/sakura`, `bot:${password}@db/sakura`]) {
      const found = problems({ DATABASE_URL: bad });
      expect(found).toEqual([
        'DATABASE_URL: must be a PostgreSQL URL such as postgres://user:password@host:5432/sakura (leave it unset to use the SQLite file at DATABASE_PATH)',
      ]);
      expect(found.join('\n')).not.toContain(password);
    }
  });

  describe('Discord receive modes', () => {
    const KEY = 'ab'.repeat(32);

    it('defaults to one gateway process that registers its own commands', () => {
      expect(parseConfig({ ...DISCORD })).toMatchObject({
        discordMode: 'gateway',
        registerOnStart: true,
        SHARD_IDS: [],
      });
    });

    it('DISCORD_PUBLIC_KEY selects HTTP interactions, and replicas leave registration alone', () => {
      expect(parseConfig({ ...DISCORD, DISCORD_PUBLIC_KEY: KEY })).toMatchObject({
        discordMode: 'http',
        registerOnStart: false,
      });
      expect(
        parseConfig({ ...DISCORD, DISCORD_PUBLIC_KEY: KEY, REGISTER_ON_START: 'true' }),
      ).toMatchObject({ registerOnStart: true });
    });

    it('reads SHARD_COUNT (a number or auto) and SHARD_IDS', () => {
      expect(parseConfig({ ...DISCORD, SHARD_COUNT: '4', SHARD_IDS: '1, 3' })).toMatchObject({
        SHARD_COUNT: 4,
        SHARD_IDS: [1, 3],
        registerOnStart: false,
      });
      expect(parseConfig({ ...DISCORD, SHARD_COUNT: 'auto' })).toMatchObject({
        SHARD_COUNT: 'auto',
        registerOnStart: true,
      });
    });

    it('names every bad Discord setting in one message', () => {
      expect(
        problems({
          DISCORD_PUBLIC_KEY: 'not-a-key',
          SHARD_COUNT: 'many',
          SHARD_IDS: '0,x',
          REGISTER_ON_START: 'yes',
        }),
      ).toEqual([
        'DISCORD_PUBLIC_KEY: must be the 64 hex digits of the Public Key',
        'SHARD_COUNT: must be a number of shards (1 or more) or auto',
        'SHARD_IDS: must be shard numbers such as 0,1',
        'REGISTER_ON_START: must be true or false',
        'DISCORD_TOKEN: is required when DISCORD_PUBLIC_KEY is set (digests use it)',
        'SHARD_COUNT: has no effect with DISCORD_PUBLIC_KEY (no gateway); unset one',
        'SHARD_IDS: has no effect with DISCORD_PUBLIC_KEY (no gateway); unset one',
      ]);
    });

    it('SHARD_IDS needs a numeric SHARD_COUNT that every id is below', () => {
      expect(problems({ ...DISCORD, SHARD_COUNT: 'auto', SHARD_IDS: '0' })).toEqual([
        'SHARD_COUNT: must be a number (not auto) when SHARD_IDS is set',
      ]);
      expect(problems({ ...DISCORD, SHARD_IDS: '0' })).toEqual([
        'SHARD_COUNT: must be a number (not auto) when SHARD_IDS is set',
      ]);
      expect(problems({ ...DISCORD, SHARD_COUNT: '2', SHARD_IDS: '1,2' })).toEqual([
        'SHARD_IDS: every shard must be below SHARD_COUNT (2), counting from 0',
      ]);
    });
  });
});
