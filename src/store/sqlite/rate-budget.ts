import type { Database } from 'better-sqlite3';
import type { RateLimit, SharedRateBudget } from '../contract.js';
import { whenNotBusy } from './busy-retry.js';

/**
 * The shared rate budget in SQLite, for processes on one host sharing the file. The clock is
 * this host's, which every process on the file shares.
 */
export class SqliteRateBudget implements SharedRateBudget {
  constructor(
    private readonly db: Database,
    private readonly now: () => number = Date.now,
  ) {}

  reserve(name: string, limit: RateLimit): Promise<number> {
    const interval = 1000 / limit.perSecond;
    const tolerance = (limit.burst - 1) * interval;
    return whenNotBusy(() => {
      const now = this.now();
      const row = this.db
        .prepare(
          `INSERT INTO rate_budgets (name, tat) VALUES (@name, @now + @interval)
           ON CONFLICT (name) DO UPDATE SET tat = MAX(tat, @now) + @interval
           RETURNING tat`,
        )
        .get({ name, now, interval }) as { tat: number };
      // The turn this call reserved starts one interval before the new arrival time; a burst's
      // worth of turns may go early.
      return Math.max(0, row.tat - interval - tolerance - now);
    });
  }
}
