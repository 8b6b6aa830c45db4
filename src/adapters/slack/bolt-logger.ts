import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from '../../logger.js';

type PinoMethod = 'debug' | 'info' | 'warn' | 'error';

/**
 * Bolt's own messages (connection state, rejected signatures, listener errors) in our pino log,
 * as JSON on stderr with everything else, rather than on Bolt's console logger.
 */
export function boltLogger(logger: Logger): BoltLogger {
  const log = logger.child({ component: 'slack' });
  // Bolt logs strings and sometimes an Error; pino wants the error as `err` to keep its stack.
  const write =
    (method: PinoMethod) =>
    (...parts: unknown[]): void => {
      // Checked first: Bolt calls debug several times per request, and formatting costs.
      if (!log.isLevelEnabled(method)) return;
      const err = parts.find((part): part is Error => part instanceof Error);
      const text = parts
        .filter((part) => part !== err)
        .map((part) => (typeof part === 'string' ? part : String(part)))
        .join(' ');
      if (err) log[method]({ err }, text || err.message);
      else log[method](text);
    };
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    // The level is ours (LOG_LEVEL), so Bolt may read it but not change it.
    setLevel: () => {},
    getLevel: () => {
      if (log.isLevelEnabled('debug')) return LogLevel.DEBUG;
      if (log.isLevelEnabled('info')) return LogLevel.INFO;
      if (log.isLevelEnabled('warn')) return LogLevel.WARN;
      return LogLevel.ERROR;
    },
    setName: () => {},
  };
}
