import { pino } from 'pino';

export type Logger = pino.Logger;

/**
 * JSON logs on stderr, so stdout stays the bot's own output (the console adapter's answers) and
 * a process manager can collect both separately.
 */
export function createLogger(level: string): Logger {
  return pino({ level, base: { app: 'sakura-bot' } }, pino.destination({ fd: 2, sync: true }));
}
