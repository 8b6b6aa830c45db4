import { describe, expect, it } from 'vitest';
import { checkSchedule, PRESETS } from '../../src/schedule/schedule-spec.js';
import { SlotMatcher } from '../../src/schedule/slots.js';

const chat = { allowFrequent: false };

describe('schedules typed in chat', () => {
  it('accepts the presets and raw cron, defaulting nothing', () => {
    expect(checkSchedule('daily', 'Asia/Tokyo', chat)).toEqual({
      ok: true,
      cron: '0 9 * * *',
      timezone: 'Asia/Tokyo',
    });
    expect(checkSchedule('WEEKDAYS', 'Asia/Tokyo', chat)).toMatchObject({
      ok: true,
      cron: PRESETS.weekdays,
    });
    expect(checkSchedule(' 30  18 * * 5 ', 'Europe/London', chat)).toEqual({
      ok: true,
      cron: '30 18 * * 5',
      timezone: 'Europe/London',
    });
  });

  it('spells time zones the IANA way', () => {
    expect(checkSchedule('daily', 'america/new_york', chat)).toMatchObject({
      ok: true,
      timezone: 'America/New_York',
    });
  });

  it('refuses bad cron with the field at fault', () => {
    expect(checkSchedule('0 25 * * *', 'Asia/Tokyo', chat)).toMatchObject({
      ok: false,
      problem: { kind: 'cron' },
    });
    expect(checkSchedule('every day', 'Asia/Tokyo', chat)).toMatchObject({
      ok: false,
      problem: { kind: 'cron', detail: 'expected 5 fields (minute hour day month weekday), got 2' },
    });
    expect(checkSchedule('0 0 9 * * *', 'Asia/Tokyo', chat)).toMatchObject({
      ok: false,
      problem: { kind: 'cron' },
    });
    expect(checkSchedule('', 'Asia/Tokyo', chat)).toMatchObject({
      ok: false,
      problem: { kind: 'cron' },
    });
  });

  it('refuses unknown time zones', () => {
    expect(checkSchedule('daily', 'Mars/Olympus', chat)).toEqual({
      ok: false,
      problem: { kind: 'timezone', detail: 'Mars/Olympus' },
    });
  });

  it('refuses anything more often than hourly from chat, but not from the operator', () => {
    expect(checkSchedule('*/30 * * * *', 'Asia/Tokyo', chat)).toMatchObject({
      ok: false,
      problem: { kind: 'tooOften' },
    });
    expect(checkSchedule('* * * * *', 'Asia/Tokyo', chat)).toMatchObject({
      ok: false,
      problem: { kind: 'tooOften' },
    });
    expect(checkSchedule('0 * * * *', 'Asia/Tokyo', chat)).toMatchObject({ ok: true });
    expect(checkSchedule('* * * * *', 'Asia/Tokyo', { allowFrequent: true })).toMatchObject({
      ok: true,
    });
  });
});

describe('slot times', () => {
  it('fires at 09:00 Tokyo time, which is 00:00 UTC', () => {
    const matcher = new SlotMatcher('0 9 * * *', 'Asia/Tokyo');
    const slots = matcher.slotsBetween(
      Date.parse('2026-04-02T12:00:00Z'),
      Date.parse('2026-04-04T12:00:00Z'),
      10_000,
    );
    expect(slots.map((s) => s.toISOString())).toEqual([
      '2026-04-03T00:00:00.000Z',
      '2026-04-04T00:00:00.000Z',
    ]);
    matcher.destroy();
  });

  it('keeps 09:00 local across the spring-forward change in New York', () => {
    // DST starts 2026-03-08 at 02:00 local: 09:00 is 14:00 UTC before and 13:00 UTC after.
    const matcher = new SlotMatcher('0 9 * * *', 'America/New_York');
    const slots = matcher.slotsBetween(
      Date.parse('2026-03-06T00:00:00Z'),
      Date.parse('2026-03-10T00:00:00Z'),
      10_000,
    );
    expect(slots.map((s) => s.toISOString())).toEqual([
      '2026-03-06T14:00:00.000Z',
      '2026-03-07T14:00:00.000Z',
      '2026-03-08T13:00:00.000Z',
      '2026-03-09T13:00:00.000Z',
    ]);
    matcher.destroy();
  });

  it('skips the hour that does not exist and fires once in the hour that repeats', () => {
    const spring = new SlotMatcher('30 2 * * *', 'America/New_York');
    const springSlots = spring.slotsBetween(
      Date.parse('2026-03-08T05:00:00Z'),
      Date.parse('2026-03-08T09:00:00Z'),
      10_000,
    );
    expect(springSlots).toEqual([]);
    spring.destroy();
    // DST ends 2026-11-01 at 02:00 local; 01:30 happens twice (05:30 and 06:30 UTC).
    const autumn = new SlotMatcher('30 1 * * *', 'America/New_York');
    const autumnSlots = autumn.slotsBetween(
      Date.parse('2026-11-01T04:00:00Z'),
      Date.parse('2026-11-01T08:00:00Z'),
      10_000,
    );
    expect(autumnSlots.length).toBeGreaterThanOrEqual(1);
    expect(
      autumnSlots.every((slot) =>
        ['2026-11-01T05:30:00.000Z', '2026-11-01T06:30:00.000Z'].includes(slot.toISOString()),
      ),
    ).toBe(true);
    autumn.destroy();
  });

  it('counts only slots strictly after the start', () => {
    const matcher = new SlotMatcher('0 9 * * *', 'UTC');
    const at0900 = Date.parse('2026-04-03T09:00:00Z');
    expect(matcher.slotsBetween(at0900, at0900 + 60_000, 100)).toEqual([]);
    expect(matcher.slotsBetween(at0900 - 1, at0900, 100)).toEqual([new Date(at0900)]);
    matcher.destroy();
  });
});
