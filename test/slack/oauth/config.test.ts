import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../../src/config.js';

const KEY = randomBytes(32).toString('base64');
const OAUTH = {
  SLACK_CLIENT_ID: '1234567890.0987654321',
  SLACK_CLIENT_SECRET: 'client-secret-0123456789abcdef',
  SLACK_STATE_SECRET: 'state-secret-0123456789abcdef-0123456789',
  SLACK_SIGNING_SECRET: 'signing-secret-0123',
  SLACK_TOKEN_ENCRYPTION_KEY: KEY,
};

function problems(env: NodeJS.ProcessEnv): string[] {
  try {
    parseConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected a configuration error');
}

describe('Slack OAuth mode configuration', () => {
  it('turns on with the client id, client secret and state secret, and no bot token', () => {
    const config = parseConfig(OAUTH);
    expect(config).toMatchObject({ slackEnabled: true, slackMode: 'oauth' });
    expect(config.SLACK_TOKEN_ENCRYPTION_KEY).toEqual(Buffer.from(KEY, 'base64'));
    expect(
      parseConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secret-secret' }).slackMode,
    ).toBe('token');
    expect(parseConfig({}).slackMode).toBeUndefined();
  });

  it('names the encryption key when it is missing or short, and never echoes it', () => {
    const { SLACK_TOKEN_ENCRYPTION_KEY: _key, ...withoutKey } = OAUTH;
    expect(problems(withoutKey)).toEqual([
      'SLACK_TOKEN_ENCRYPTION_KEY: is required for Slack OAuth mode: 32 random bytes in base64 (openssl rand -base64 32)',
    ]);
    const short = randomBytes(16).toString('base64');
    const found = problems({ ...OAUTH, SLACK_TOKEN_ENCRYPTION_KEY: short });
    expect(found).toEqual([
      'SLACK_TOKEN_ENCRYPTION_KEY: must be 32 bytes (base64 of them), got 16',
    ]);
    expect(found.join('\n')).not.toContain(short);
  });

  it('asks for the rest of OAuth mode once part of it is set, and refuses a bot token beside it', () => {
    expect(problems({ SLACK_CLIENT_ID: OAUTH.SLACK_CLIENT_ID })).toEqual([
      'SLACK_CLIENT_SECRET: is required for Slack OAuth mode (set with SLACK_CLIENT_ID)',
      'SLACK_STATE_SECRET: is required for Slack OAuth mode (set with SLACK_CLIENT_ID)',
      'SLACK_SIGNING_SECRET: is required for Slack OAuth mode',
      'SLACK_TOKEN_ENCRYPTION_KEY: is required for Slack OAuth mode: 32 random bytes in base64 (openssl rand -base64 32)',
    ]);
    expect(problems({ ...OAUTH, SLACK_BOT_TOKEN: 'xoxb-1' })).toEqual([
      'SLACK_BOT_TOKEN: unset it in OAuth mode (SLACK_CLIENT_ID is set): each workspace gets its own token when it installs the app',
    ]);
    expect(problems({ ...OAUTH, SLACK_APP_TOKEN: 'xapp-1' })[0]).toMatch(
      /^SLACK_APP_TOKEN: unset it/,
    );
  });
});
