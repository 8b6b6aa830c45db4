import type pg from 'pg';
import type { FactRevisions } from '../../core/index.js';
// Both engines implement one contract, so they import the same types from it (alike by design).
import type {
  Delivery,
  DeliveryLedger,
  DeliveryStatus,
  SentDigest,
  SettleDetail,
} from '../contract.js';
import { type DeliveryRow, deliveryFromRow, settleValues } from '../rows.js';
import { OWNER_ALIVE } from './liveness.js';

const COLUMNS = 'id, subscription_id, slot, status, attempts, fence';

/**
 * A claim is taken over when its owner gave up for now, its lease ran out, or its owner is gone
 * (its liveness lock was released: the process died). `$now` is the caller's parameter number.
 */
const takeable = (now: string) =>
  `(status = 'retrying' OR (status = 'claimed' AND (lease_until < ${now} OR NOT ${OWNER_ALIVE})))`;

/**
 * The delivery ledger in PostgreSQL: `INSERT … ON CONFLICT DO NOTHING` on the unique
 * (subscription_id, slot) lets exactly one replica claim a slot; every owner write names the
 * fence, so a stalled replica's late writes match nothing.
 */
export class PostgresDeliveryLedger implements DeliveryLedger {
  constructor(
    private readonly pool: pg.Pool,
    readonly owner: string,
    /** This process's liveness lock key, stored with its claims. */
    private readonly ownerKey: number,
  ) {}

  async claim(
    subscriptionId: number,
    slot: Date,
    leaseUntil: Date,
    now: Date,
  ): Promise<Delivery | undefined> {
    const { rows } = await this.pool.query<{ id: number }>(
      `INSERT INTO deliveries (subscription_id, slot, status, owner, owner_key, lease_until, updated_at, fence)
       VALUES ($1, $2, 'claimed', $3, $4, $5, $6, 1)
       ON CONFLICT (subscription_id, slot) DO NOTHING RETURNING id`,
      [
        subscriptionId,
        slot.getTime(),
        this.owner,
        this.ownerKey,
        leaseUntil.getTime(),
        now.getTime(),
      ],
    );
    const id = rows[0]?.id;
    if (id === undefined) return undefined;
    return { id, subscriptionId, slot, status: 'claimed', attempts: 0, fence: 1 };
  }

  async unsettled(sinceSlot: Date, now: Date): Promise<Delivery[]> {
    const { rows } = await this.pool.query<DeliveryRow>(
      `SELECT ${COLUMNS} FROM deliveries
       WHERE status IN ('claimed', 'retrying') AND slot >= $1 AND ${takeable('$2')}
       ORDER BY slot, id`,
      [sinceSlot.getTime(), now.getTime()],
    );
    return rows.map(deliveryFromRow);
  }

  async reclaim(delivery: Delivery, leaseUntil: Date, now: Date): Promise<Delivery | undefined> {
    const { rows } = await this.pool.query<DeliveryRow>(
      `UPDATE deliveries SET status = 'claimed', owner = $1, owner_key = $2, lease_until = $3,
         updated_at = $4, fence = fence + 1
       WHERE id = $5 AND ${takeable('$4')}
       RETURNING ${COLUMNS}`,
      [this.owner, this.ownerKey, leaseUntil.getTime(), now.getTime(), delivery.id],
    );
    return rows[0] ? deliveryFromRow(rows[0]) : undefined;
  }

  async renew(
    delivery: Delivery,
    leaseUntil: Date,
    now: Date,
    options: { countAttempt: boolean },
  ): Promise<boolean> {
    const result = await this.pool.query(
      `UPDATE deliveries SET attempts = attempts + $1, lease_until = $2, updated_at = $3
       WHERE id = $4 AND fence = $5 AND status = 'claimed'`,
      [
        options.countAttempt ? 1 : 0,
        leaseUntil.getTime(),
        now.getTime(),
        delivery.id,
        delivery.fence,
      ],
    );
    return result.rowCount === 1;
  }

  async settle(
    delivery: Delivery,
    status: Exclude<DeliveryStatus, 'claimed' | 'missed'>,
    now: Date,
    detail: SettleDetail = {},
  ): Promise<boolean> {
    const result = await this.pool.query(
      `UPDATE deliveries SET status = $1, message_id = $2, error = $3, shown_revisions = $4,
         lease_until = NULL, updated_at = $5
       WHERE id = $6 AND fence = $7 AND status = 'claimed'`,
      [...settleValues(delivery, status, now, detail)],
    );
    return result.rowCount === 1;
  }

  async giveUp(delivery: Delivery, now: Date): Promise<boolean> {
    const result = await this.pool.query(
      `UPDATE deliveries SET status = 'failed', lease_until = NULL, updated_at = $1,
         fence = fence + 1,
         error = 'gave up: older than the catch-up window; last error: ' || COALESCE(error, 'none')
       WHERE id = $2 AND fence = $3 AND ${takeable('$1')}`,
      [now.getTime(), delivery.id, delivery.fence],
    );
    return result.rowCount === 1;
  }

  async recordMissed(subscriptionId: number, slots: readonly Date[], now: Date): Promise<number> {
    if (slots.length === 0) return 0;
    const result = await this.pool.query(
      `INSERT INTO deliveries (subscription_id, slot, status, updated_at)
       SELECT $1, slot, 'missed', $2 FROM unnest($3::bigint[]) AS slot
       ON CONFLICT (subscription_id, slot) DO NOTHING`,
      [subscriptionId, now.getTime(), slots.map((slot) => slot.getTime())],
    );
    return result.rowCount ?? 0;
  }

  async lastSent(subscriptionId: number): Promise<SentDigest | undefined> {
    const { rows } = await this.pool.query<{
      slot: number;
      shown_revisions: FactRevisions | null;
    }>(
      `SELECT slot, shown_revisions FROM deliveries WHERE subscription_id = $1 AND status = 'sent'
       ORDER BY slot DESC LIMIT 1`,
      [subscriptionId],
    );
    const row = rows[0];
    if (!row) return undefined;
    return { slot: new Date(row.slot), shownRevisions: row.shown_revisions };
  }

  async countByStatus(subscriptionId?: number): Promise<Record<string, number>> {
    const { rows } =
      subscriptionId === undefined
        ? await this.pool.query<{ status: string; n: number }>(
            'SELECT status, COUNT(*)::int AS n FROM deliveries GROUP BY status',
          )
        : await this.pool.query<{ status: string; n: number }>(
            `SELECT status, COUNT(*)::int AS n FROM deliveries WHERE subscription_id = $1
             GROUP BY status`,
            [subscriptionId],
          );
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  }
}
