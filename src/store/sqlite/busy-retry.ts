import pRetry from 'p-retry';

/**
 * How long one statement may block the event loop waiting for another process's write lock:
 * not at all. better-sqlite3 is synchronous, so any busy timeout is spent on the event loop
 * (5 s used to freeze every interaction in flight, past both platforms' 3 s; even 10 ms, slept
 * in short steps that oversleep on a loaded machine, showed in the loop delay). A locked
 * statement fails at once and `whenNotBusy` waits between event-loop turns instead.
 */
export const RUNTIME_BUSY_TIMEOUT_MS = 0;

/** Give up on a lock held this long: something is wrong with the other process. */
const MAX_WAIT_MS = 30_000;

/** better-sqlite3's error code (`SQLITE_BUSY`, `SQLITE_NOTADB`, ...), if `error` has one. */
export const sqliteErrorCode = (error: unknown): string | undefined =>
  error instanceof Error && 'code' in error && typeof error.code === 'string'
    ? error.code
    : undefined;

export const isBusy = (error: unknown): boolean => {
  const code = sqliteErrorCode(error);
  return code !== undefined && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
};

/**
 * Runs one synchronous database step (a statement or an immediate transaction) and, while
 * another process holds the lock, tries again after short timer waits instead of blocking.
 * Each step must be safe to repeat from the start: a failed statement or transaction changed
 * nothing.
 */
export function whenNotBusy<T>(step: () => T): Promise<T> {
  return pRetry(async () => step(), {
    retries: Number.POSITIVE_INFINITY,
    minTimeout: 5,
    maxTimeout: 50,
    factor: 1.5,
    randomize: true,
    maxRetryTime: MAX_WAIT_MS,
    shouldRetry: ({ error }) => isBusy(error),
  });
}
