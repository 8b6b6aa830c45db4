import {
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandSubcommandOption,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { CommandDefinition, Localized, OptionSpec, Story } from '../../core/index.js';
import { JA_OPTION_NAMES, JA_SUBCOMMAND_NAMES } from './localized-names.js';
import { truncateText } from './text-fit.js';

/** The one top-level command; every entry of `commands/` is a subcommand of it. */
export const ROOT_COMMAND = 'sakura';

/** Discord's rules for command and option names, and its description length. */
const NAME = /^[-_\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const DESCRIPTION_MAX = 100;

function checkedName(name: string, what: string): string {
  // A bad name makes Discord refuse the whole command list: say which one, before sending it.
  if (!NAME.test(name) || name !== name.toLowerCase()) {
    throw new Error(`${what} "${name}" is not a valid Discord command name`);
  }
  return name;
}

function descriptions(text: Localized) {
  return {
    description: truncateText(text.en, DESCRIPTION_MAX),
    description_localizations: { ja: truncateText(text.ja, DESCRIPTION_MAX) },
  };
}

function nameLocalizations(ja: string | undefined, what: string) {
  return ja ? { name_localizations: { ja: checkedName(ja, what) } } : {};
}

function optionJson(spec: OptionSpec): APIApplicationCommandBasicOption {
  return {
    type: ApplicationCommandOptionType.String,
    name: checkedName(spec.name, 'option'),
    ...nameLocalizations(JA_OPTION_NAMES[spec.name], 'Japanese option name'),
    ...descriptions(spec.description),
    required: spec.required,
    max_length: spec.maxLength,
  };
}

function subcommandJson(command: CommandDefinition): APIApplicationCommandSubcommandOption {
  // Discord wants required options before optional ones.
  const specs = [...command.options].sort((a, b) => Number(b.required) - Number(a.required));
  return {
    type: ApplicationCommandOptionType.Subcommand,
    name: checkedName(command.name, 'command'),
    ...nameLocalizations(JA_SUBCOMMAND_NAMES[command.name], 'Japanese command name'),
    ...descriptions(command.description),
    options: specs.map(optionJson),
  };
}

/**
 * Commands shown under `/sakura`. Discord applies permissions per top-level command, so an
 * `admin` command cannot be protected as a subcommand here; those belong to their own top-level
 * command and are left out.
 */
export function publicCommands(commands: readonly CommandDefinition[]): CommandDefinition[] {
  return commands.filter((command) => command.access === 'everyone');
}

/**
 * `/sakura` with one subcommand per public command, in `commands/` order (the picker's order).
 * Its own description is the story's title, so the picker says what the bot is about.
 */
export function sakuraCommandJson(
  commands: readonly CommandDefinition[],
  story: Story,
): RESTPostAPIChatInputApplicationCommandsJSONBody {
  return {
    type: ApplicationCommandType.ChatInput,
    name: ROOT_COMMAND,
    ...descriptions(story.title),
    contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
    integration_types: [ApplicationIntegrationType.GuildInstall],
    options: publicCommands(commands).map(subcommandJson),
  };
}

/** Everything the bot registers, as one bulk-overwrite body. */
export function commandListJson(
  commands: readonly CommandDefinition[],
  story: Story,
): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return [sakuraCommandJson(commands, story)];
}
