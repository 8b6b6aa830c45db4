import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Installation } from '@slack/oauth';
import { afterEach, describe, expect, it } from 'vitest';
import { SealedInstallationStore } from '../../../src/adapters/slack/oauth/installation-store.js';
import { parseTokenKey, TokenCipher } from '../../../src/adapters/slack/oauth/token-cipher.js';
import { SqliteStore } from '../../../src/store/sqlite/store.js';

const BOT_TOKEN = 'xoxe.xoxb-1-BOT-TOKEN-IN-THE-CLEAR';
const REFRESH_TOKEN = 'xoxe-1-REFRESH-TOKEN-IN-THE-CLEAR';
const USER_TOKEN = 'xoxp-USER-TOKEN-IN-THE-CLEAR';

const installation: Installation<'v2', false> = {
  team: { id: 'T0A', name: 'Team A' },
  enterprise: undefined,
  user: { id: 'U0A', token: USER_TOKEN, scopes: ['identify'] },
  bot: {
    token: BOT_TOKEN,
    refreshToken: REFRESH_TOKEN,
    expiresAt: 1_900_000_000,
    scopes: ['commands', 'chat:write'],
    id: 'B0A',
    userId: 'U0BOT',
  },
  appId: 'A0APP',
  isEnterpriseInstall: false,
  authVersion: 'v2',
};
const KEY = { enterpriseId: null, teamId: 'T0A', isEnterpriseInstall: false };

describe('Slack tokens at rest', () => {
  let dir = '';
  const stores: SqliteStore[] = [];
  const open = (cipher: TokenCipher) => {
    const store = new SqliteStore(join(dir, 'digests.db'), 'test');
    stores.push(store);
    return new SealedInstallationStore(store.slackInstallations, cipher);
  };
  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('are unreadable in the database file without the key, and read back with it', async () => {
    dir = mkdtempSync(join(tmpdir(), 'sakura-sealed-'));
    const key = randomBytes(32);
    const sealed = open(new TokenCipher(key));
    await sealed.storeInstallation(installation);
    // Every byte SQLite wrote: the file and its write-ahead log.
    const bytes = ['digests.db', 'digests.db-wal']
      .map((name) => join(dir, name))
      .filter(existsSync)
      .map((path) => readFileSync(path).toString('latin1'))
      .join('');
    expect(bytes).toContain('T0A');
    for (const secret of [BOT_TOKEN, REFRESH_TOKEN, USER_TOKEN, 'BOT-TOKEN', 'REFRESH-TOKEN']) {
      expect(bytes).not.toContain(secret);
      expect(bytes).not.toContain(Buffer.from(secret).toString('base64'));
    }
    expect(await sealed.findBot(KEY)).toMatchObject({
      botToken: BOT_TOKEN,
      botRefreshToken: REFRESH_TOKEN,
    });
    const back = await sealed.fetchInstallation({
      teamId: 'T0A',
      enterpriseId: undefined,
      isEnterpriseInstall: false,
    });
    expect(back.user.token).toBe(USER_TOKEN);
    expect(back.bot?.token).toBe(BOT_TOKEN);
    // Another key opens nothing.
    await expect(open(new TokenCipher(randomBytes(32))).findBot(KEY)).rejects.toThrow(
      /SLACK_TOKEN_ENCRYPTION_KEY/,
    );
  });

  it('rotate: the previous key opens old tokens, which are sealed again under the new key on use', async () => {
    dir = mkdtempSync(join(tmpdir(), 'sakura-sealed-'));
    const [oldKey, newKey] = [randomBytes(32), randomBytes(32)];
    await open(new TokenCipher(oldKey)).storeInstallation(installation);
    const rotated = new TokenCipher(newKey, oldKey);
    const store = open(rotated);
    expect((await store.findBot(KEY))?.botToken).toBe(BOT_TOKEN);
    // Reading it sealed it again under the new key: the old key can go.
    const stored = await store.store.findBot(KEY);
    expect(stored && rotated.isStale(stored.botToken)).toBe(false);
    const newOnly = open(new TokenCipher(newKey));
    expect(await newOnly.findBot(KEY)).toMatchObject({
      botToken: BOT_TOKEN,
      botRefreshToken: REFRESH_TOKEN,
    });
  });

  it('refuses a value altered in the database, or moved to another field', () => {
    const cipher = new TokenCipher(randomBytes(32));
    const sealed = cipher.seal(BOT_TOKEN, 'slack bot token');
    expect(() => cipher.open(sealed, 'slack bot refresh token')).toThrow();
    const parts = sealed.split(':');
    const body = Buffer.from(parts[4] ?? '', 'base64');
    body[0] = (body[0] ?? 0) ^ 1;
    parts[4] = body.toString('base64');
    expect(() => cipher.open(parts.join(':'), 'slack bot token')).toThrow();
  });

  it('takes a key of exactly 32 bytes in base64, and says what is wrong otherwise', () => {
    expect(parseTokenKey(randomBytes(32).toString('base64'))).toBeInstanceOf(Buffer);
    expect(parseTokenKey(randomBytes(16).toString('base64'))).toMatch(/must be 32 bytes/);
    expect(parseTokenKey('not base64 at all!')).toMatch(/must be base64/);
  });
});
