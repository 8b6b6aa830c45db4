import { Writable } from 'node:stream';
import { pino } from 'pino';
import { commands as realCommands } from '../../commands/index.js';
import { type DiscordStartOptions, startDiscord } from '../../src/adapters/discord/start.js';
import type { BotServices, RunningPlatform } from '../../src/adapters/platform.js';
import { ChartImages } from '../../src/chart/index.js';
import { parseConfig } from '../../src/config.js';
import { type CommandDefinition, loadStories } from '../../src/core/index.js';
import { DEFAULT_STORIES_DIR } from '../../src/paths.js';
import type { FakeDiscord } from '../support/fake-discord/fake-discord.js';

export const catalog = loadStories(DEFAULT_STORIES_DIR);
export const story = catalog.defaultStory;

export interface LogLine {
  level: number;
  msg: string;
  errorId?: string;
  [key: string]: unknown;
}

export interface RunningBot {
  platform: RunningPlatform;
  /** Every log line the bot wrote, parsed. */
  logs: LogLine[];
}

/** A pino logger that keeps its JSON lines in memory, so tests can read what was logged. */
export function memoryLogger(lines: LogLine[]) {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line.trim()) lines.push(JSON.parse(line) as LogLine);
      }
      done();
    },
  });
  return pino({ level: 'debug' }, sink);
}

export interface StartBotOptions extends DiscordStartOptions {
  commands?: readonly CommandDefinition[];
  env?: Record<string, string>;
}

/** Starts the adapter in this process through its public seam, pointed at the fake. */
export async function startBot(
  fake: FakeDiscord,
  options: StartBotOptions = {},
): Promise<RunningBot> {
  const logs: LogLine[] = [];
  const services: BotServices = {
    catalog,
    commands: options.commands ?? realCommands,
    config: parseConfig({ ...fake.env(), ...options.env }),
    logger: memoryLogger(logs),
    charts: new ChartImages(),
  };
  const platform = await startDiscord(services, options);
  return { platform, logs };
}
