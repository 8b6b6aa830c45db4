import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { commandListJson } from '../../src/adapters/discord/command-json.js';
import { sameCommands } from '../../src/adapters/discord/register.js';
import { FakeDiscord } from '../support/fake-discord/fake-discord.js';
import { startBot, story } from './helpers.js';

/** What `/sakura` looks like to Discord, and that start-up overwrites it only when it changed. */

interface OptionJson {
  type: number;
  name: string;
  name_localizations?: Record<string, string>;
  description: string;
  description_localizations?: Record<string, string>;
  required?: boolean;
  max_length?: number;
  options?: OptionJson[];
}

const GUILD_ID = '222222222222222222';

let fake: FakeDiscord;
beforeAll(async () => {
  fake = await FakeDiscord.start();
});
afterAll(async () => {
  await fake?.close();
});

/** The `/sakura` command as the fake stores it (Discord's shape, read as our JSON). */
const registeredSakura = (scope?: string) =>
  (fake.registered(scope)?.[0] ?? {}) as unknown as OptionJson;

/** The body of the n-th PUT the bot sent. */
const putBody = (n: number) => {
  const body = fake.requests.filter((r) => r.method === 'PUT')[n]?.body;
  return (Array.isArray(body) ? body : []) as OptionJson[];
};

const commandCalls = () =>
  fake.requests.filter((r) => r.path.includes(`/applications/${fake.applicationId}/`));

describe('the registered command', () => {
  it('is /sakura with a subcommand per command, in order, beside /sakura-digest, globally', async () => {
    const bot = await startBot(fake);
    await bot.platform.stop();
    expect(commandCalls().map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET /applications/${fake.applicationId}/commands`,
      `PUT /applications/${fake.applicationId}/commands`,
    ]);
    expect(commandCalls()[0]?.query).toEqual({ with_localizations: 'true' });
    expect(commandCalls()[1]?.authorization).toBe(`Bot ${fake.token}`);

    const body = putBody(0);
    expect(body.map((command) => command.name)).toEqual(['sakura', 'sakura-digest']);
    const [sakura] = body;
    expect(sakura).toMatchObject({
      type: 1,
      name: 'sakura',
      description: story.title.en,
      description_localizations: { ja: story.title.ja },
      contexts: [0, 1],
      integration_types: [0],
    });
    const subs = sakura?.options ?? [];
    expect(subs.map((s) => s.name)).toEqual(commands.map((c) => c.name));
    for (const [index, command] of commands.entries()) {
      expect(subs[index]).toMatchObject({
        type: 1,
        name: command.name,
        description: command.description.en,
        description_localizations: { ja: command.description.ja },
      });
      expect(subs[index]?.name_localizations?.ja).toMatch(/^[^\sA-Z]{1,32}$/u);
    }
  });

  it('gives ask a required question of at most 300 characters, in both languages', () => {
    const sakura = putBody(0)[0];
    const ask = sakura?.options?.find((s) => s.name === 'ask');
    expect(ask?.name_localizations).toEqual({ ja: '質問' });
    expect(ask?.options).toEqual([
      {
        type: 3,
        name: 'question',
        name_localizations: { ja: '質問' },
        description: 'Your question, e.g. How much is Microsoft investing?',
        description_localizations: { ja: '質問（例：マイクロソフトの投資額は？）' },
        required: true,
        max_length: 300,
      },
    ]);
    const stocks = sakura?.options?.find((s) => s.name === 'stocks');
    expect(stocks?.name_localizations).toEqual({ ja: '株価' });
    expect(stocks?.options).toEqual([]);
  });

  it('is not sent again when Discord already has it (commands/ unchanged)', async () => {
    const before = commandCalls().length;
    const bot = await startBot(fake);
    await bot.platform.stop();
    const after = commandCalls().slice(before);
    expect(after.map((r) => r.method)).toEqual(['GET']);
    expect(
      bot.logs.some((l) => l.msg === 'discord commands registered' && l.outcome === 'unchanged'),
    ).toBe(true);
  });

  it('is overwritten when commands/ changed', async () => {
    const before = commandCalls().length;
    const fewer = commands.filter((c) => c.name !== 'impact');
    const bot = await startBot(fake, { commands: fewer });
    await bot.platform.stop();
    expect(
      commandCalls()
        .slice(before)
        .map((r) => r.method),
    ).toEqual(['GET', 'PUT']);
    const sakura = registeredSakura();
    expect(sakura.options?.map((s) => s.name)).not.toContain('impact');
  });

  it('goes to one server only when DISCORD_GUILD_ID is set', async () => {
    const before = commandCalls().length;
    const global = JSON.stringify(fake.registered());
    const bot = await startBot(fake, { env: { DISCORD_GUILD_ID: GUILD_ID } });
    await bot.platform.stop();
    expect(
      commandCalls()
        .slice(before)
        .map((r) => `${r.method} ${r.path}`),
    ).toEqual([
      `GET /applications/${fake.applicationId}/guilds/${GUILD_ID}/commands`,
      `PUT /applications/${fake.applicationId}/guilds/${GUILD_ID}/commands`,
    ]);
    expect(fake.registered(GUILD_ID)?.[0]?.name).toBe('sakura');
    expect(JSON.stringify(fake.registered())).toBe(global);
  });

  it('leaves admin-only commands out of /sakura', async () => {
    const admin = {
      ...commands[0],
      name: 'secret',
      access: 'admin',
    } as (typeof commands)[number];
    const bot = await startBot(fake, { commands: [...commands, admin] });
    await bot.platform.stop();
    const sakura = registeredSakura();
    expect(sakura.options?.map((s) => s.name)).toEqual(commands.map((c) => c.name));
  });
});

describe('comparing with what Discord holds', () => {
  const wanted = commandListJson(commands, story);
  /** What Discord's GET returns for a list it stored: our JSON plus its own fields and defaults. */
  const asDiscordHolds = (list: typeof wanted) =>
    list.map((command) => ({
      id: '444444444444444444',
      application_id: '111111111111111111',
      version: '555555555555555555',
      default_member_permissions: null,
      dm_permission: true,
      nsfw: false,
      ...command,
      options: command.options?.map((sub) => ({ ...sub, name_localized: undefined })),
    }));

  it("ignores Discord's own fields and defaults", () => {
    // The cast: the test builds Discord's response shape from our request shape.
    expect(sameCommands(asDiscordHolds(wanted) as never, wanted)).toBe(true);
  });

  it('sees a changed description or a missing subcommand', () => {
    const held = asDiscordHolds(wanted);
    const changed = structuredClone(wanted);
    const [sakura] = changed;
    if (!sakura?.options?.[0]) throw new Error('no subcommands');
    sakura.options[0].description = 'Something else';
    expect(sameCommands(held as never, changed)).toBe(false);
    const fewer = structuredClone(wanted);
    fewer[0]?.options?.pop();
    expect(sameCommands(held as never, fewer)).toBe(false);
    expect(sameCommands([] as never, wanted)).toBe(false);
  });
});
