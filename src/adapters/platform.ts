import type { Config } from '../config.js';
import type { CommandDefinition, StoryCatalog } from '../core/index.js';
import type { Logger } from '../logger.js';

/** What main hands every adapter: the facts, the commands, the settings and the log. */
export interface BotServices {
  catalog: StoryCatalog;
  commands: readonly CommandDefinition[];
  config: Config;
  logger: Logger;
}

/** A started platform; `stop` stops taking new work, finishes what is in flight, and closes. */
export interface RunningPlatform {
  name: string;
  stop(): Promise<void>;
}
