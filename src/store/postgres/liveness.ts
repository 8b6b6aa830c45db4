import { randomInt } from 'node:crypto';
import type pg from 'pg';
import { createClient } from './connect.js';

/** The first key of every liveness lock: "a sakura-bot process is alive" (any fixed int4). */
export const LIVENESS_NAMESPACE = 0x5a4b;

/**
 * SQL that is true when the claim's owner still holds its liveness lock in this database. The
 * lock is a session-level advisory lock on a connection that lives as long as the process: when
 * the process dies (even SIGKILL), the server sees the connection close and drops the lock, so
 * other replicas take its claims over at once instead of waiting for their leases.
 * (A two-key advisory lock shows in pg_locks as classid = key1, objid = key2, objsubid = 2.)
 */
export const OWNER_ALIVE = `owner_key IN (
  SELECT objid::bigint FROM pg_locks
  WHERE locktype = 'advisory' AND classid = ${LIVENESS_NAMESPACE} AND objsubid = 2 AND granted
    AND database = (SELECT oid FROM pg_database WHERE datname = current_database()))`;

/**
 * Holds this process's liveness lock. If the connection drops while the process lives, the
 * lock is gone until it reconnects; meanwhile another replica may take over our claims, and the
 * fence makes our own later writes for them change nothing.
 */
export class Liveness {
  readonly key = randomInt(1, 2 ** 31 - 1);
  #client: pg.Client | undefined;
  #closed = false;
  #retry: NodeJS.Timeout | undefined;

  constructor(
    private readonly url: string,
    private readonly onLost: (error: unknown) => void,
  ) {}

  async start(): Promise<void> {
    const client = createClient(this.url);
    client.on('error', (error) => this.#lost(client, error));
    await client.connect();
    await client.query('SELECT pg_advisory_lock($1, $2)', [LIVENESS_NAMESPACE, this.key]);
    this.#client = client;
  }

  #lost(client: pg.Client, error: unknown): void {
    if (this.#closed || this.#client !== client) return;
    this.#client = undefined;
    void client.end().catch(() => undefined);
    this.onLost(error);
    const again = () => {
      this.#retry = undefined;
      if (this.#closed) return;
      this.start().catch(() => {
        this.#retry = setTimeout(again, 1_000);
        this.#retry.unref();
      });
    };
    again();
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#retry) clearTimeout(this.#retry);
    await this.#client?.end().catch(() => undefined);
    this.#client = undefined;
  }
}
