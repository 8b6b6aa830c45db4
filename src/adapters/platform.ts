import type { ChartImages } from '../chart/index.js';
import type { Config } from '../config.js';
import type { CommandDefinition, StoryCatalog } from '../core/index.js';
import type { BotMetrics } from '../http/metrics.js';
import type { ReadinessCheck } from '../http/readiness.js';
import type { HttpRoutes } from '../http/routes.js';
import type { Logger } from '../logger.js';
import type { DigestAdmin } from '../schedule/admin.js';
import type { Poster } from '../schedule/poster.js';
import type { Store } from '../store/contract.js';

/** What main hands every adapter: the facts, the commands, the settings and the log. */
export interface BotServices {
  catalog: StoryCatalog;
  commands: readonly CommandDefinition[];
  config: Config;
  logger: Logger;
  /** Digest admin commands; absent in console mode, which posts no digests. */
  digests?: DigestAdmin;
  /** The open store (Slack's OAuth mode keeps its installations there); absent in console mode. */
  store?: Store;
  /** The process's one HTTP server's paths, for adapters that receive requests over HTTP. */
  http?: HttpRoutes;
  /** Commands and rate limits are counted here; absent where nothing scrapes them (tests). */
  metrics?: BotMetrics;
  /** Chart PNGs, shared by every platform; absent, charts stay text (the console). */
  charts?: ChartImages;
}

/** A started platform; `stop` stops taking new work, finishes what is in flight, and closes. */
export interface RunningPlatform {
  name: string;
  /** How the scheduler posts digests to this platform, when it can. */
  poster?: Poster;
  /** Passes while the platform can take traffic (connected, or its endpoint mounted). */
  readiness: ReadinessCheck;
  stop(): Promise<void>;
}
