import {
  type APIApplicationCommand,
  type REST,
  type RESTPostAPIApplicationCommandsJSONBody,
  Routes,
} from 'discord.js';

export interface RegisterTarget {
  applicationId: string;
  /** Set: one server, where changes show at once. Unset: every server (global commands). */
  guildId?: string | undefined;
}

export type RegisterOutcome = 'unchanged' | 'updated';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Values Discord fills in on its side that mean the same as leaving them out. */
function isDefault(key: string, value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (key === 'required' || key === 'nsfw' || key === 'autocomplete') return value === false;
  if (key === 'options' || key === 'choices') return Array.isArray(value) && value.length === 0;
  if (key.endsWith('_localizations')) return Object.keys(value as object).length === 0;
  return false;
}

/** Keys that describe a command; everything else Discord returns (ids, version, ...) is its own. */
const COMMAND_KEYS = new Set([
  'type',
  'name',
  'name_localizations',
  'description',
  'description_localizations',
  'options',
  'default_member_permissions',
  'contexts',
  'integration_types',
  'nsfw',
]);

/** A comparable form: known keys only, defaults dropped, keys sorted, `type` 1 made explicit. */
function canonical(value: unknown, topLevel: boolean): Json {
  if (Array.isArray(value)) return value.map((item) => canonical(item, false));
  if (value === null || typeof value !== 'object') return value as Json;
  const entries = Object.entries(value)
    .filter(([key, v]) => !isDefault(key, v) && (!topLevel || COMMAND_KEYS.has(key)))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, v]): [string, Json] => [key, canonical(v, false)]);
  const object = Object.fromEntries(entries);
  if (topLevel && object.type === undefined) object.type = 1;
  return object;
}

/**
 * Sorted by code unit, not `localeCompare`: both sides only need the same order, and a collator
 * would map ICU's collation code and data into the process (about 2 MiB of RSS) for this alone.
 */
const canonicalList = (commands: readonly unknown[]) =>
  commands
    .map((command) => JSON.stringify(canonical(command, true)))
    .sort()
    .join('\n');

/** True when what Discord holds already says exactly what `wanted` says. */
export function sameCommands(
  registered: readonly APIApplicationCommand[],
  wanted: readonly RESTPostAPIApplicationCommandsJSONBody[],
): boolean {
  return canonicalList(registered) === canonicalList(wanted);
}

function commandsRoute({ applicationId, guildId }: RegisterTarget) {
  return guildId
    ? Routes.applicationGuildCommands(applicationId, guildId)
    : Routes.applicationCommands(applicationId);
}

/**
 * Makes the registered commands match `wanted`. Discord caps command creates per day, so the
 * current list is fetched first and the bulk overwrite (PUT) is sent only when something differs.
 */
export async function registerCommands(
  rest: REST,
  target: RegisterTarget,
  wanted: readonly RESTPostAPIApplicationCommandsJSONBody[],
): Promise<RegisterOutcome> {
  const route = commandsRoute(target);
  // Without with_localizations Discord returns only the caller's locale, and every compare differs.
  const registered = (await rest.get(route, {
    query: new URLSearchParams({ with_localizations: 'true' }),
  })) as APIApplicationCommand[];
  if (sameCommands(registered, wanted)) return 'unchanged';
  await rest.put(route, { body: wanted });
  return 'updated';
}
