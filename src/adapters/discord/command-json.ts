import {
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandSubcommandOption,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { CommandDefinition, OptionSpec, Story } from '../../core/index.js';
import { checkedName, descriptions, nameLocalizations } from './command-naming.js';
import { digestCommandJson } from './digest/command-json.js';

/** The story's top-level command; every public entry of `commands/` is a subcommand of it. */
export const ROOT_COMMAND = 'sakura';

function optionJson(spec: OptionSpec): APIApplicationCommandBasicOption {
  return {
    type: ApplicationCommandOptionType.String,
    name: checkedName(spec.name, 'option'),
    ...nameLocalizations(spec.nameJa, 'Japanese option name'),
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
    ...nameLocalizations(command.nameJa, 'Japanese command name'),
    ...descriptions(command.description),
    options: specs.map(optionJson),
  };
}

/**
 * Commands shown under `/sakura`. Discord applies permissions per top-level command, so an
 * `admin` command cannot be protected as a subcommand here; those belong to their own top-level
 * command (as digests do: `/sakura-digest`) and are left out.
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

/**
 * Everything the bot registers, as one bulk-overwrite body: `/sakura`, and `/sakura-digest`
 * always (even where digests are off, so the list never flips between two shapes).
 */
export function commandListJson(
  commands: readonly CommandDefinition[],
  story: Story,
): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return [sakuraCommandJson(commands, story), digestCommandJson()];
}
