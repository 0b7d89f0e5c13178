import { loadCalendarDataset } from '../../calendar/calendar-data.loader';
import { REGIONS } from '../../calendar/regions';
import { WorkingCalendar } from '../../calendar/working-calendar.service';
import { OfficeTimeMeter } from './office-time-meter';

describe('OfficeTimeMeter', () => {
  const calendar = new WorkingCalendar(loadCalendarDataset({}));
  const meter = new OfficeTimeMeter(calendar);

  /** Deterministic pseudo-random instants (no Math.random: failures must replay). */
  function* instants(seed: number, count: number, from: string, spanDays: number): Generator<[Date, Date]> {
    let x = seed;
    const next = () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
    const base = Date.parse(from);
    for (let i = 0; i < count; i++) {
      const start = base + Math.floor(next() * spanDays * 86_400_000);
      const length = Math.floor(next() ** 3 * 30 * 86_400_000);
      yield [new Date(start), new Date(start + length)];
    }
  }

  it.each(REGIONS)('gives exactly the calendar’s elapsed office minutes in %s', (region) => {
    for (const [from, to] of instants(region.length, 150, '2015-01-01T00:00:00Z', 365 * 11)) {
      expect(meter.elapsedMinutes(from, to, region)).toBe(calendar.elapsedOfficeMinutes(from, to, { region }));
    }
  });

  it('follows the 1 March 2024 change of Asia/Qostanay and Asia/Almaty to UTC+5', () => {
    for (const region of ['kostanay-oblast', 'astana'] as const) {
      for (const [from, to] of instants(7, 200, '2024-02-25T00:00:00Z', 10)) {
        expect(meter.elapsedMinutes(from, to, region)).toBe(calendar.elapsedOfficeMinutes(from, to, { region }));
        expect(meter.localDate(to, region)).toBe(calendar.localDateOf(to, region));
      }
    }
    // 09:00 local on Fri 1 Mar 2024 is 04:00 UTC (UTC+5); on Thu 29 Feb it was 03:00 UTC (UTC+6).
    expect(meter.elapsedMinutes(new Date('2024-03-01T04:00:00Z'), new Date('2024-03-01T05:00:00Z'), 'kostanay-oblast')).toBe(60);
    expect(meter.elapsedMinutes(new Date('2024-02-29T02:00:00Z'), new Date('2024-02-29T04:00:00Z'), 'kostanay-oblast')).toBe(60);
  });

  it('reads the month in the provider’s local time', () => {
    // 20:00 UTC on 31 Dec 2018 is 02:00 on 1 Jan 2019 in Kostanay (UTC+6 then); 18:30 UTC is 23:30 on 31 Dec in Uralsk (UTC+5).
    expect(meter.localMonth(new Date('2018-12-31T20:00:00Z'), 'kostanay-oblast')).toBe('2019-01');
    expect(meter.localMonth(new Date('2018-12-31T18:30:00Z'), 'west-kazakhstan-oblast')).toBe('2018-12');
  });

  it('answers null, not an error, for years the calendar does not cover', () => {
    expect(meter.elapsedMinutes(new Date('2040-01-05T04:00:00Z'), new Date('2040-01-06T04:00:00Z'), 'astana')).toBeNull();
  });

  it('is 0 when the end is not after the start', () => {
    const at = new Date('2019-03-04T04:00:00Z');
    expect(meter.elapsedMinutes(at, at, 'astana')).toBe(0);
  });
});
