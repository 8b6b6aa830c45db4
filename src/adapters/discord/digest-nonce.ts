import type { DeliveryKey } from '../../schedule/poster.js';

/** Discord's longest string nonce. */
export const NONCE_MAX = 25;

/**
 * The nonce of one digest post, the same for every attempt at it: `sd` + the subscription id +
 * the slot (minutes since the epoch), base 36, e.g. `sd1f.hm6v4w` (at most 20 characters).
 * Sent with `enforce_nonce`, Discord answers a repeat within its nonce window (a few minutes)
 * with the message it already created instead of posting again.
 */
export function digestNonce(key: DeliveryKey): string {
  const minutes = Math.floor(key.slot.getTime() / 60_000);
  return `sd${key.subscriptionId.toString(36)}.${minutes.toString(36)}`;
}
