import {
  GuildMember,
  GuildMemberManager,
  LimitedCollection,
  Message,
  MessageManager,
  Presence,
  PresenceManager,
} from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { apiBase, createDiscordClient, discordCaches } from '../../src/adapters/discord/client.js';

/** The client's settings: what it subscribes to, what it keeps, where it sends REST calls. */

const clients: { destroy(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.destroy()));
});

describe('the discord.js client', () => {
  it('asks the gateway for no intents: interactions need none', () => {
    const client = createDiscordClient({ DISCORD_API_URL: undefined, SHARD_IDS: [] });
    clients.push(client);
    expect(client.options.intents.bitfield).toBe(0);
  });

  it('mentions nobody by default, and sends REST calls to DISCORD_API_URL', () => {
    const client = createDiscordClient({
      DISCORD_API_URL: 'http://127.0.0.1:9/api/',
      SHARD_IDS: [],
    });
    clients.push(client);
    expect(client.options.allowedMentions).toEqual({ parse: [] });
    expect(client.options.rest?.api).toBe('http://127.0.0.1:9/api');
  });

  it("uses Discord's own API when DISCORD_API_URL is unset", () => {
    expect(apiBase({ DISCORD_API_URL: undefined })).toBe('https://discord.com/api');
  });

  it('keeps no users, members, messages or presences, however many servers it is in', () => {
    const client = createDiscordClient({ DISCORD_API_URL: undefined, SHARD_IDS: [] });
    clients.push(client);
    expect(client.users.cache).toBeInstanceOf(LimitedCollection);
    expect((client.users.cache as LimitedCollection<string, unknown>).maxSize).toBe(0);
    const make = discordCaches();
    // The factory's parameter types cannot be narrowed per manager (see discord.js typings);
    // the casts pass the real manager classes, as discord.js itself does.
    const cacheFor = (manager: unknown, holds: unknown) =>
      make(manager as never, holds as never, manager as never) as unknown as LimitedCollection<
        string,
        unknown
      >;
    expect(cacheFor(GuildMemberManager, GuildMember).maxSize).toBe(0);
    expect(cacheFor(MessageManager, Message).maxSize).toBe(0);
    expect(cacheFor(PresenceManager, Presence).maxSize).toBe(0);
  });
});
