import type { ReadinessCheck } from './readiness.js';

/** The one call readiness makes to the digest database: anything that must reach it. */
export type DatabasePing = () => Promise<unknown> | unknown;

/**
 * `/readyz`'s database check. main passes the ping for today's store (a trivial query through
 * its connection); when the store's contract becomes async, only that ping changes.
 */
export function databaseReadiness(ping: DatabasePing): ReadinessCheck {
  return {
    name: 'database',
    async check() {
      await ping();
    },
  };
}
