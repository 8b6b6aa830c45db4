import { setTimeout as delay } from 'node:timers/promises';

/**
 * How long an answer may take and still go in the first response: Discord's reply (it allows
 * 3 s in all) and Slack's ack (3 s too), leaving room for the send itself.
 */
export const FIRST_RESPONSE_WITHIN_MS = 1_000;

/** What `within` gives back when the work was not done in time. */
export const LATE = Symbol('late');
type Late = typeof LATE;

/**
 * `work`'s value if it settles within `ms`, else LATE while it keeps running (await it later).
 * Both adapters answer this way: an answer ready in time goes in the first response (Discord's
 * reply, Slack's ack); a later one follows a deferral or an empty ack.
 */
export async function within<T>(work: Promise<T>, ms: number): Promise<T | Late> {
  const timer = new AbortController();
  const late: Promise<Late> = delay(ms, undefined, { signal: timer.signal }).then(
    () => LATE,
    () => LATE,
  );
  try {
    return await Promise.race([work, late]);
  } finally {
    timer.abort();
  }
}
