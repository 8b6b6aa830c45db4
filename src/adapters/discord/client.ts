import { Client, type ClientOptions, Options, REST, type RESTOptions } from 'discord.js';
import type { Config } from '../../config.js';
import { REST_DEFAULTS } from './rest-options.js';

/** discord.js's own default; DISCORD_API_URL replaces it for REST proxies and the fake server. */
const DEFAULT_API = 'https://discord.com/api';

/** The REST base without a trailing slash: discord.js appends `/v10/...` to it as it is. */
export function apiBase(config: Pick<Config, 'DISCORD_API_URL'>): string {
  return (config.DISCORD_API_URL ?? DEFAULT_API).replace(/\/+$/, '');
}

/**
 * discord.js still builds a user and a member from every interaction it sees, so every cache
 * that would grow with the traffic or the size of the servers is held at zero. (With no
 * intents, see createDiscordClient, no server's channels, roles or members arrive at all.)
 */
export function discordCaches() {
  return Options.cacheWithLimits({
    MessageManager: 0,
    DMMessageManager: 0,
    GuildMessageManager: 0,
    GuildMemberManager: {
      maxSize: 0,
      keepOverLimit: (member) => member.id === member.client.user.id,
    },
    UserManager: 0,
    PresenceManager: 0,
    VoiceStateManager: 0,
    ReactionManager: 0,
    ReactionUserManager: 0,
    ThreadMemberManager: 0,
    GuildEmojiManager: 0,
    BaseGuildEmojiManager: 0,
    GuildStickerManager: 0,
    GuildScheduledEventManager: 0,
    GuildInviteManager: 0,
    GuildBanManager: 0,
    StageInstanceManager: 0,
    AutoModerationRuleManager: 0,
    ApplicationCommandManager: 0,
    ApplicationEmojiManager: 0,
    EntitlementManager: 0,
  });
}

/**
 * discord.js's shard options from SHARD_COUNT and SHARD_IDS. discord.js starts the shards itself,
 * identifying them in the order `max_concurrency` (from /gateway/bot) allows.
 *
 * discord.js also reads SHARD_COUNT from the environment whenever `shardCount` is left at its
 * default of 1 (for its ShardingManager's children), and `auto` would read as NaN there. With
 * `shards: 'auto'` the count is ignored and replaced by Discord's, so any other number will do.
 */
export function shardOptions(
  config: Pick<Config, 'SHARD_COUNT' | 'SHARD_IDS'>,
): Pick<ClientOptions, 'shards' | 'shardCount'> {
  const { SHARD_COUNT: count, SHARD_IDS: ids } = config;
  if (count === 'auto') return { shards: 'auto', shardCount: Number.MAX_SAFE_INTEGER };
  if (count === undefined) return {};
  return ids.length > 0 ? { shards: [...ids], shardCount: count } : { shardCount: count };
}

/**
 * The bot's gateway client, with no intents: interactions arrive without any, and everything
 * the bot needs is in the interaction itself (member permissions, channel, locale). Without the
 * Guilds intent Discord sends no GUILD_CREATE, so memory does not grow with the servers' channels
 * and roles (ADR 005); discord.js marks each shard ready at once instead of waiting for them.
 * `rest` adds REST settings on top of REST_DEFAULTS and the API base; production passes none.
 */
export function createDiscordClient(
  config: Pick<Config, 'DISCORD_API_URL' | 'SHARD_COUNT' | 'SHARD_IDS'>,
  rest: Partial<RESTOptions> = {},
): Client {
  return new Client({
    intents: [],
    makeCache: discordCaches(),
    ...shardOptions(config),
    // A default for anything sent without its own setting; every reply also sets it explicitly.
    allowedMentions: { parse: [] },
    rest: { ...REST_DEFAULTS, ...rest, api: apiBase(config) },
  });
}

/** A REST client alone, for the HTTP interactions mode (no gateway) and `npm run register`. */
export function createDiscordRest(
  config: Pick<Config, 'DISCORD_API_URL'>,
  token: string,
  rest: Partial<RESTOptions> = {},
): REST {
  return new REST({ ...REST_DEFAULTS, ...rest, api: apiBase(config) }).setToken(token);
}
