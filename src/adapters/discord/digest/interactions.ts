import {
  type APIChatInputApplicationCommandInteraction,
  PermissionFlagsBits,
  PermissionsBitField,
} from 'discord.js';
import {
  type Answer,
  errorAnswer,
  LANGS,
  type Lang,
  type Localized,
  type Story,
  t,
} from '../../../core/index.js';
import type { AdminRequest, DigestAdmin } from '../../../schedule/admin.js';

const NOT_RUNNING: Localized = {
  en: 'Scheduled digests are not running in this bot, so they cannot be set up here. Ask whoever runs the bot.',
  ja: 'このボットでは定期ダイジェストが動いていないため、ここでは設定できません。ボットの運用者にお問い合わせください。',
};

const USAGE: Localized = {
  en: 'Use `/sakura-digest subscribe`, `/sakura-digest unsubscribe`, `/sakura-digest list` or `/sakura-digest preview`.',
  ja: '`/sakura-digest subscribe`、`/sakura-digest unsubscribe`、`/sakura-digest list`、`/sakura-digest preview` が使えます。',
};

const isLang = (value: string): value is Lang => (LANGS as readonly string[]).includes(value);

/**
 * Who asks and where. `isAdmin` comes from the member's permissions in this channel as Discord
 * computed them and sent them in the interaction (Administrator counts too), never from the
 * command's visibility alone: a server can grant `/sakura-digest` to anyone in its settings.
 */
export function adminRequest(
  interaction: APIChatInputApplicationCommandInteraction,
  lang: Lang,
): AdminRequest {
  const { member } = interaction;
  return {
    platform: 'discord',
    workspaceId: interaction.guild_id ?? null,
    channelId: interaction.channel.id,
    userId: member?.user.id ?? interaction.user?.id ?? '',
    lang,
    // `has` counts Administrator as every permission, as Discord does.
    isAdmin:
      interaction.guild_id !== undefined &&
      member !== undefined &&
      new PermissionsBitField(BigInt(member.permissions)).has(PermissionFlagsBits.ManageGuild),
  };
}

/** The subcommand typed and its options as name -> text, as the router read them. */
export interface TypedSubcommand {
  name: string | undefined;
  options: Record<string, string>;
}

/** `/sakura-digest <sub>` as the platform-neutral admin call; every answer is private. */
export async function digestCommandAnswer(
  interaction: APIChatInputApplicationCommandInteraction,
  typed: TypedSubcommand,
  digests: DigestAdmin | undefined,
  story: Story,
  lang: Lang,
): Promise<Answer> {
  const title = t(lang, 'title.digestAdmin');
  if (!digests) return errorAnswer(story, lang, title, NOT_RUNNING[lang]);
  const request = adminRequest(interaction, lang);
  const { options } = typed;
  switch (typed.name) {
    case 'subscribe': {
      const { language } = options;
      // Discord only offers the two choices; anything else is a stale or forged command.
      if (language !== undefined && !isLang(language)) {
        return errorAnswer(story, lang, t(lang, 'title.invalidInput'), t(lang, 'error.badLang'));
      }
      // A missing schedule (also forged) reads as an empty one: the admin's error explains it.
      return digests.subscribe(request, {
        schedule: options.schedule ?? '',
        timezone: options.timezone,
        digestLang: language,
      });
    }
    case 'unsubscribe':
      return digests.unsubscribe(request);
    case 'list':
      return digests.list(request);
    case 'preview':
      return digests.preview(request);
    default:
      return errorAnswer(story, lang, title, USAGE[lang]);
  }
}
