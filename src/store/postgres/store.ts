import type pg from 'pg';
import type { Logger } from '../../logger.js';
import type { Store } from '../contract.js';
import { createPool, whereIs } from './connect.js';
import { PostgresDeliveryLedger } from './deliveries.js';
import { Liveness } from './liveness.js';
import { migrate } from './migrations.js';
import { PostgresRateBudget } from './rate-budget.js';
import { PostgresSlackFileStore } from './slack-files.js';
import { PostgresSlackInstallationStore } from './slack-installations.js';
import { PostgresSubscriptionStore } from './subscriptions.js';

/** The engine for several replicas: one PostgreSQL database shared by all of them. */
export class PostgresStore implements Store {
  readonly engine = 'postgres' as const;
  readonly subscriptions;
  readonly ledger;
  readonly rateBudget;
  readonly slackInstallations;
  readonly slackFiles;

  private constructor(
    readonly pool: pg.Pool,
    private readonly liveness: Liveness,
    owner: string,
  ) {
    this.subscriptions = new PostgresSubscriptionStore(pool);
    this.ledger = new PostgresDeliveryLedger(pool, owner, liveness.key);
    this.rateBudget = new PostgresRateBudget(pool);
    this.slackInstallations = new PostgresSlackInstallationStore(pool);
    this.slackFiles = new PostgresSlackFileStore(pool);
  }

  /** Connects, migrates (safely while other replicas do the same) and takes the liveness lock. */
  static async open(url: string, owner: string, logger?: Logger): Promise<PostgresStore> {
    const pool = createPool(url);
    // An idle pooled connection that breaks is replaced on the next query; say it, don't crash.
    pool.on('error', (err) => logger?.warn({ err }, 'PostgreSQL connection lost; reconnecting'));
    const liveness = new Liveness(url, (err) =>
      logger?.error(
        { err },
        'PostgreSQL liveness connection lost: other replicas may take over our digest claims until it is back',
      ),
    );
    try {
      await migrate(pool);
      await liveness.start();
    } catch (error) {
      await liveness.close();
      await pool.end();
      throw new Error(
        `the PostgreSQL database at ${whereIs(url)} could not be opened: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    }
    return new PostgresStore(pool, liveness, owner);
  }

  #closed = false;

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.liveness.close();
    await this.pool.end();
  }
}
