import { ApplicationCommandOptionType, type ChatInputCommandInteraction } from 'discord.js';

/**
 * The subcommand's options as name -> text, exactly as Discord sent them. Unknown names are kept
 * (not filtered) so the core's validateOptions can reject a stale or forged command shape.
 */
export function rawOptions(interaction: ChatInputCommandInteraction): Record<string, string> {
  const sub = interaction.options.data.find(
    (option) => option.type === ApplicationCommandOptionType.Subcommand,
  );
  return Object.fromEntries(
    (sub?.options ?? [])
      .filter((option) => option.value !== undefined)
      .map((option) => [option.name, String(option.value)]),
  );
}
