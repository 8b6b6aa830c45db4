import { describe, expect, it } from 'vitest';
import { checkSchedule, PRESETS } from '../../src/schedule/schedule-spec.js';
import { slotsBetween } from '../../src/schedule/slots.js';

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

  it('says what is wrong, and refuses a date that never comes', () => {
    expect(checkSchedule('0 25 * * *', 'Asia/Tokyo', chat)).toEqual({
      ok: false,
      problem: { kind: 'cron', detail: 'Invalid value for hour: 25' },
    });
    expect(checkSchedule('0 9 31 2 *', 'Asia/Tokyo', chat)).toEqual({
      ok: false,
      problem: { kind: 'cron', detail: 'that date never comes' },
    });
  });

  it('accepts what node-cron accepted before: names, L and nth weekday', () => {
    for (const cron of [
      '0 9 * * monday',
      '0 9 * jan mon-fri',
      '0 9 L * *',
      '0 9 * * 1#2',
      '0 22-2 * * *',
      '0 9 * nov-feb fri-mon',
    ]) {
      expect(checkSchedule(cron, 'Asia/Tokyo', chat)).toMatchObject({ ok: true, cron });
    }
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
    const slots = slotsBetween(
      '0 9 * * *',
      'Asia/Tokyo',
      Date.parse('2026-04-02T12:00:00Z'),
      Date.parse('2026-04-04T12:00:00Z'),
      10_000,
    );
    expect(slots.map((s) => s.toISOString())).toEqual([
      '2026-04-03T00:00:00.000Z',
      '2026-04-04T00:00:00.000Z',
    ]);
  });

  it('keeps 09:00 local across the spring-forward change in New York', () => {
    // DST starts 2026-03-08 at 02:00 local: 09:00 is 14:00 UTC before and 13:00 UTC after.
    const slots = slotsBetween(
      '0 9 * * *',
      'America/New_York',
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
  });
  // The hours that are skipped or repeat: test/schedule/slots.test.ts.
});
