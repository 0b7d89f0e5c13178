import { DateTime } from 'luxon';
import { addDuration } from './add-duration';
import { loadCalendarDataset } from './calendar-data.loader';
import { CalendarEngine } from './calendar-engine';
import { CalendarInputError, CalendarYearNotCoveredError } from './calendar.errors';
import { DAY_ONE_RULE } from './day-one-rule';
import { STATE_CORPORATION_HOURS } from './office-hours';
import { assertZoneDatabase, type Region } from './regions';
import { acceptanceOf, elapsedOfficeMinutes, isOfficeOpen, nextOfficeOpen, type WorkingTimeContext } from './working-time';

const calendar = new CalendarEngine(loadCalendarDataset());
const ctx = (region: Region, extra: Partial<WorkingTimeContext> = {}): WorkingTimeContext => ({ calendar, region, ...extra });
const ZONES: Record<Region, string> = {
  astana: 'Asia/Almaty',
  'almaty-oblast': 'Asia/Almaty',
  'kostanay-oblast': 'Asia/Qostanay',
  'west-kazakhstan-oblast': 'Asia/Oral',
};
/** A local wall-clock time in the region, as an instant. */
const at = (local: string, region: Region = 'astana') => DateTime.fromISO(local, { zone: ZONES[region] }).toJSDate();
const iso = (d: Date) => d.toISOString();

describe('zones (IANA, never a fixed offset)', () => {
  it("the runtime's tz database knows the zones and the 1 March 2024 change to UTC+5", () => {
    expect(() => assertZoneDatabase()).not.toThrow();
    for (const zone of ['Asia/Almaty', 'Asia/Qostanay']) {
      expect(DateTime.fromISO('2024-02-29T12:00', { zone }).offset).toBe(360);
      expect(DateTime.fromISO('2024-03-01T12:00', { zone }).offset).toBe(300);
    }
    expect(DateTime.fromISO('2016-05-05T12:00', { zone: 'Asia/Oral' }).offset).toBe(300);
  });

  it('9:00 on a 2016 working day is 03:00 UTC in Kostanay and 04:00 UTC in Uralsk', () => {
    const thu = '2016-05-05';
    expect(iso(calendar.officeSpans(thu, 'kostanay-oblast', STATE_CORPORATION_HOURS)[0].start)).toBe('2016-05-05T03:00:00.000Z');
    expect(iso(nextOfficeOpen(new Date('2016-05-05T00:00:00Z'), ctx('kostanay-oblast')))).toBe('2016-05-05T03:00:00.000Z');
    expect(iso(nextOfficeOpen(new Date('2016-05-05T00:00:00Z'), ctx('west-kazakhstan-oblast')))).toBe('2016-05-05T04:00:00.000Z');
  });

  it('office spans asked again (remembered per hours, region and date) are the same, and fresh: changing one changes no later answer', () => {
    const thu = '2016-05-05';
    const first = calendar.officeSpans(thu, 'kostanay-oblast', STATE_CORPORATION_HOURS);
    const expected = first.map((s) => ({ date: s.date, start: iso(s.start), end: iso(s.end) }));
    first[0].start.setTime(0);
    const again = calendar.officeSpans(thu, 'kostanay-oblast', STATE_CORPORATION_HOURS);
    expect(again.map((s) => ({ date: s.date, start: iso(s.start), end: iso(s.end) }))).toEqual(expected);
    expect(iso(calendar.officeSpans(thu, 'west-kazakhstan-oblast', STATE_CORPORATION_HOURS)[0].start)).toBe('2016-05-05T04:00:00.000Z');
  });

  it('after 1 March 2024 9:00 in Kostanay is 04:00 UTC', () => {
    expect(iso(nextOfficeOpen(new Date('2024-03-01T00:00:00Z'), ctx('kostanay-oblast')))).toBe('2024-03-01T04:00:00.000Z');
  });
});

describe('office time (minutes, hours)', () => {
  it('Kostanay: Thu 29 Feb 2024 17:00 (+06) + 3 office hours lands on Fri 1 Mar 10:30 (+05) = 05:30 UTC', () => {
    const start = at('2024-02-29T17:00', 'kostanay-oblast');
    expect(iso(start)).toBe('2024-02-29T11:00:00.000Z');
    const r = addDuration(start, { value: 3, unit: 'hours' }, ctx('kostanay-oblast'));
    expect(iso(r.due)).toBe('2024-03-01T05:30:00.000Z');
    expect(r.explanation).toContain('Thu 2024-02-29 17:00 +06:00');
    expect(r.explanation).toContain('Fri 2024-03-01 10:30 +05:00');
    expect(r.explanation).toContain('Thu 2024-02-29 90 min, Fri 2024-03-01 90 min');
  });

  it('the lunch break is skipped, and a count ending at 13:00 ends at 13:00', () => {
    expect(iso(addDuration(at('2016-05-05T12:30'), { value: 60, unit: 'minutes' }, ctx('astana')).due)).toBe(iso(at('2016-05-05T15:00')));
    expect(iso(addDuration(at('2016-05-05T12:30'), { value: 30, unit: 'minutes' }, ctx('astana')).due)).toBe(iso(at('2016-05-05T13:00')));
  });

  it('a start during the break counts from 14:30', () => {
    expect(iso(addDuration(at('2016-05-05T13:40'), { value: 15, unit: 'minutes' }, ctx('astana')).due)).toBe(iso(at('2016-05-05T14:45')));
  });

  it('after hours the clock starts at the next opening', () => {
    const r = addDuration(at('2016-05-05T19:00'), { value: 30, unit: 'minutes' }, ctx('astana'));
    expect(iso(r.due)).toBe(iso(at('2016-05-06T09:30')));
    expect(r.explanation).toContain('after office hours');
    expect(r.explanation).toContain('the clock starts at the next office opening');
  });

  it('a start on a day off waits for the next working day, past a weekend, a holiday and a moved holiday', () => {
    // Fri 6 May 2016 18:00: 30 min that day; Sat 7, Sun 8, Mon 9 (Victory Day), Tue 10 (moved) are off.
    const r = addDuration(at('2016-05-06T18:00'), { value: 1, unit: 'hours' }, ctx('astana'));
    expect(iso(r.due)).toBe(iso(at('2016-05-11T09:30')));
    expect(iso(addDuration(at('2016-05-08T11:00'), { value: 10, unit: 'minutes' }, ctx('astana')).due)).toBe(iso(at('2016-05-11T09:10')));
  });

  it('office hours are per provider: State Corporation 9:00–18:00 without a break', () => {
    const r = addDuration(at('2016-05-05T12:30'), { value: 60, unit: 'minutes' }, ctx('astana', { officeHours: STATE_CORPORATION_HOURS }));
    expect(iso(r.due)).toBe(iso(at('2016-05-05T13:30')));
    expect(
      iso(addDuration(at('2016-05-05T17:30'), { value: 60, unit: 'minutes' }, ctx('astana', { officeHours: STATE_CORPORATION_HOURS })).due),
    ).toBe(iso(at('2016-05-06T09:30')));
  });

  it('acceptance day not counted: office time starts at the next working day opening', () => {
    const r = addDuration(at('2016-05-05T10:00'), { value: 15, unit: 'minutes' }, ctx('astana', { acceptanceDayNotCounted: true }));
    expect(iso(r.due)).toBe(iso(at('2016-05-06T09:15')));
    expect(r.rule.acceptanceDayCounted).toBe(false);
  });
});

describe('working days', () => {
  it('received during office hours: the acceptance day is day 1; deadline = office close of day N', () => {
    // Wed 4 May 2016: 4 (1), 5 (2), 6 (3), [7, 8 weekend, 9 Victory Day, 10 moved Defender's Day], 11 (4), 12 (5).
    const r = addDuration(at('2016-05-04T11:00'), { value: 5, unit: 'working-days' }, ctx('astana'));
    expect(iso(r.due)).toBe(iso(at('2016-05-12T18:30')));
    expect(iso(r.due)).toBe('2016-05-12T12:30:00.000Z');
    expect(r.rule).toMatchObject({
      acceptanceDay: '2016-05-04',
      acceptanceDayCounted: true,
      firstCountedDay: '2016-05-04',
      lastCountedDay: '2016-05-12',
    });
    expect(r.explanation).toContain('acceptance day Wed 2016-05-04 counted as day 1');
    // #17 item 5: the rule and its standing (no text we hold states it) are in the explanation.
    expect(r.explanation).toContain(`counted as day 1 (${DAY_ONE_RULE.en})`);
    expect(r.explanation).toContain('Mon 2016-05-09');
    expect(r.explanation).toContain('Tue 2016-05-10');
    expect(r.explanation).toContain('1 weekend day skipped'); // Sun 8 May; Sat 7 May is listed as the holiday it also is
  });

  it('"the day of acceptance is not counted" starts the count the next working day', () => {
    const r = addDuration(at('2016-05-04T11:00'), { value: 5, unit: 'working-days' }, ctx('astana', { acceptanceDayNotCounted: true }));
    expect(iso(r.due)).toBe(iso(at('2016-05-13T18:30')));
    expect(r.rule).toMatchObject({ acceptanceDay: '2016-05-04', firstCountedDay: '2016-05-05', lastCountedDay: '2016-05-13' });
    expect(r.explanation).toContain('not counted: day 1 is Thu 2016-05-05');
  });

  it('days off passed over before day 1 are explained too (Kostanay rule, received Fri 6 May 2016)', () => {
    const r = addDuration(at('2016-05-06T18:00'), { value: 5, unit: 'working-days' }, ctx('astana', { acceptanceDayNotCounted: true }));
    expect(r.rule).toMatchObject({ acceptanceDay: '2016-05-06', firstCountedDay: '2016-05-11', lastCountedDay: '2016-05-17' });
    expect(r.explanation).toContain('days off skipped: Sat 2016-05-07');
    expect(r.explanation).toContain('Tue 2016-05-10 (day off: day off for День защитника Отечества of Sat 2016-05-07');
  });

  it('received after hours: accepted the next working day, which is day 1', () => {
    const r = addDuration(at('2016-05-04T19:00'), { value: 5, unit: 'working-days' }, ctx('astana'));
    expect(r.rule).toMatchObject({ acceptanceDay: '2016-05-05', lastCountedDay: '2016-05-13' });
    expect(r.explanation).toContain('so accepted on the next working day Thu 2016-05-05');
  });

  it('received before opening or during lunch: that working day is the acceptance day', () => {
    expect(acceptanceOf(at('2016-05-04T07:00'), ctx('astana'))).toMatchObject({ when: 'before-opening', acceptanceDay: '2016-05-04' });
    expect(acceptanceOf(at('2016-05-04T13:30'), ctx('astana'))).toMatchObject({ when: 'during-break', acceptanceDay: '2016-05-04' });
    expect(acceptanceOf(at('2016-05-04T18:30'), ctx('astana'))).toMatchObject({ when: 'after-hours', acceptanceDay: '2016-05-05' });
  });

  it('received on a day off: the next working day is the acceptance day', () => {
    const r = addDuration(at('2016-05-07T10:00'), { value: 1, unit: 'working-days' }, ctx('astana'));
    expect(r.rule).toMatchObject({ acceptanceDay: '2016-05-11', lastCountedDay: '2016-05-11' });
    expect(iso(r.due)).toBe(iso(at('2016-05-11T18:30')));
  });

  it.each([
    ['working-days', false],
    ['working-days', true],
    ['calendar-days', false],
    ['calendar-days', true],
  ] as const)('a count of 1 %s (acceptance day not counted: %s) names day 1 once', (unit, acceptanceDayNotCounted) => {
    const r = addDuration(at('2016-05-04T11:00'), { value: 1, unit }, ctx('astana', { acceptanceDayNotCounted }));
    expect(r.explanation.match(/day 1/g)).toHaveLength(1);
    expect(r.explanation).toContain(
      acceptanceDayNotCounted ? 'not counted: day 1 is Thu 2016-05-05' : 'acceptance day Wed 2016-05-04 counted as day 1',
    );
  });

  it('the deadline is the office close in the zone of that day (Kostanay across 1 March 2024)', () => {
    const r = addDuration(at('2024-02-28T10:00', 'kostanay-oblast'), { value: 3, unit: 'working-days' }, ctx('kostanay-oblast'));
    expect(iso(r.due)).toBe('2024-03-01T13:30:00.000Z'); // Fri 1 Mar 18:30 +05
  });
});

describe('calendar days', () => {
  it('run through weekends and holidays, do not move, and end at 23:59:59.999 local of day N', () => {
    const r = addDuration(at('2016-05-04T11:00'), { value: 10, unit: 'calendar-days' }, ctx('astana'));
    expect(r.rule).toMatchObject({ firstCountedDay: '2016-05-04', lastCountedDay: '2016-05-13' });
    expect(iso(r.due)).toBe('2016-05-13T17:59:59.999Z');
    const notCounted = addDuration(
      at('2016-05-04T11:00'),
      { value: 10, unit: 'calendar-days' },
      ctx('astana', { acceptanceDayNotCounted: true }),
    );
    expect(notCounted.rule.lastCountedDay).toBe('2016-05-14'); // a Saturday: not moved
    expect(iso(notCounted.due)).toBe('2016-05-14T17:59:59.999Z');
    expect(notCounted.explanation).toContain('do not move');
  });

  it('an application received on a day off is accepted on the next working day', () => {
    const r = addDuration(
      at('2016-05-08T11:00', 'west-kazakhstan-oblast'),
      { value: 1, unit: 'calendar-days' },
      ctx('west-kazakhstan-oblast'),
    );
    expect(r.rule.lastCountedDay).toBe('2016-05-11');
    expect(iso(r.due)).toBe('2016-05-11T18:59:59.999Z');
  });
});

describe('elapsed office time and office openings', () => {
  it('across a weekend and a holiday: Fri 6 May 2016 17:00 → Wed 11 May 10:00 is 90 + 60 minutes', () => {
    expect(elapsedOfficeMinutes(at('2016-05-06T17:00'), at('2016-05-11T10:00'), ctx('astana'))).toBe(150);
  });

  it('within a day the lunch break does not count; reversed intervals are 0', () => {
    expect(elapsedOfficeMinutes(at('2016-05-05T12:00'), at('2016-05-05T15:00'), ctx('astana'))).toBe(90);
    expect(elapsedOfficeMinutes(at('2016-05-05T15:00'), at('2016-05-05T12:00'), ctx('astana'))).toBe(0);
  });

  it('across the 2024 zone change in Kostanay', () => {
    expect(
      elapsedOfficeMinutes(at('2024-02-29T17:00', 'kostanay-oblast'), at('2024-03-01T10:30', 'kostanay-oblast'), ctx('kostanay-oblast')),
    ).toBe(180);
  });

  it('next office opening: now when open, 14:30 during lunch, Monday 9:00 on Saturday', () => {
    const open = at('2016-05-05T10:00');
    expect(nextOfficeOpen(open, ctx('astana'))).toBe(open);
    expect(isOfficeOpen(open, ctx('astana'))).toBe(true);
    expect(isOfficeOpen(at('2016-05-05T13:00'), ctx('astana'))).toBe(false);
    expect(iso(nextOfficeOpen(at('2016-05-05T13:10'), ctx('astana')))).toBe(iso(at('2016-05-05T14:30')));
    expect(iso(nextOfficeOpen(at('2016-05-14T10:00'), ctx('astana')))).toBe(iso(at('2016-05-16T09:00')));
  });
});

describe('bad input', () => {
  it('is a typed error, never a wrong answer', () => {
    expect(() => addDuration(at('2016-05-05T10:00'), { value: 0, unit: 'working-days' }, ctx('astana'))).toThrow(CalendarInputError);
    expect(() => addDuration(at('2016-05-05T10:00'), { value: 1.5, unit: 'hours' }, ctx('astana'))).toThrow(CalendarInputError);
    expect(() => addDuration(new Date('nope'), { value: 1, unit: 'hours' }, ctx('astana'))).toThrow(CalendarInputError);
    expect(() => addDuration(at('2016-05-05T10:00'), { value: 1, unit: 'hours' }, ctx('mars' as Region))).toThrow(CalendarInputError);
  });

  it('arithmetic that runs past the data fails with calendar-year-not-covered', () => {
    expect(() => addDuration(at('2027-12-30T10:00'), { value: 5, unit: 'working-days' }, ctx('astana'))).toThrow(
      CalendarYearNotCoveredError,
    );
  });
});
