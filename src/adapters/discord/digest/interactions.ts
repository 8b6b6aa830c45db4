import {
  type APIChatInputApplicationCommandInteraction,
  PermissionFlagsBits,
  PermissionsBitField,
} from 'discord.js';
import { type Answer, errorAnswer, isLang, type Lang, type Story, t } from '../../../core/index.js';
import type { AdminRequest, DigestAdmin } from '../../../schedule/admin.js';

/** `digest.usage` in Discord's syntax: each admin command is a subcommand with its own options. */
function usage(lang: Lang): string {
  return t(lang, 'digest.usage', {
    subscribe: '`/sakura-digest subscribe`',
    unsubscribe: '`/sakura-digest unsubscribe`',
    list: '`/sakura-digest list`',
    preview: '`/sakura-digest preview`',
  });
}

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
  if (!digests) return errorAnswer(story, lang, title, t(lang, 'digest.notRunning'));
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
      const args = {
        schedule: options.schedule ?? '',
        timezone: options.timezone,
        digestLang: language,
      };
      return digests.run(request, { kind: 'subscribe', args });
    }
    case 'unsubscribe':
    case 'list':
    case 'preview':
      return digests.run(request, { kind: typed.name });
    default:
      return errorAnswer(story, lang, title, usage(lang));
  }
}
