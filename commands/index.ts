// Alike by design (the duplicates tool pairs them): every command file opens with the same
// imports from the core and a defineCommand({ name, nameJa, description, options, access, run })
// of the same shape. One file per command is the layout; the shared work is in src/core.
import type { CommandDefinition } from '../src/core/index.js';
import adoption from './adoption.js';
import announcement from './announcement.js';
import ask from './ask.js';
import help from './help.js';
import impact from './impact.js';
import investment from './investment.js';
import partners from './partners.js';
import source from './source.js';
import stocks from './stocks.js';
import summary from './summary.js';

/** Every `/sakura` subcommand, in the order help and Discord's picker show them. */
export const commands: readonly CommandDefinition[] = [
  stocks,
  investment,
  partners,
  announcement,
  adoption,
  impact,
  summary,
  ask,
  source,
  help,
];
