import { z } from 'zod';
import type { Answer } from './answer.js';
import { t } from './i18n.js';
import type { Lang, Localized } from './lang.js';
import type { Story } from './story/schema.js';

/** A free-text option (the only kind our commands need); limits are shared by every platform. */
export interface OptionSpec<Name extends string = string, Required extends boolean = boolean> {
  name: Name;
  /** The option's name in Japanese, where a platform lets users pick options by name. */
  nameJa: string;
  description: Localized;
  required: Required;
  maxLength: number;
  /** Shown in errors so a user sees a working call, e.g. `ask how much is Microsoft investing?` */
  example: string;
}

export type CommandOptions = Readonly<Record<string, string>>;

/**
 * The options `run` receives, read off the command's own specs (as discord-utils-bot's
 * `ArgumentsOf<typeof Command>`): a required option is a string, any other may be missing.
 * validateOptions guarantees it before any `run` is called.
 */
export type OptionsOf<Specs extends readonly OptionSpec[]> = {
  readonly [S in Specs[number] as S['required'] extends true ? S['name'] : never]: string;
} & {
  readonly [S in Specs[number] as S['required'] extends true ? never : S['name']]?: string;
};

export interface CommandContext<Options = CommandOptions> {
  story: Story;
  lang: Lang;
  options: Options;
  /** Every command the bot offers, for `help`. */
  commands: readonly CommandDefinition[];
}

export interface CommandDefinition<Specs extends readonly OptionSpec[] = readonly OptionSpec[]> {
  name: string;
  /** The command's name in Japanese, where a platform shows localized command names. */
  nameJa: string;
  description: Localized;
  options: Specs;
  /** `admin` commands are refused to non-admins by the adapter *and* re-checked server side;
   * the text parser refuses them to everyone (a line of text does not say who is an admin). */
  access: 'everyone' | 'admin';
  /**
   * The story's commands answer at once; one doing I/O may return a promise. Every adapter
   * gives such an answer the same deadline (src/adapters/deadline.ts): in the first response
   * if ready in time, after a deferral (Discord) or an empty ack (Slack) if not; never cached.
   */
  run(ctx: CommandContext<OptionsOf<Specs>>): Answer | Promise<Answer>;
}

/** Keeps the option specs' literal types, so `run` sees exactly the options it declares. */
export function defineCommand<const Specs extends readonly OptionSpec[]>(
  definition: CommandDefinition<Specs>,
): CommandDefinition {
  return definition;
}

// Control characters never belong in a question, and NFC keeps composed and decomposed kana alike.
const CONTROL_CHARS = /[\p{Cc}\p{Cf}]/gu;

function cleanText(value: string): string {
  return value.normalize('NFC').replace(CONTROL_CHARS, ' ').replace(/\s+/g, ' ').trim();
}

const schemas = new WeakMap<CommandDefinition, z.ZodType<Record<string, string | undefined>>>();

/** The zod schema for a command's options, built once per command: building costs more than parsing. */
function optionsSchema(command: CommandDefinition): z.ZodType<Record<string, string | undefined>> {
  let schema = schemas.get(command);
  if (!schema) {
    const shape: Record<string, z.ZodType<string | undefined>> = {};
    for (const spec of command.options) {
      const text = z.string().transform(cleanText).pipe(z.string().min(1).max(spec.maxLength));
      shape[spec.name] = spec.required ? text : text.optional();
    }
    schema = z.strictObject(shape);
    schemas.set(command, schema);
  }
  return schema;
}

export type OptionsResult = { ok: true; options: CommandOptions } | { ok: false; message: string };

/** Validates raw option values from any platform against a command's specs. */
export function validateOptions(
  command: CommandDefinition,
  raw: Readonly<Record<string, string | undefined>>,
  lang: Lang,
): OptionsResult {
  const result = optionsSchema(command).safeParse(raw);
  if (result.success) {
    const options = Object.fromEntries(
      Object.entries(result.data).filter(
        (entry): entry is [string, string] => entry[1] !== undefined,
      ),
    );
    return { ok: true, options };
  }
  const issue = result.error.issues[0];
  // zod names unrecognised keys in `keys`, other problems in `path`.
  const name = String(issue?.code === 'unrecognized_keys' ? issue.keys[0] : (issue?.path[0] ?? ''));
  const spec = command.options.find((o) => o.name === name);
  if (!spec) {
    const allowed = command.options.map((o) => o.name).join(', ') || '-';
    return { ok: false, message: t(lang, 'error.badOption', { option: name, allowed }) };
  }
  if (issue?.code === 'too_big') {
    return { ok: false, message: t(lang, 'error.tooLong', { option: name, max: spec.maxLength }) };
  }
  return { ok: false, message: t(lang, 'error.required', { option: name, example: spec.example }) };
}
