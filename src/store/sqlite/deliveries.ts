import type { Database } from 'better-sqlite3';
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
import { whenNotBusy } from './busy-retry.js';

/** A claim is taken over when its owner gave up for now, or its lease ran out. */
const TAKEABLE = `(status = 'retrying' OR (status = 'claimed' AND lease_until < @now))`;

/**
 * The delivery ledger in SQLite: the UNIQUE (subscription_id, slot) constraint lets exactly one
 * process win a claim, however many share the file and however often they restart. SQLite cannot
 * tell whether another process is alive, so a dead owner's claims wait for their lease to run
 * out. Every method is async: see whenNotBusy.
 */
export class SqliteDeliveryLedger implements DeliveryLedger {
  constructor(
    private readonly db: Database,
    /** Identifies this process in claims, for the logs. */
    readonly owner: string,
  ) {}

  /** The new claim when this process now owns the slot; undefined when someone already has it. */
  claim(
    subscriptionId: number,
    slot: Date,
    leaseUntil: Date,
    now: Date,
  ): Promise<Delivery | undefined> {
    return whenNotBusy(() => {
      const result = this.db
        .prepare(
          `INSERT INTO deliveries (subscription_id, slot, status, owner, lease_until, updated_at, fence)
           VALUES (?, ?, 'claimed', ?, ?, ?, 1) ON CONFLICT (subscription_id, slot) DO NOTHING`,
        )
        .run(subscriptionId, slot.getTime(), this.owner, leaseUntil.getTime(), now.getTime());
      if (result.changes === 0) return undefined;
      return {
        id: Number(result.lastInsertRowid),
        subscriptionId,
        slot,
        status: 'claimed' as const,
        attempts: 0,
        fence: 1,
      };
    });
  }

  /** Slots that could not be settled: retries given up for now, or claims whose lease ran out. */
  unsettled(sinceSlot: Date, now: Date): Promise<Delivery[]> {
    return whenNotBusy(() => {
      const rows = this.db
        .prepare(
          `SELECT id, subscription_id, slot, status, attempts, fence FROM deliveries
           WHERE slot >= @since AND ${TAKEABLE} ORDER BY slot`,
        )
        .all({ since: sinceSlot.getTime(), now: now.getTime() }) as DeliveryRow[];
      return rows.map(deliveryFromRow);
    });
  }

  /** Takes over an unsettled delivery with a new fence; only one process can win it. */
  reclaim(delivery: Delivery, leaseUntil: Date, now: Date): Promise<Delivery | undefined> {
    return whenNotBusy(() => {
      const row = this.db
        .prepare(
          `UPDATE deliveries SET status = 'claimed', owner = @owner, lease_until = @lease,
             updated_at = @now, fence = fence + 1
           WHERE id = @id AND ${TAKEABLE}
           RETURNING id, subscription_id, slot, status, attempts, fence`,
        )
        .get({
          owner: this.owner,
          lease: leaseUntil.getTime(),
          now: now.getTime(),
          id: delivery.id,
        }) as DeliveryRow | undefined;
      return row ? deliveryFromRow(row) : undefined;
    });
  }

  /**
   * Extends the lease before the owner talks to the platform, counting an attempt when asked.
   * False when the claim is no longer ours (taken over, or settled): the caller must not post.
   */
  renew(
    delivery: Delivery,
    leaseUntil: Date,
    now: Date,
    options: { countAttempt: boolean },
  ): Promise<boolean> {
    return whenNotBusy(
      () =>
        this.db
          .prepare(
            `UPDATE deliveries SET attempts = attempts + ?, lease_until = ?, updated_at = ?
             WHERE id = ? AND fence = ? AND status = 'claimed'`,
          )
          .run(
            options.countAttempt ? 1 : 0,
            leaseUntil.getTime(),
            now.getTime(),
            delivery.id,
            delivery.fence,
          ).changes === 1,
    );
  }

  /** Records how the claim ended; false (and nothing written) when it is no longer ours. */
  settle(
    delivery: Delivery,
    status: Exclude<DeliveryStatus, 'claimed' | 'missed'>,
    now: Date,
    detail: SettleDetail = {},
  ): Promise<boolean> {
    return whenNotBusy(
      () =>
        this.db
          .prepare(
            `UPDATE deliveries SET status = ?, message_id = ?, error = ?, shown_revisions = ?,
               lease_until = NULL, updated_at = ?
             WHERE id = ? AND fence = ? AND status = 'claimed'`,
          )
          .run(...settleValues(delivery, status, now, detail)).changes === 1,
    );
  }

  /** Stops retrying a slot that is too old to post, keeping the last error for `list` and logs. */
  giveUp(delivery: Delivery, now: Date): Promise<boolean> {
    return whenNotBusy(
      () =>
        this.db
          .prepare(
            `UPDATE deliveries SET status = 'failed', lease_until = NULL, updated_at = @now,
               fence = fence + 1,
               error = 'gave up: older than the catch-up window; last error: ' || COALESCE(error, 'none')
             WHERE id = @id AND fence = @fence AND ${TAKEABLE}`,
          )
          .run({ now: now.getTime(), id: delivery.id, fence: delivery.fence }).changes === 1,
    );
  }

  /** Records slots that were due while the bot was down and are too old to post. */
  recordMissed(subscriptionId: number, slots: readonly Date[], now: Date): Promise<number> {
    const insert = this.db.prepare(
      `INSERT INTO deliveries (subscription_id, slot, status, updated_at) VALUES (?, ?, 'missed', ?)
       ON CONFLICT (subscription_id, slot) DO NOTHING`,
    );
    return whenNotBusy(() =>
      this.db
        .transaction(() => {
          let recorded = 0;
          for (const slot of slots)
            recorded += insert.run(subscriptionId, slot.getTime(), now.getTime()).changes;
          return recorded;
        })
        .immediate(),
    );
  }

  /** The channel's newest sent digest, for "what changed since". */
  lastSent(subscriptionId: number): Promise<SentDigest | undefined> {
    return whenNotBusy(() => {
      const row = this.db
        .prepare(
          `SELECT slot, shown_revisions FROM deliveries WHERE subscription_id = ? AND status = 'sent'
           ORDER BY slot DESC LIMIT 1`,
        )
        .get(subscriptionId) as { slot: number; shown_revisions: string | null } | undefined;
      if (!row) return undefined;
      return {
        slot: new Date(row.slot),
        shownRevisions:
          row.shown_revisions === null ? null : (JSON.parse(row.shown_revisions) as FactRevisions),
      };
    });
  }

  countByStatus(subscriptionId?: number): Promise<Record<string, number>> {
    return whenNotBusy(() => {
      const rows = (
        subscriptionId === undefined
          ? this.db.prepare('SELECT status, COUNT(*) AS n FROM deliveries GROUP BY status').all()
          : this.db
              .prepare(
                'SELECT status, COUNT(*) AS n FROM deliveries WHERE subscription_id = ? GROUP BY status',
              )
              .all(subscriptionId)
      ) as { status: string; n: number }[];
      return Object.fromEntries(rows.map((r) => [r.status, r.n]));
    });
  }
}
