import { type FakeUser, guildCreate, user } from './payloads.js';

/** Ids unique within one fake: a counter rendered as a 18-digit snowflake-shaped number. */
let next = 100_000_000_000_000_000n;
const id = () => (next++).toString();

/**
 * A typical community server as GUILD_CREATE brings it to a bot with only the Guilds intent:
 * 20 channels under 3 categories, 10 roles, 25 emojis, 2 stickers, and the members Discord
 * includes without the members intent (the bot itself, and the 5 people in a voice channel,
 * with their voice states). Every server gets the same shape, so memory grows per server alike.
 */
export function communityGuild(guildId: string, botUser: FakeUser) {
  const base = guildCreate(guildId, id(), botUser);
  const categories = [0, 1, 2].map((i) => ({
    id: id(),
    type: 4,
    guild_id: guildId,
    name: `category-${i}`,
    position: i,
    permission_overwrites: [],
  }));
  const channels = Array.from({ length: 17 }, (_, i) => ({
    id: id(),
    type: i % 4 === 3 ? 2 : 0,
    guild_id: guildId,
    name: `channel-${i}`,
    position: i,
    parent_id: categories[i % 3]?.id,
    topic: i % 4 === 3 ? null : `What channel ${i} is for, in a sentence or two.`,
    nsfw: false,
    rate_limit_per_user: 0,
    permission_overwrites: [{ id: guildId, type: 0, allow: '0', deny: '2048' }],
  }));
  const roles = Array.from({ length: 10 }, (_, i) => ({
    id: i === 0 ? guildId : id(),
    name: i === 0 ? '@everyone' : `role-${i}`,
    color: i * 1000,
    hoist: i % 3 === 0,
    position: i,
    permissions: '1071698660929',
    managed: false,
    mentionable: false,
    flags: 0,
  }));
  const emojis = Array.from({ length: 25 }, (_, i) => ({
    id: id(),
    name: `emoji_${i}`,
    roles: [],
    require_colons: true,
    managed: false,
    animated: i % 5 === 0,
    available: true,
  }));
  const stickers = Array.from({ length: 2 }, (_, i) => ({
    id: id(),
    name: `sticker-${i}`,
    tags: 'sakura',
    type: 2,
    format_type: 1,
    description: 'A sticker',
    available: true,
    guild_id: guildId,
  }));
  const voice = channels.find((c) => c.type === 2);
  const talkers = Array.from({ length: 5 }, (_, i) => user(id(), `talker-${i}`));
  return {
    ...base,
    channels: [...categories, ...channels],
    roles,
    emojis,
    stickers,
    members: [
      ...base.members,
      ...talkers.map((talker) => ({
        user: talker,
        roles: [roles[1]?.id],
        joined_at: new Date().toISOString(),
        deaf: false,
        mute: false,
        flags: 0,
      })),
    ],
    voice_states: talkers.map((talker) => ({
      user_id: talker.id,
      channel_id: voice?.id,
      session_id: id(),
      deaf: false,
      mute: false,
      self_deaf: false,
      self_mute: false,
      self_video: false,
      suppress: false,
      request_to_speak_timestamp: null,
    })),
    member_count: 120,
  };
}
