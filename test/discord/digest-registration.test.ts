import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeDiscord } from '../support/fake-discord/fake-discord.js';
import { startBot } from './helpers.js';

/** `/sakura-digest` as Discord stores it, registered in the same bulk overwrite as `/sakura`. */

let fake: FakeDiscord;
beforeAll(async () => {
  fake = await FakeDiscord.start();
});
afterAll(async () => {
  await fake?.close();
});

const puts = () => fake.requests.filter((r) => r.method === 'PUT');
const digestCommand = () =>
  (fake.registered() ?? []).find((command) => command.name === 'sakura-digest');

describe('/sakura-digest', () => {
  it('is registered beside /sakura: Manage Server by default, in servers only', async () => {
    const bot = await startBot(fake);
    await bot.platform.stop();
    expect(puts()).toHaveLength(1);
    expect(((puts()[0]?.body ?? []) as { name: string }[]).map((c) => c.name)).toEqual([
      'sakura',
      'sakura-digest',
    ]);
    const command = digestCommand();
    expect(command).toMatchObject({
      type: 1,
      name: 'sakura-digest',
      default_member_permissions: '32',
      contexts: [0],
      integration_types: [0],
      description_localizations: { ja: expect.stringContaining('ダイジェスト') },
    });
    const subs = command?.options as {
      name: string;
      name_localizations: { ja: string };
      options: Record<string, unknown>[];
    }[];
    expect(subs.map((s) => s.name)).toEqual(['subscribe', 'unsubscribe', 'list', 'preview']);
    expect(subs.map((s) => s.name_localizations.ja)).toEqual([
      '登録',
      '解除',
      '一覧',
      'プレビュー',
    ]);
    const [schedule, timezone, language] = subs[0]?.options ?? [];
    expect(schedule).toMatchObject({ type: 3, name: 'schedule', required: true });
    expect(schedule?.description).toMatch(/daily, weekdays or weekly .*5 cron fields/);
    expect(timezone).toMatchObject({ type: 3, name: 'timezone', required: false });
    expect(timezone?.description).toContain('default Asia/Tokyo');
    expect(language).toMatchObject({
      type: 3,
      name: 'language',
      required: false,
      choices: [
        { name: 'English', name_localizations: { ja: '英語' }, value: 'en' },
        { name: 'Japanese', name_localizations: { ja: '日本語' }, value: 'ja' },
      ],
    });
    for (const sub of subs.slice(1)) expect(sub.options).toEqual([]);
  });

  it('is not sent again when Discord already has both commands', async () => {
    const before = puts().length;
    const bot = await startBot(fake);
    await bot.platform.stop();
    expect(puts()).toHaveLength(before);
  });

  it('is overwritten when only /sakura-digest differs from what Discord holds', async () => {
    // As if someone had registered an older /sakura-digest that anyone could use.
    const held = digestCommand();
    if (!held) throw new Error('not registered');
    held.default_member_permissions = null;
    const before = puts().length;
    const bot = await startBot(fake);
    await bot.platform.stop();
    expect(puts()).toHaveLength(before + 1);
    expect(digestCommand()?.default_member_permissions).toBe('32');
  });
});
