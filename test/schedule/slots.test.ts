import { describe, expect, it } from 'vitest';
import { nextSlots, slotsBetween } from '../../src/schedule/slots.js';

/**
 * The slot semantics of docs/adr/001-digest-slot-semantics.md at the instants where they matter:
 * both daylight-saving changes of 2026 in New York (UTC-5 / UTC-4) and London (UTC+0 / UTC+1),
 * and Tokyo, which has none. Fixed-time schedules fire once per local date and time (first pass
 * of a repeated hour; first minute after a skipped one); wildcard-hour schedules follow real hours.
 */
const DST_CASES: {
  zone: string;
  cron: string;
  after: string;
  until: string;
  expected: string[];
  why: string;
}[] = [
  // New York springs forward 02:00 EST -> 03:00 EDT on Sunday 8 March 2026.
  {
    zone: 'America/New_York',
    cron: '30 1 * * *',
    after: '2026-03-07T12:00:00Z',
    until: '2026-03-09T12:00:00Z',
    expected: ['2026-03-08T06:30:00.000Z', '2026-03-09T05:30:00.000Z'],
    why: '01:30 exists once: EST before, EDT after',
  },
  {
    zone: 'America/New_York',
    cron: '30 2 * * *',
    after: '2026-03-07T12:00:00Z',
    until: '2026-03-09T12:00:00Z',
    expected: ['2026-03-08T07:00:00.000Z', '2026-03-09T06:30:00.000Z'],
    why: '02:30 is skipped: fires at 03:00 EDT, the first minute after the gap',
  },
  {
    zone: 'America/New_York',
    cron: '0 2 * * *',
    after: '2026-03-07T12:00:00Z',
    until: '2026-03-09T12:00:00Z',
    expected: ['2026-03-08T07:00:00.000Z', '2026-03-09T06:00:00.000Z'],
    why: '02:00 is skipped: fires at 03:00 EDT',
  },
  {
    zone: 'America/New_York',
    cron: '0 1 * * *',
    after: '2026-03-07T12:00:00Z',
    until: '2026-03-09T12:00:00Z',
    expected: ['2026-03-08T06:00:00.000Z', '2026-03-09T05:00:00.000Z'],
    why: '01:00 exists once',
  },
  {
    zone: 'America/New_York',
    cron: '0 2,3 * * *',
    after: '2026-03-07T12:00:00Z',
    until: '2026-03-08T12:00:00Z',
    expected: ['2026-03-08T07:00:00.000Z'],
    why: '02:00 moved to 03:00 meets 03:00: one slot, not two',
  },
  {
    zone: 'America/New_York',
    cron: '0 * * * *',
    after: '2026-03-08T05:30:00Z',
    until: '2026-03-08T09:30:00Z',
    expected: [
      '2026-03-08T06:00:00.000Z',
      '2026-03-08T07:00:00.000Z',
      '2026-03-08T08:00:00.000Z',
      '2026-03-08T09:00:00.000Z',
    ],
    why: 'hourly follows real hours: 01:00 EST, then 03:00 EDT',
  },
  // New York falls back 02:00 EDT -> 01:00 EST on Sunday 1 November 2026.
  {
    zone: 'America/New_York',
    cron: '30 1 * * *',
    after: '2026-10-31T12:00:00Z',
    until: '2026-11-02T12:00:00Z',
    expected: ['2026-11-01T05:30:00.000Z', '2026-11-02T06:30:00.000Z'],
    why: '01:30 happens twice (05:30Z and 06:30Z): only the first',
  },
  {
    zone: 'America/New_York',
    cron: '30 2 * * *',
    after: '2026-10-31T12:00:00Z',
    until: '2026-11-02T12:00:00Z',
    expected: ['2026-11-01T07:30:00.000Z', '2026-11-02T07:30:00.000Z'],
    why: '02:30 happens once, in EST',
  },
  {
    zone: 'America/New_York',
    cron: '0 1 * * *',
    after: '2026-10-31T12:00:00Z',
    until: '2026-11-02T12:00:00Z',
    expected: ['2026-11-01T05:00:00.000Z', '2026-11-02T06:00:00.000Z'],
    why: '01:00 happens twice: only the first',
  },
  {
    zone: 'America/New_York',
    cron: '0 * * * *',
    after: '2026-11-01T03:30:00Z',
    until: '2026-11-01T08:30:00Z',
    expected: [
      '2026-11-01T04:00:00.000Z',
      '2026-11-01T05:00:00.000Z',
      '2026-11-01T06:00:00.000Z',
      '2026-11-01T07:00:00.000Z',
      '2026-11-01T08:00:00.000Z',
    ],
    why: 'hourly follows real hours: 01:00 EDT and 01:00 EST both fire',
  },
  // London springs forward 01:00 GMT -> 02:00 BST on Sunday 29 March 2026.
  {
    zone: 'Europe/London',
    cron: '30 1 * * *',
    after: '2026-03-28T12:00:00Z',
    until: '2026-03-30T12:00:00Z',
    expected: ['2026-03-29T01:00:00.000Z', '2026-03-30T00:30:00.000Z'],
    why: '01:30 is skipped: fires at 02:00 BST',
  },
  {
    zone: 'Europe/London',
    cron: '0 1 * * *',
    after: '2026-03-28T12:00:00Z',
    until: '2026-03-30T12:00:00Z',
    expected: ['2026-03-29T01:00:00.000Z', '2026-03-30T00:00:00.000Z'],
    why: '01:00 is skipped: fires at 02:00 BST',
  },
  {
    zone: 'Europe/London',
    cron: '30 2 * * *',
    after: '2026-03-28T12:00:00Z',
    until: '2026-03-30T12:00:00Z',
    expected: ['2026-03-29T01:30:00.000Z', '2026-03-30T01:30:00.000Z'],
    why: '02:30 BST exists: not moved',
  },
  {
    zone: 'Europe/London',
    cron: '0 * * * *',
    after: '2026-03-28T23:30:00Z',
    until: '2026-03-29T02:30:00Z',
    expected: ['2026-03-29T00:00:00.000Z', '2026-03-29T01:00:00.000Z', '2026-03-29T02:00:00.000Z'],
    why: 'hourly follows real hours: 00:00 GMT, then 02:00 BST',
  },
  // London falls back 02:00 BST -> 01:00 GMT on Sunday 25 October 2026.
  {
    zone: 'Europe/London',
    cron: '30 1 * * *',
    after: '2026-10-24T12:00:00Z',
    until: '2026-10-26T12:00:00Z',
    expected: ['2026-10-25T00:30:00.000Z', '2026-10-26T01:30:00.000Z'],
    why: '01:30 happens twice (00:30Z and 01:30Z): only the first',
  },
  {
    zone: 'Europe/London',
    cron: '0 1 * * *',
    after: '2026-10-24T12:00:00Z',
    until: '2026-10-26T12:00:00Z',
    expected: ['2026-10-25T00:00:00.000Z', '2026-10-26T01:00:00.000Z'],
    why: '01:00 happens twice: only the first',
  },
  {
    zone: 'Europe/London',
    cron: '30 2 * * *',
    after: '2026-10-24T12:00:00Z',
    until: '2026-10-26T12:00:00Z',
    expected: ['2026-10-25T02:30:00.000Z', '2026-10-26T02:30:00.000Z'],
    why: '02:30 happens once, in GMT',
  },
  {
    zone: 'Europe/London',
    cron: '0 * * * *',
    after: '2026-10-24T23:30:00Z',
    until: '2026-10-25T02:30:00Z',
    expected: ['2026-10-25T00:00:00.000Z', '2026-10-25T01:00:00.000Z', '2026-10-25T02:00:00.000Z'],
    why: 'hourly follows real hours: 01:00 BST and 01:00 GMT both fire',
  },
  // Tokyo has no daylight saving: the same UTC instant every day.
  {
    zone: 'Asia/Tokyo',
    cron: '30 1 * * *',
    after: '2026-03-07T12:00:00Z',
    until: '2026-03-09T12:00:00Z',
    expected: ['2026-03-07T16:30:00.000Z', '2026-03-08T16:30:00.000Z'],
    why: '01:30 JST is 16:30Z the day before',
  },
  {
    zone: 'Asia/Tokyo',
    cron: '30 2 * * *',
    after: '2026-10-31T12:00:00Z',
    until: '2026-11-02T12:00:00Z',
    expected: ['2026-10-31T17:30:00.000Z', '2026-11-01T17:30:00.000Z'],
    why: '02:30 JST is 17:30Z the day before',
  },
  {
    zone: 'Asia/Tokyo',
    cron: '0 * * * *',
    after: '2026-11-01T03:30:00Z',
    until: '2026-11-01T06:30:00Z',
    expected: ['2026-11-01T04:00:00.000Z', '2026-11-01T05:00:00.000Z', '2026-11-01T06:00:00.000Z'],
    why: 'hourly: every hour',
  },
];

describe('slots across daylight-saving changes', () => {
  it.each(DST_CASES)(
    '$cron in $zone, $after .. $until: $why',
    ({ zone, cron, after, until, expected }) => {
      const slots = slotsBetween(cron, zone, Date.parse(after), Date.parse(until), 100);
      expect(slots.map((slot) => slot.toISOString())).toEqual(expected);
    },
  );

  // What `preview` and `subscribe` promise is what the tick finds: the same function, forwards.
  it.each(DST_CASES)(
    'next slots after $after agree for $cron in $zone',
    ({ zone, cron, after, expected }) => {
      const next = nextSlots(cron, zone, new Date(after), expected.length);
      expect(next.map((slot) => slot.toISOString())).toEqual(expected);
    },
  );
});

describe('slotsBetween', () => {
  it('counts slots strictly after the start and up to the end, inclusive', () => {
    const at0900 = Date.parse('2026-04-03T09:00:00Z');
    expect(slotsBetween('0 9 * * *', 'UTC', at0900, at0900 + 60_000, 100)).toEqual([]);
    expect(slotsBetween('0 9 * * *', 'UTC', at0900 - 1, at0900, 100)).toEqual([new Date(at0900)]);
    expect(slotsBetween('0 9 * * *', 'UTC', at0900 - 60_000, at0900 - 1, 100)).toEqual([]);
  });

  it('keeps only the newest `limit` slots, oldest first', () => {
    const slots = slotsBetween(
      '0 9 * * *',
      'Asia/Tokyo',
      Date.parse('2025-04-01T00:00:00Z'),
      Date.parse('2026-04-04T12:00:00Z'),
      3,
    );
    expect(slots.map((s) => s.toISOString())).toEqual([
      '2026-04-02T00:00:00.000Z',
      '2026-04-03T00:00:00.000Z',
      '2026-04-04T00:00:00.000Z',
    ]);
  });

  it('returns nothing for an empty or backwards window', () => {
    const t = Date.parse('2026-04-03T09:00:00Z');
    expect(slotsBetween('* * * * *', 'UTC', t, t, 100)).toEqual([]);
    expect(slotsBetween('* * * * *', 'UTC', t, t - 3_600_000, 100)).toEqual([]);
    expect(slotsBetween('* * * * *', 'UTC', t - 3_600_000, t, 0)).toEqual([]);
  });

  it('needs both day of month and weekday when both are given, as node-cron did', () => {
    // "09:00 on the 1st, when it is a Monday": 1 June 2026 is the first such day after April.
    const slots = slotsBetween(
      '0 9 1 * 1',
      'UTC',
      Date.parse('2026-04-30T00:00:00Z'),
      Date.parse('2026-06-30T00:00:00Z'),
      100,
    );
    expect(slots.map((s) => s.toISOString())).toEqual(['2026-06-01T09:00:00.000Z']);
  });

  it('reads full day and month names as node-cron did', () => {
    const slots = slotsBetween(
      '0 9 * january Monday',
      'UTC',
      Date.parse('2026-01-01T00:00:00Z'),
      Date.parse('2026-01-15T00:00:00Z'),
      100,
    );
    expect(slots.map((s) => s.toISOString().slice(0, 10))).toEqual(['2026-01-05', '2026-01-12']);
  });

  it('reads a range that wraps past the end of its field as node-cron did', () => {
    const from = Date.parse('2026-04-01T12:00:00Z');
    const utcSlots = (cron: string, days: number) =>
      slotsBetween(cron, 'UTC', from, from + days * 86_400_000, 100).map((s) => s.toISOString());
    // 22:00 to 02:00, across midnight.
    expect(utcSlots('0 22-2 * * *', 1)).toEqual([
      '2026-04-01T22:00:00.000Z',
      '2026-04-01T23:00:00.000Z',
      '2026-04-02T00:00:00.000Z',
      '2026-04-02T01:00:00.000Z',
      '2026-04-02T02:00:00.000Z',
    ]);
    // A step keeps counting across the wrap: 22, 0, 2.
    expect(utcSlots('0 22-2/2 * * *', 1)).toEqual([
      '2026-04-01T22:00:00.000Z',
      '2026-04-02T00:00:00.000Z',
      '2026-04-02T02:00:00.000Z',
    ]);
    // Friday to Monday: 3 April 2026 is a Friday.
    expect(utcSlots('0 9 * * fri-mon', 7).map((s) => s.slice(0, 10))).toEqual([
      '2026-04-03',
      '2026-04-04',
      '2026-04-05',
      '2026-04-06',
    ]);
    expect(utcSlots('0 9 * * 6-1', 7).map((s) => s.slice(0, 10))).toEqual([
      '2026-04-04',
      '2026-04-05',
      '2026-04-06',
    ]);
  });
});

describe('nextSlots', () => {
  it('starts strictly after `from`', () => {
    const from = new Date('2026-04-06T00:00:00Z');
    expect(nextSlots('0 9 * * *', 'Asia/Tokyo', from, 2)).toEqual([
      new Date('2026-04-07T00:00:00Z'),
      new Date('2026-04-08T00:00:00Z'),
    ]);
  });

  it('returns nothing for a date that never comes', () => {
    expect(nextSlots('0 9 31 2 *', 'UTC', new Date('2026-01-01T00:00:00Z'), 3)).toEqual([]);
  });
});
