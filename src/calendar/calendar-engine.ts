import { DateTime } from 'luxon';
import type { CalendarDataset } from './calendar-dataset';
import { CalendarInputError, CalendarYearNotCoveredError } from './calendar.errors';
import type { DayInfo, LocalDate, YearData } from './calendar.types';
import { addDays, isValidLocalDate, yearOf } from './local-date';
import { officeIntervals, type OfficeHours } from './office-hours';
import { zoneOf, type Region } from './regions';
import { computeYearCalendar } from './year-calendar';
import { localDateAt, offsetMinutesAt, startOfLocalDay } from './zone-offsets';

/** An office interval of one working day as instants: [start, end). */
export interface OfficeSpan {
  date: LocalDate;
  start: Date;
  end: Date;
}

/** A year as the REST view shows it: the days that are not plain weekdays or plain weekends. */
export interface YearView {
  year: number;
  workingDays: number;
  daysOff: number;
  days: DayInfo[];
  data: YearData;
}

/** A day's office intervals as [start, end) epoch milliseconds. */
type SpanMillis = ReadonlyArray<readonly [number, number]>;

/**
 * Days and zones, bound to a dataset. Pure and deterministic: no clock, no I/O;
 * each year is computed once, on first use. Days are civil dates, the same in
 * every region; only the conversion of instants depends on the region's zone.
 */
export class CalendarEngine {
  private readonly years = new Map<number, Map<LocalDate, DayInfo>>();
  /**
   * Office intervals already computed, as epoch milliseconds, per hours and
   * (region, date): every deadline walks day by day through them, and turning
   * a wall-clock time into an instant in a zone (luxon) was a tenth of the
   * event loop of bench:projections' lag phase. Bounded by regions × days.
   */
  private readonly spans = new WeakMap<OfficeHours, Map<string, SpanMillis>>();

  constructor(readonly dataset: CalendarDataset) {}

  coveredYears(): number[] {
    return this.dataset.coveredYears();
  }

  yearData(year: number): YearData {
    const data = this.dataset.get(year);
    if (!data) throw new CalendarYearNotCoveredError(year, this.coveredYears());
    return data;
  }

  dayInfo(date: LocalDate): DayInfo {
    if (!isValidLocalDate(date)) throw new CalendarInputError(`Not a valid YYYY-MM-DD date: ${date}`);
    const info = this.year(yearOf(date)).get(date);
    if (!info) throw new CalendarYearNotCoveredError(yearOf(date), this.coveredYears());
    return info;
  }

  /** A civil date, or an instant read in the region's zone. */
  isWorkingDay(date: LocalDate | Date, region: Region): boolean {
    return this.dayInfo(typeof date === 'string' ? date : this.localDateOf(date, region)).working;
  }

  /** The first working day strictly after `date`. */
  nextWorkingDay(date: LocalDate): LocalDate {
    let d = addDays(date, 1);
    while (!this.dayInfo(d).working) d = addDays(d, 1);
    return d;
  }

  yearView(year: number): YearView {
    const data = this.yearData(year);
    const all = [...this.year(year).values()];
    return {
      year,
      workingDays: all.filter((d) => d.working).length,
      daysOff: all.filter((d) => !d.working).length,
      days: all.filter((d) => d.reasons.some((r) => r.kind !== 'weekend')),
      data,
    };
  }

  localDateOf(instant: Date, region: Region): LocalDate {
    assertInstant(instant);
    return localDateAt(instant.getTime(), zoneOf(region));
  }

  /** The region's offset from UTC at `ms`, in minutes; asked of the zone database once per UTC day. */
  offsetMinutesAt(ms: number, region: Region): number {
    return offsetMinutesAt(ms, zoneOf(region));
  }

  /** Local midnight starting `date` in the region, as an instant. */
  startOfDay(date: LocalDate, region: Region): Date {
    return new Date(startOfLocalDay(date, zoneOf(region)));
  }

  /** Office intervals of `date` as instants; none on a day off. */
  officeSpans(date: LocalDate, region: Region, hours: OfficeHours): OfficeSpan[] {
    if (!this.dayInfo(date).working) return [];
    let byDay = this.spans.get(hours);
    if (!byDay) this.spans.set(hours, (byDay = new Map<string, SpanMillis>()));
    const key = `${region} ${date}`;
    let spans = byDay.get(key);
    if (!spans) {
      const zone = zoneOf(region);
      const [y, m, d] = date.split('-').map(Number);
      const at = (minutes: number) =>
        DateTime.fromObject({ year: y, month: m, day: d, hour: Math.floor(minutes / 60), minute: minutes % 60 }, { zone }).toMillis();
      spans = officeIntervals(hours).map((i) => [at(i.from), at(i.to)] as const);
      byDay.set(key, spans);
    }
    // Fresh Dates every time: a caller may keep or change what it gets.
    return spans.map(([start, end]) => ({ date, start: new Date(start), end: new Date(end) }));
  }

  private year(year: number): Map<LocalDate, DayInfo> {
    let days = this.years.get(year);
    if (!days) {
      const data = this.yearData(year);
      days = computeYearCalendar(data, this.dataset.foreignTransfers(year));
      this.years.set(year, days);
    }
    return days;
  }
}

export function assertInstant(value: Date): void {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw new CalendarInputError('Expected a valid instant (Date)');
}
