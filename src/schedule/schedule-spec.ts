import { readCron } from './slots.js';

/** Words a channel admin can type instead of cron; 09:00 suits a morning digest. */
export const PRESETS: Readonly<Record<string, string>> = {
  daily: '0 9 * * *',
  weekdays: '0 9 * * 1-5',
  weekly: '0 9 * * 1',
};

export const DEFAULT_TIMEZONE = 'Asia/Tokyo';

export type ScheduleProblem =
  | { kind: 'cron'; detail: string }
  | { kind: 'timezone'; detail: string }
  | { kind: 'tooOften'; detail: string };

export type ScheduleCheck =
  | { ok: true; cron: string; timezone: string }
  | { ok: false; problem: ScheduleProblem };

/** The IANA name as Intl spells it (`asia/tokyo` -> `Asia/Tokyo`), or undefined if unknown. */
export function canonicalTimeZone(name: string): string | undefined {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/**
 * Checks a schedule typed by a person or an operator. Five fields only (minute hour day month
 * weekday): a slot is a minute. Chat commands may not go below hourly (`allowFrequent` false);
 * the operator's DIGEST_CRON is trusted with any valid schedule.
 */
export function checkSchedule(
  input: string,
  timezone: string,
  options: { allowFrequent: boolean },
): ScheduleCheck {
  const cron = PRESETS[input.trim().toLowerCase()] ?? input.trim().replace(/\s+/g, ' ');
  const fields = cron.split(' ').length;
  if (fields !== 5) {
    return {
      ok: false,
      problem: {
        kind: 'cron',
        detail: `expected 5 fields (minute hour day month weekday), got ${fields}`,
      },
    };
  }
  // The parser that computes the slots is the one that checks: accepted means computable.
  const read = readCron(cron);
  if (!read.ok) return { ok: false, problem: { kind: 'cron', detail: read.detail } };
  const zone = canonicalTimeZone(timezone.trim());
  if (!zone) return { ok: false, problem: { kind: 'timezone', detail: timezone } };
  if (!options.allowFrequent && read.minutesPerHour > 1) {
    return { ok: false, problem: { kind: 'tooOften', detail: cron } };
  }
  return { ok: true, cron, timezone: zone };
}
