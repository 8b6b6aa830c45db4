import { snowflake } from './snowflake.js';

/** The shapes the fake sends, kept as small as discord.js accepts and as Discord sends them. */

export interface FakeUser {
  id: string;
  username: string;
  global_name: string | null;
  discriminator: string;
  avatar: null;
  bot?: boolean;
}

export function user(id: string, username: string, bot = false): FakeUser {
  return { id, username, global_name: username, discriminator: '0', avatar: null, bot };
}

/** A member's permissions as Discord sends them (a decimal string): no Manage Server. */
export const MEMBER_PERMISSIONS = '2248473465835073';

/** Manage Server (1 << 5): what `/sakura-digest` asks for. */
export const MANAGE_GUILD = 32n;

/** A member who may manage the server: the member's bits plus Manage Server. */
export const MANAGER_PERMISSIONS = (BigInt(MEMBER_PERMISSIONS) | MANAGE_GUILD).toString();

export function guildCreate(guildId: string, channelId: string, botUser: FakeUser) {
  return {
    id: guildId,
    name: 'Fake Sakura Server',
    icon: null,
    owner_id: snowflake(),
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    mfa_level: 0,
    nsfw_level: 0,
    premium_tier: 0,
    preferred_locale: 'en-US',
    features: [],
    roles: [
      {
        id: guildId,
        name: '@everyone',
        color: 0,
        hoist: false,
        position: 0,
        permissions: '1071698660929',
        managed: false,
        mentionable: false,
        flags: 0,
      },
    ],
    emojis: [],
    stickers: [],
    channels: [
      { id: channelId, type: 0, guild_id: guildId, name: 'general', position: 0, nsfw: false },
    ],
    threads: [],
    members: [
      {
        user: botUser,
        roles: [],
        joined_at: new Date().toISOString(),
        deaf: false,
        mute: false,
        flags: 0,
      },
    ],
    voice_states: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
    member_count: 2,
    large: false,
    unavailable: false,
    joined_at: new Date().toISOString(),
  };
}

export interface InteractionRequest {
  /** The subcommand, e.g. `stocks`. */
  sub: string;
  options?: Record<string, string>;
  /** The user's client language, e.g. `en-US` or `ja`. */
  locale?: string;
  /** The top-level command name (default `sakura`). */
  command?: string;
  /** The member's permissions as Discord computes them (default MEMBER_PERMISSIONS). */
  permissions?: string;
  /** The channel it is typed in (default the fake's one text channel). */
  channelId?: string;
  /** The server it is typed in (default the fake's one server). */
  guildId?: string;
}

export interface InteractionIds {
  id: string;
  token: string;
}

export function interactionCreate(
  request: InteractionRequest,
  ids: InteractionIds,
  context: { applicationId: string; guildId: string; channelId: string; commandId: string },
  asker: FakeUser,
) {
  const channelId = request.channelId ?? context.channelId;
  const guildId = request.guildId ?? context.guildId;
  const options = Object.entries(request.options ?? {}).map(([name, value]) => ({
    type: 3,
    name,
    value,
  }));
  return {
    id: ids.id,
    token: ids.token,
    type: 2,
    version: 1,
    application_id: context.applicationId,
    guild_id: guildId,
    channel_id: channelId,
    channel: { id: channelId, type: 0, guild_id: guildId, name: 'general' },
    member: {
      user: asker,
      roles: [],
      permissions: request.permissions ?? MEMBER_PERMISSIONS,
      joined_at: new Date().toISOString(),
      deaf: false,
      mute: false,
      flags: 0,
    },
    locale: request.locale ?? 'en-US',
    guild_locale: 'en-US',
    app_permissions: MEMBER_PERMISSIONS,
    entitlements: [],
    authorizing_integration_owners: { '0': guildId },
    context: 0,
    attachment_size_limit: 10_485_760,
    data: {
      id: context.commandId,
      name: request.command ?? 'sakura',
      type: 1,
      options: [{ type: 1, name: request.sub, options }],
    },
  };
}

/** The fields every message object Discord returns has, filled from what the bot sent. */
export function messageObject(
  body: Record<string, unknown>,
  ids: { id: string; type: number; channelId: string; author: FakeUser },
) {
  return {
    id: ids.id,
    type: ids.type,
    channel_id: ids.channelId,
    author: ids.author,
    content: typeof body.content === 'string' ? body.content : '',
    embeds: Array.isArray(body.embeds) ? body.embeds : [],
    attachments: Array.isArray(body.attachments) ? body.attachments : [],
    components: [],
    mentions: [],
    mention_roles: [],
    mention_everyone: false,
    pinned: false,
    tts: false,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    flags: typeof body.flags === 'number' ? body.flags : 0,
  };
}

/** The message object Discord returns for webhook sends and edits. */
export function message(
  body: Record<string, unknown>,
  channelId: string,
  author: FakeUser,
  applicationId: string,
) {
  return {
    ...messageObject(body, { id: snowflake(), type: 20, channelId, author }),
    webhook_id: applicationId,
    application_id: applicationId,
  };
}
