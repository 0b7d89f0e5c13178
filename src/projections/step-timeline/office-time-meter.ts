import { CalendarYearNotCoveredError } from '../../calendar/calendar.errors';
import { EDUCATION_STANDARD_HOURS } from '../../calendar/office-hours';
import type { Region } from '../../calendar/regions';
import type { WorkingCalendar } from '../../calendar/working-calendar.service';

const DAY_MS = 86_400_000;

/**
 * WorkingCalendar.elapsedOfficeMinutes with the calendar's answers memoised.
 * The engine builds every office span through the zone database on each call
 * (about 2 ms for a 13-working-day step), too slow for a projection replaying a
 * million events; here each (region, day) is asked once, and each zone offset
 * once per UTC day (the calendar's cache). The arithmetic mirrors working-time.ts
 * (same spans, same overlap sum), and office-time-meter.spec.ts checks that the
 * results are identical. Education-standard hours, as the case domain counts.
 */
export class OfficeTimeMeter {
  private readonly spans = new Map<Region, Map<number, readonly number[]>>();

  constructor(private readonly calendar: WorkingCalendar) {}

  /** Office minutes (fractional) from `from` to `to` in the region; null where the calendar has no data. */
  elapsedMinutes(from: Date, to: Date, region: Region): number | null {
    const a = from.getTime();
    const b = to.getTime();
    if (b <= a) return 0;
    try {
      let ms = 0;
      const last = this.localDay(b, region);
      for (let day = this.localDay(a, region); day <= last; day++) {
        const spans = this.spansOf(day, region);
        for (let i = 0; i < spans.length; i += 2) {
          const start = Math.max(spans[i], a);
          const end = Math.min(spans[i + 1], b);
          if (end > start) ms += end - start;
        }
      }
      return ms / 60_000;
    } catch (error) {
      if (error instanceof CalendarYearNotCoveredError) return null;
      throw error;
    }
  }

  /** 'YYYY-MM' of the instant in the region's local time. */
  localMonth(at: Date, region: Region): string {
    return this.localDate(at, region).slice(0, 7);
  }

  localDate(at: Date, region: Region): string {
    return new Date(this.localDay(at.getTime(), region) * DAY_MS).toISOString().slice(0, 10);
  }

  /** Days since 1970-01-01 of the instant's local civil date. */
  private localDay(ms: number, region: Region): number {
    return Math.floor((ms + this.calendar.offsetMinutesAt(ms, region) * 60_000) / DAY_MS);
  }

  /** Office spans of a local day as [start, end, start, end, ...] in epoch ms. */
  private spansOf(day: number, region: Region): readonly number[] {
    let byDay = this.spans.get(region);
    if (!byDay) this.spans.set(region, (byDay = new Map<number, readonly number[]>()));
    let spans = byDay.get(day);
    if (!spans) {
      const date = new Date(day * DAY_MS).toISOString().slice(0, 10);
      spans = this.calendar.officeSpans(date, region, EDUCATION_STANDARD_HOURS).flatMap((s) => [s.start.getTime(), s.end.getTime()]);
      byDay.set(day, spans);
    }
    return spans;
  }
}
