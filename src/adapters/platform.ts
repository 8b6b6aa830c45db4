import type { Config } from '../config.js';
import type { CommandDefinition, StoryCatalog } from '../core/index.js';
import type { Logger } from '../logger.js';
import type { DigestAdmin } from '../schedule/admin.js';
import type { Poster } from '../schedule/poster.js';

/** What main hands every adapter: the facts, the commands, the settings and the log. */
export interface BotServices {
  catalog: StoryCatalog;
  commands: readonly CommandDefinition[];
  config: Config;
  logger: Logger;
  /** Digest admin commands; absent in console mode, which posts no digests. */
  digests?: DigestAdmin;
}

/** A started platform; `stop` stops taking new work, finishes what is in flight, and closes. */
export interface RunningPlatform {
  name: string;
  /** How the scheduler posts digests to this platform, when it can. */
  poster?: Poster;
  stop(): Promise<void>;
}
