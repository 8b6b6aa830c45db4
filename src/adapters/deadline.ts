import { setTimeout as delay } from 'node:timers/promises';

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
