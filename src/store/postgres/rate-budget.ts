import type pg from 'pg';
import type { RateLimit, SharedRateBudget } from '../contract.js';

/**
 * The shared rate budget in PostgreSQL: one row per budget, one UPDATE per request, and the
 * server's clock for every replica, so hosts whose clocks differ still share one pace.
 */
export class PostgresRateBudget implements SharedRateBudget {
  constructor(private readonly pool: pg.Pool) {}

  async reserve(name: string, limit: RateLimit): Promise<number> {
    const interval = 1000 / limit.perSecond;
    const tolerance = (limit.burst - 1) * interval;
    const { rows } = await this.pool.query<{ tat: number; now: number }>(
      `WITH clock AS (SELECT extract(epoch FROM clock_timestamp()) * 1000 AS now)
       INSERT INTO rate_budgets AS b (name, tat) SELECT $1, now + $2 FROM clock
       ON CONFLICT (name) DO UPDATE SET tat = GREATEST(b.tat, (SELECT now FROM clock)) + $2
       RETURNING b.tat, (SELECT now FROM clock)::float8 AS now`,
      [name, interval],
    );
    const row = rows[0];
    if (!row) throw new Error('rate budget row missing');
    // The reserved turn starts one interval before the new arrival time; a burst may go early.
    return Math.max(0, row.tat - interval - tolerance - row.now);
  }
}
