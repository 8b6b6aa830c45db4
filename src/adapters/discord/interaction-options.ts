import {
  type APIChatInputApplicationCommandInteraction,
  ApplicationCommandOptionType,
} from 'discord.js';

/** The subcommand typed, e.g. `stocks` in `/sakura stocks`. */
export function subcommandName(
  interaction: APIChatInputApplicationCommandInteraction,
): string | undefined {
  return interaction.data.options?.find(
    (option) => option.type === ApplicationCommandOptionType.Subcommand,
  )?.name;
}

/**
 * The subcommand's options as name -> text, exactly as Discord sent them. Unknown names are kept
 * (not filtered) so the core's validateOptions can reject a stale or forged command shape.
 */
export function rawOptions(
  interaction: APIChatInputApplicationCommandInteraction,
): Record<string, string> {
  const sub = interaction.data.options?.find(
    (option) => option.type === ApplicationCommandOptionType.Subcommand,
  );
  if (sub?.type !== ApplicationCommandOptionType.Subcommand) return {};
  return Object.fromEntries(
    (sub.options ?? []).map((option) => [option.name, String(option.value)]),
  );
}
