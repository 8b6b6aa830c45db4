import { Cron, type CronOptions, CronPattern } from 'croner';

/**
 * When a digest schedule fires: pure functions of (cron, time zone, instants), shared by the
 * tick, catch-up, `subscribe` and `preview`, so what an admin is promised is what is posted.
 * The daylight-saving rules are written down in docs/adr/001-digest-slot-semantics.md; croner
 * computes them directly (next and previous occurrences), never minute by minute.
 */

const OPTIONS: CronOptions = {
  // Five fields only: a slot is a minute.
  mode: '5-part',
  // Fixed-time schedules (no `*` or step in minute and hour, lists and ranges included) fire once
  // per local date and time: the first pass of a repeated hour, the first minute after a skipped
  // one. The others follow real elapsed time. croner's default rule would treat `30 2,14 * * *` as
  // an interval job and lose its 02:xx slot on a spring-forward day.
  fixedTimeRule: 'no-wildcard',
  // Day of month AND weekday, as node-cron matched them before croner computed slots: a stored
  // `0 9 1 * 1` keeps meaning "the 1st, when it is a Monday" instead of growing into Vixie's OR.
  domAndDow: true,
};

// node-cron accepted full names (`monday`, `january`); croner only the three-letter ones. Stored
// schedules were checked by node-cron, so full names are shortened here rather than refused.
const FULL_NAMES = new RegExp(
  `\\b(${[
    ...['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'],
    ...['january', 'february', 'march', 'april', 'june', 'july', 'august'],
    ...['september', 'october', 'november', 'december'],
  ].join('|')})\\b`,
  'gi',
);

function shortNames(cron: string): string {
  return cron.replace(FULL_NAMES, (name) => name.slice(0, 3));
}

// node-cron also read a range whose start is past its end (`0 22-2 * * *`, `fri-mon`, `nov-feb`)
// as running on past the field's end from its start; croner refuses one, which would pause such
// a stored subscription. So it becomes the list node-cron made of it: the same bounds (weekday
// 0-6, with 7 as Sunday) and a step that keeps counting across the wrap (`22-2/2` is 22,0,2).
const FIELDS: readonly { min: number; max: number; top: number; names: readonly string[] }[] = [
  { min: 0, max: 59, top: 59, names: [] },
  { min: 0, max: 23, top: 23, names: [] },
  { min: 1, max: 31, top: 31, names: [] },
  {
    min: 1,
    max: 12,
    top: 12,
    names: ['', 'jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'],
  },
  { min: 0, max: 6, top: 7, names: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] },
];
const RANGE = /^([a-z]+|\d+)-([a-z]+|\d+)(?:\/(\d+))?$/i;

function unwrapRange(token: string, field: (typeof FIELDS)[number]): string {
  const match = RANGE.exec(token);
  if (!match) return token;
  const value = (text = '') =>
    /^\d+$/.test(text) ? Number(text) : field.names.indexOf(text.toLowerCase());
  const first = value(match[1]);
  const last = value(match[2]);
  const step = Number(match[3] ?? '1');
  // Anything else, out-of-range values included, is left for croner to accept or explain.
  if (first <= last || first > field.top || last < field.min || step < 1) return token;
  const size = field.max - field.min + 1;
  const span = (((last - first) % size) + size) % size;
  const values: number[] = [];
  for (let offset = 0; offset <= span; offset += step) {
    const wrapped = first + offset;
    values.push(wrapped > field.max ? wrapped - size : wrapped);
  }
  return values.join(',');
}

/** `cron` as croner must be given it to read it as node-cron did. */
function asCroner(cron: string): string {
  return shortNames(cron)
    .split(' ')
    .map((part, i) => {
      const field = FIELDS[i];
      return field
        ? part
            .split(',')
            .map((token) => unwrapRange(token, field))
            .join(',')
        : part;
    })
    .join(' ');
}

/** The schedule as croner computes it; throws an Error whose message a person can read. */
function schedule(cron: string, timeZone: string): Cron {
  try {
    return new Cron(asCroner(cron), { ...OPTIONS, timezone: timeZone });
  } catch (error) {
    throw new Error((error as Error).message.replace(/^CronPattern:\s*/, ''), { cause: error });
  }
}

/**
 * Whether croner can compute slots for `cron` (and they ever come), with the reason in words for
 * a person if not; and on how many minutes of an hour it fires, which chat keeps to one.
 */
export function readCron(
  cron: string,
): { ok: true; minutesPerHour: number } | { ok: false; detail: string } {
  let job: Cron;
  try {
    job = schedule(cron, 'UTC');
  } catch (error) {
    return { ok: false, detail: (error as Error).message };
  }
  if (!job.nextRun(new Date(0))) return { ok: false, detail: 'that date never comes' };
  const { minute } = new CronPattern(asCroner(cron), undefined, { mode: '5-part' });
  return { ok: true, minutesPerHour: minute.filter(Boolean).length };
}

/**
 * Slot starts in (after, until], oldest first: at most the `limit` newest, found by stepping back
 * from `until` one occurrence at a time, so a long outage costs `limit` look-ups, not its minutes.
 */
export function slotsBetween(
  cron: string,
  timeZone: string,
  afterMs: number,
  untilMs: number,
  limit: number,
): Date[] {
  if (limit <= 0 || untilMs <= afterMs) return [];
  const job = schedule(cron, timeZone);
  // Most ticks look at one minute with no slot in it: one step forward settles that, and it
  // marks the oldest slot, so the walk back below stops there instead of a period further.
  const oldest = job.nextRun(new Date(afterMs));
  if (!oldest || oldest.getTime() > untilMs) return [];
  const slots: Date[] = [];
  // croner's previous runs are strictly before the reference: 1 ms later includes `until` itself.
  let reference = new Date(untilMs + 1);
  while (slots.length < limit) {
    const [previous] = job.previousRuns(1, reference);
    if (!previous || previous.getTime() < oldest.getTime()) break;
    slots.push(previous);
    if (previous.getTime() === oldest.getTime()) break;
    reference = previous;
  }
  return slots.reverse();
}

/** The next `count` slots strictly after `from`, for the times `subscribe` and `preview` promise. */
export function nextSlots(cron: string, timeZone: string, from: Date, count: number): Date[] {
  return schedule(cron, timeZone).nextRuns(count, from);
}
