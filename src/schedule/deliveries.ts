import type { Database } from 'better-sqlite3';

export type DeliveryStatus = 'claimed' | 'sent' | 'retrying' | 'failed' | 'missed';

export interface Delivery {
  id: number;
  subscriptionId: number;
  slot: Date;
  status: DeliveryStatus;
  attempts: number;
}

interface Row {
  id: number;
  subscription_id: number;
  slot: number;
  status: DeliveryStatus;
  attempts: number;
}

const fromRow = (row: Row): Delivery => ({
  id: row.id,
  subscriptionId: row.subscription_id,
  slot: new Date(row.slot),
  status: row.status,
  attempts: row.attempts,
});

/**
 * The ledger that makes each (subscription, slot) post once: a slot is claimed by inserting its
 * row, and the UNIQUE (subscription_id, slot) constraint lets exactly one process win, however
 * many share the file and however often they restart.
 */
export class DeliveryLedger {
  constructor(
    private readonly db: Database,
    /** Identifies this process in claims, for the logs and for lease take-over. */
    private readonly owner: string,
  ) {}

  /** True when this process now owns the slot; false when someone already has it. */
  claim(subscriptionId: number, slot: Date, leaseUntil: Date, now: Date): Delivery | undefined {
    const result = this.db
      .prepare(
        `INSERT INTO deliveries (subscription_id, slot, status, owner, lease_until, updated_at)
         VALUES (?, ?, 'claimed', ?, ?, ?) ON CONFLICT (subscription_id, slot) DO NOTHING`,
      )
      .run(subscriptionId, slot.getTime(), this.owner, leaseUntil.getTime(), now.getTime());
    if (result.changes === 0) return undefined;
    return {
      id: Number(result.lastInsertRowid),
      subscriptionId,
      slot,
      status: 'claimed',
      attempts: 0,
    };
  }

  /** Slots that could not be settled: retries given up for now, or claims whose owner died. */
  unsettled(sinceSlot: Date, now: Date): Delivery[] {
    const rows = this.db
      .prepare(
        `SELECT id, subscription_id, slot, status, attempts FROM deliveries
         WHERE slot >= ? AND (status = 'retrying' OR (status = 'claimed' AND lease_until < ?))
         ORDER BY slot`,
      )
      .all(sinceSlot.getTime(), now.getTime()) as Row[];
    return rows.map(fromRow);
  }

  /** Takes over an unsettled delivery; only one process can win it. */
  reclaim(id: number, leaseUntil: Date, now: Date): boolean {
    return (
      this.db
        .prepare(
          `UPDATE deliveries SET status = 'claimed', owner = ?, lease_until = ?, updated_at = ?
           WHERE id = ? AND (status = 'retrying' OR (status = 'claimed' AND lease_until < ?))`,
        )
        .run(this.owner, leaseUntil.getTime(), now.getTime(), id, now.getTime()).changes === 1
    );
  }

  /** Records an attempt and extends the lease, so nobody takes over a live delivery. */
  attempt(id: number, leaseUntil: Date, now: Date): void {
    this.db
      .prepare(
        'UPDATE deliveries SET attempts = attempts + 1, lease_until = ?, updated_at = ? WHERE id = ? AND owner = ?',
      )
      .run(leaseUntil.getTime(), now.getTime(), id, this.owner);
  }

  settle(
    id: number,
    status: Exclude<DeliveryStatus, 'claimed'>,
    now: Date,
    detail: { messageId?: string; error?: string } = {},
  ): void {
    this.db
      .prepare(
        `UPDATE deliveries SET status = ?, message_id = ?, error = ?, lease_until = NULL, updated_at = ?
         WHERE id = ?`,
      )
      .run(status, detail.messageId ?? null, detail.error ?? null, now.getTime(), id);
  }

  /** Stops retrying a slot that is too old to post, keeping the last error for `list` and logs. */
  giveUp(id: number, now: Date): void {
    this.db
      .prepare(
        `UPDATE deliveries SET status = 'failed', lease_until = NULL, updated_at = ?,
           error = 'gave up: older than the catch-up window; last error: ' || COALESCE(error, 'none')
         WHERE id = ? AND status IN ('retrying', 'claimed')`,
      )
      .run(now.getTime(), id);
  }

  /** Records slots that were due while the bot was down and are too old to post. */
  recordMissed(subscriptionId: number, slots: readonly Date[], now: Date): number {
    const insert = this.db.prepare(
      `INSERT INTO deliveries (subscription_id, slot, status, updated_at) VALUES (?, ?, 'missed', ?)
       ON CONFLICT (subscription_id, slot) DO NOTHING`,
    );
    let recorded = 0;
    this.db.transaction(() => {
      for (const slot of slots)
        recorded += insert.run(subscriptionId, slot.getTime(), now.getTime()).changes;
    })();
    return recorded;
  }

  /** The slot of the channel's previous digest, for "what changed since". */
  lastSentSlot(subscriptionId: number): Date | undefined {
    const row = this.db
      .prepare(
        `SELECT MAX(slot) AS slot FROM deliveries WHERE subscription_id = ? AND status = 'sent'`,
      )
      .get(subscriptionId) as { slot: number | null };
    return row.slot === null ? undefined : new Date(row.slot);
  }

  countByStatus(subscriptionId?: number): Record<string, number> {
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
  }
}
