import { loadCalendarDataset } from './calendar-data.loader';
import { CalendarEngine } from './calendar-engine';
import { CalendarYearNotCoveredError } from './calendar.errors';
import { addDays, isWeekend } from './local-date';

const engine = new CalendarEngine(loadCalendarDataset());

/**
 * Weekdays off and worked weekend days per year, compiled by hand from the sources
 * listed in each year file (xmlcalendar, isdayoff, python-holidays, the decrees as
 * reported): an independent check of data + rules together.
 */
const EXPECTED: Record<number, { off: string[]; worked: string[] }> = {
  2014: {
    off: [
      '01-01',
      '01-02',
      '01-03',
      '01-07',
      '03-10',
      '03-21',
      '03-24',
      '03-25',
      '05-01',
      '05-02',
      '05-07',
      '05-08',
      '05-09',
      '07-07',
      '09-01',
      '12-01',
      '12-16',
      '12-17',
    ],
    worked: ['05-04', '05-11'],
  },
  2015: {
    off: [
      '01-01',
      '01-02',
      '01-07',
      '03-09',
      '03-23',
      '03-24',
      '03-25',
      '05-01',
      '05-07',
      '05-11',
      '07-06',
      '08-31',
      '09-24',
      '12-01',
      '12-16',
      '12-17',
    ],
    worked: [],
  },
  2016: {
    off: [
      '01-01',
      '01-04',
      '01-07',
      '03-07',
      '03-08',
      '03-21',
      '03-22',
      '03-23',
      '05-02',
      '05-09',
      '05-10',
      '07-06',
      '08-30',
      '09-12',
      '12-01',
      '12-16',
      '12-19',
    ],
    worked: ['03-05'],
  },
  2017: {
    off: [
      '01-02',
      '01-03',
      '03-08',
      '03-20',
      '03-21',
      '03-22',
      '03-23',
      '05-01',
      '05-08',
      '05-09',
      '07-06',
      '07-07',
      '08-30',
      '09-01',
      '12-01',
      '12-18',
      '12-19',
    ],
    worked: ['03-18', '07-01'],
  },
  2018: {
    off: [
      '01-01',
      '01-02',
      '03-08',
      '03-09',
      '03-21',
      '03-22',
      '03-23',
      '04-30',
      '05-01',
      '05-07',
      '05-08',
      '05-09',
      '07-06',
      '08-21',
      '08-30',
      '08-31',
      '12-03',
      '12-17',
      '12-18',
      '12-31',
    ],
    worked: ['03-03', '04-28', '05-05', '08-25', '12-29'],
  },
  2019: {
    off: [
      '01-01',
      '01-02',
      '01-07',
      '03-08',
      '03-21',
      '03-22',
      '03-25',
      '05-01',
      '05-07',
      '05-09',
      '05-10',
      '07-08',
      '08-30',
      '12-02',
      '12-16',
      '12-17',
    ],
    worked: ['05-04'],
  },
  2020: {
    off: [
      '01-01',
      '01-02',
      '01-03',
      '01-07',
      '03-09',
      '03-23',
      '03-24',
      '03-25',
      '05-01',
      '05-07',
      '05-08',
      '07-06',
      '07-31',
      '08-31',
      '12-01',
      '12-16',
      '12-17',
      '12-18',
    ],
    worked: ['01-05', '12-20'],
  },
  2021: {
    off: [
      '01-01',
      '01-04',
      '01-07',
      '03-08',
      '03-22',
      '03-23',
      '03-24',
      '05-03',
      '05-07',
      '05-10',
      '07-05',
      '07-06',
      '07-20',
      '08-30',
      '12-01',
      '12-16',
      '12-17',
    ],
    worked: ['07-03'],
  },
  2022: {
    off: [
      '01-03',
      '01-04',
      '01-07',
      '03-07',
      '03-08',
      '03-21',
      '03-22',
      '03-23',
      '05-02',
      '05-09',
      '05-10',
      '07-06',
      '08-29',
      '08-30',
      '10-24',
      '10-25',
      '12-16',
    ],
    worked: ['03-05', '08-27', '10-22'],
  },
  2023: {
    off: [
      '01-02',
      '01-03',
      '03-08',
      '03-21',
      '03-22',
      '03-23',
      '05-01',
      '05-08',
      '05-09',
      '06-28',
      '07-06',
      '07-07',
      '08-30',
      '10-25',
      '12-18',
    ],
    worked: ['07-01'],
  },
  2024: {
    off: ['01-01', '01-02', '03-08', '03-21', '03-22', '03-25', '05-01', '05-07', '05-08', '05-09', '07-08', '08-30', '10-25', '12-16'],
    worked: ['05-04'],
  },
  2025: {
    off: [
      '01-01',
      '01-02',
      '01-03',
      '01-07',
      '03-10',
      '03-21',
      '03-24',
      '03-25',
      '05-01',
      '05-07',
      '05-09',
      '06-06',
      '07-07',
      '09-01',
      '10-27',
      '12-16',
    ],
    worked: ['01-05'],
  },
  2026: {
    off: ['01-01', '01-02', '01-07', '03-09', '03-23', '03-24', '03-25', '05-01', '05-07', '05-11', '05-27', '07-06', '10-26', '12-16'],
    worked: [],
  },
  2027: {
    off: ['01-01', '01-04', '01-07', '03-08', '03-15', '03-22', '03-23', '03-24', '05-03', '05-07', '05-10', '07-06', '10-25', '12-16'],
    worked: [],
  },
};

function actual(year: number) {
  const off: string[] = [];
  const worked: string[] = [];
  for (let d = `${year}-01-01`; d.startsWith(String(year)); d = addDays(d, 1)) {
    const info = engine.dayInfo(d);
    if (!isWeekend(d) && !info.working) off.push(d.slice(5));
    if (isWeekend(d) && info.working) worked.push(d.slice(5));
  }
  return { off, worked };
}

describe('year calendars 2014–2027', () => {
  it('covers exactly 2014–2027', () => {
    expect(engine.coveredYears()).toEqual(Object.keys(EXPECTED).map(Number));
  });

  it.each(Object.keys(EXPECTED).map(Number))('%i: weekdays off and worked weekend days match the sources', (year) => {
    expect(actual(year)).toEqual(EXPECTED[year]);
  });
});

describe('weekend moves (Law "On holidays", art. 5)', () => {
  it('Nauryz on a weekend: 2015 Sat 21 and Sun 22 Mar give Tue 24 and Wed 25 (Mon 23 is itself Nauryz)', () => {
    expect(engine.dayInfo('2015-03-21').reasons).toContainEqual(
      expect.objectContaining({ kind: 'holiday', holidayId: 'nauryz', dayOffMovedTo: '2015-03-24' }),
    );
    expect(engine.dayInfo('2015-03-22').reasons).toContainEqual(
      expect.objectContaining({ kind: 'holiday', holidayId: 'nauryz', dayOffMovedTo: '2015-03-25' }),
    );
    expect(engine.dayInfo('2015-03-24')).toMatchObject({ working: false, status: 'moved-holiday-day-off' });
    expect(engine.dayInfo('2015-03-25')).toMatchObject({ working: false, status: 'moved-holiday-day-off' });
    expect(engine.dayInfo('2015-03-26').working).toBe(true);
  });

  it('2016 chain: Sat 7 May (Defender of the Fatherland Day) → Tue 10 May, because Mon 9 May is Victory Day', () => {
    expect(engine.dayInfo('2016-05-07').reasons).toContainEqual(
      expect.objectContaining({ holidayId: 'defender-day', dayOffMovedTo: '2016-05-10' }),
    );
    expect(engine.dayInfo('2016-05-09')).toMatchObject({ working: false, status: 'holiday' });
    const tue = engine.dayInfo('2016-05-10');
    expect(tue).toMatchObject({ working: false, status: 'moved-holiday-day-off' });
    expect(tue.reasons[0]).toMatchObject({ holidayId: 'defender-day', holidayDate: '2016-05-07' });
    expect(tue.summary).toContain('Sat 2016-05-07');
    expect(engine.dayInfo('2016-05-11').working).toBe(true);
  });

  it('religious days never move: Kurban Ait Sat 4 Oct 2014 and Orthodox Christmas Sun 7 Jan 2024 leave Monday working', () => {
    expect(engine.dayInfo('2014-10-04').summary).toContain('religious, never moved');
    expect(engine.isWorkingDay('2014-10-06', 'astana')).toBe(true);
    expect(engine.isWorkingDay('2024-01-08', 'astana')).toBe(true);
  });
});

describe('Government transfers', () => {
  it('2020: the decree moved the Victory Day day off from Mon 11 May to Fri 8 May, so Monday 11 May was worked', () => {
    const mon = engine.dayInfo('2020-05-11');
    expect(mon.working).toBe(true);
    expect(mon.status).toBe('transferred-working-day');
    expect(mon.reasons.map((r) => r.kind)).toEqual(['moved-holiday-day-off', 'transferred-working-day']);
    expect(mon.reasons[1]).toMatchObject({ to: '2020-05-08', act: { number: '820', adiletId: 'P1900000820' } });
    expect(engine.dayInfo('2020-05-08')).toMatchObject({ working: false, status: 'transferred-day-off' });
    const sat = engine.dayInfo('2020-05-09');
    expect(sat.summary).not.toContain('day off moved to Mon 2020-05-11');
    expect(sat.summary).toBe(
      'day off: holiday: День Победы (its day off under art. 5, Mon 2020-05-11, was transferred to Fri 2020-05-08 by Government decree No. 820; Mon 2020-05-11 was worked); weekend',
    );
    expect(sat.reasons).toContainEqual(
      expect.objectContaining({ dayOffMovedTo: '2020-05-11', dayOffTransferred: expect.objectContaining({ to: '2020-05-08' }) }),
    );
    expect(mon.summary).toBe(
      'working day: its day of rest moved to Fri 2020-05-08 by Government decree No. 820; superseded: day off for День Победы of Sat 2020-05-09 (Law "On holidays", art. 5)',
    );
  });

  it('2020: Sundays 5 Jan and 20 Dec were working days', () => {
    expect(engine.isWorkingDay('2020-01-05', 'astana')).toBe(true);
    expect(engine.isWorkingDay('2020-12-20', 'astana')).toBe(true);
  });

  it('2024: Wed 8 May off and Sat 4 May worked by the order of 17 April 2024', () => {
    expect(engine.dayInfo('2024-05-08')).toMatchObject({ working: false, status: 'transferred-day-off' });
    const sat = engine.dayInfo('2024-05-04');
    expect(sat).toMatchObject({ working: true, status: 'transferred-working-day' });
    expect(sat.reasons).toContainEqual(
      expect.objectContaining({ kind: 'transferred-working-day', act: expect.objectContaining({ kind: 'order', date: '2024-04-17' }) }),
    );
  });

  it('a transfer recorded in 2014 reaches into 2013 (Sat 28 Dec 2013 worked for Fri 3 Jan 2014), which is not covered', () => {
    expect(engine.dayInfo('2014-01-03')).toMatchObject({ working: false, status: 'transferred-day-off' });
    expect(() => engine.dayInfo('2013-12-28')).toThrow(CalendarYearNotCoveredError);
  });
});

describe('holidays by year', () => {
  it('Kurban Ait 2024: Sunday 16 June (changed from Monday 17 June on 7 June 2024), so Monday 17 June is working', () => {
    const data = engine.yearData(2024);
    expect(data.kurbanAit.date).toBe('2024-06-16');
    expect(data.kurbanAit.history?.[0]).toMatchObject({ date: '2024-06-17', until: '2024-06-07' });
    expect(engine.dayInfo('2024-06-16').reasons).toContainEqual(expect.objectContaining({ holidayId: 'kurban-ait', religious: true }));
    expect(engine.isWorkingDay('2024-06-17', 'kostanay-oblast')).toBe(true);
  });

  it('Republic Day: not a holiday in 2021 (Mon 25 Oct worked), a holiday in 2022 (Tue 25 Oct)', () => {
    expect(engine.dayInfo('2021-10-25')).toMatchObject({ working: true, status: 'working' });
    expect(engine.dayInfo('2022-10-25').reasons).toContainEqual(expect.objectContaining({ holidayId: 'republic-day' }));
  });

  it("First President's Day and 17 Dec end with 2021", () => {
    expect(engine.dayInfo('2021-12-01').working).toBe(false);
    expect(engine.dayInfo('2021-12-17').working).toBe(false);
    expect(engine.dayInfo('2022-12-01').working).toBe(true);
    expect(engine.dayInfo('2022-12-19').working).toBe(true); // 17 Dec 2022 (Sat) no longer a holiday: nothing moves
  });

  it('Constitution Day: 30 Aug through 2025 (Sat 2025 → Mon 1 Sep), none in 2026, 15 Mar from 2027', () => {
    expect(engine.dayInfo('2025-08-30').reasons).toContainEqual(
      expect.objectContaining({ holidayId: 'constitution-day', dayOffMovedTo: '2025-09-01' }),
    );
    expect(engine.dayInfo('2025-09-01').working).toBe(false);
    expect(engine.dayInfo('2026-08-30').reasons).toEqual([{ kind: 'weekend' }]);
    expect(engine.dayInfo('2026-08-31').working).toBe(true);
    expect(engine.dayInfo('2026-03-16').working).toBe(true);
    expect(engine.yearData(2026).holidays.some((h) => h.id === 'constitution-day')).toBe(false);
    expect(engine.dayInfo('2027-03-15')).toMatchObject({ working: false, status: 'holiday' });
    expect(engine.dayInfo('2027-08-30').working).toBe(true);
  });

  it('a year outside the data is a clear, typed error', () => {
    expect(() => engine.dayInfo('2013-06-03')).toThrow(CalendarYearNotCoveredError);
    expect(() => engine.dayInfo('2028-01-04')).toThrow('The working-time calendar has no data for 2028 (covered: 2014–2027)');
    try {
      engine.yearView(2030);
    } catch (error) {
      expect(error).toMatchObject({ code: 'calendar-year-not-covered', year: 2030 });
    }
    expect.assertions(3);
  });

  it('the year view lists holidays, moved days and transfers with reasons, not plain weekends', () => {
    const view = engine.yearView(2016);
    expect(view.workingDays + view.daysOff).toBe(366);
    expect(view.days.map((d) => d.date)).toContain('2016-03-05');
    expect(view.days.every((d) => d.reasons.some((r) => r.kind !== 'weekend'))).toBe(true);
  });
});
