import {
  type APIApplicationCommandStringOption,
  type APIApplicationCommandSubcommandOption,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  PermissionFlagsBits,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { Localized } from '../../../core/index.js';
import { checkedName, descriptions, nameLocalizations } from '../command-naming.js';

/**
 * `/sakura-digest`: its own top-level command because Discord applies permissions per top-level
 * command, so only members who may manage the server see it (and the router checks again).
 */
export const DIGEST_COMMAND = 'sakura-digest';

export const DIGEST_SUBCOMMANDS = ['subscribe', 'unsubscribe', 'list', 'preview'] as const;
export type DigestSubcommand = (typeof DIGEST_SUBCOMMANDS)[number];

/** Manage Server, as Discord writes a permission set: a decimal string ("32"). */
export const DIGEST_PERMISSIONS = PermissionFlagsBits.ManageGuild.toString();

/**
 * The descriptions Discord shows for /sakura-digest. Kept with the definition, as each
 * commands/*.ts keeps its own: they are part of the command's registered shape, not messages.
 */
const TEXT = {
  command: {
    en: "The story's scheduled digest in this channel (for server managers)",
    ja: 'このチャンネルへの記事の定期ダイジェスト（サーバー管理者向け）',
  },
  subscribe: {
    en: 'Post the digest in this channel on a schedule',
    ja: 'このチャンネルにダイジェストを定期投稿する',
  },
  unsubscribe: {
    en: 'Stop posting the digest in this channel',
    ja: 'このチャンネルへのダイジェスト投稿を停止する',
  },
  list: {
    en: "This server's digest channels, and why any is paused",
    ja: 'このサーバーのダイジェスト一覧（一時停止中の理由も表示）',
  },
  preview: {
    en: 'Show only you the digest this channel would get now',
    ja: 'このチャンネルに今届くダイジェストを自分だけに表示する',
  },
  schedule: {
    en: 'daily, weekdays or weekly (09:00), or 5 cron fields: minute hour day month weekday',
    ja: 'daily・weekdays・weekly（9時）、または5つのcronフィールド（分 時 日 月 曜日）',
  },
  timezone: {
    en: 'IANA time zone such as America/New_York (default Asia/Tokyo)',
    ja: 'America/New_York などのIANAタイムゾーン（既定は Asia/Tokyo）',
  },
  language: {
    en: 'Language of the digest (default: yours)',
    ja: 'ダイジェストの言語（既定：あなたの言語）',
  },
} as const satisfies Record<string, Localized>;

const JA_NAMES: Record<DigestSubcommand | 'schedule' | 'timezone' | 'language', string> = {
  subscribe: '登録',
  unsubscribe: '解除',
  list: '一覧',
  preview: 'プレビュー',
  schedule: 'スケジュール',
  timezone: 'タイムゾーン',
  language: '言語',
};

// stringOption and subcommand build two different Discord option types from the same naming
// helpers, so they read alike; one generic builder would only hide which fields each type has.
function stringOption(
  name: 'schedule' | 'timezone' | 'language',
  required: boolean,
  extra: Pick<APIApplicationCommandStringOption, 'max_length' | 'choices'> = {},
): APIApplicationCommandStringOption {
  return {
    type: ApplicationCommandOptionType.String,
    name: checkedName(name, 'option'),
    ...nameLocalizations(JA_NAMES[name], 'Japanese option name'),
    ...descriptions(TEXT[name]),
    required,
    ...extra,
  };
}

function subcommand(
  name: DigestSubcommand,
  options: APIApplicationCommandStringOption[] = [],
): APIApplicationCommandSubcommandOption {
  return {
    type: ApplicationCommandOptionType.Subcommand,
    name: checkedName(name, 'command'),
    ...nameLocalizations(JA_NAMES[name], 'Japanese command name'),
    ...descriptions(TEXT[name]),
    options,
  };
}

/** The `/sakura-digest` registration: guild-only, Manage Server by default. */
export function digestCommandJson(): RESTPostAPIChatInputApplicationCommandsJSONBody {
  return {
    type: ApplicationCommandType.ChatInput,
    name: DIGEST_COMMAND,
    ...descriptions(TEXT.command),
    default_member_permissions: DIGEST_PERMISSIONS,
    // Channels of a server only: a DM has no server to manage and no channel to post a digest in.
    contexts: [InteractionContextType.Guild],
    integration_types: [ApplicationIntegrationType.GuildInstall],
    options: [
      subcommand('subscribe', [
        stringOption('schedule', true, { max_length: 100 }),
        stringOption('timezone', false, { max_length: 64 }),
        stringOption('language', false, {
          choices: [
            { name: 'English', name_localizations: { ja: '英語' }, value: 'en' },
            { name: 'Japanese', name_localizations: { ja: '日本語' }, value: 'ja' },
          ],
        }),
      ]),
      subcommand('unsubscribe'),
      subcommand('list'),
      subcommand('preview'),
    ],
  };
}
