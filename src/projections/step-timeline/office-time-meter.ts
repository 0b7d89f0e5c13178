import { CalendarYearNotCoveredError } from '../../calendar/calendar.errors';
import { EDUCATION_STANDARD_HOURS } from '../../calendar/office-hours';
import type { Region } from '../../calendar/regions';
import type { WorkingCalendar } from '../../calendar/working-calendar.service';

const DAY_MS = 86_400_000;

/**
 * WorkingCalendar.elapsedOfficeMinutes with the calendar's answers memoised.
 * The engine builds every office span through the zone database on each call
 * (about 2 ms for a 13-working-day step), too slow for a projection replaying a
 * million events; here each (region, day) is asked once and each zone offset
 * once per UTC day. The arithmetic mirrors working-time.ts
 * (same spans, same overlap sum), and office-time-meter.spec.ts checks that the
 * results are identical. Education-standard hours, as the case domain counts.
 */
export class OfficeTimeMeter {
  private readonly offsets = new Map<Region, Map<number, number>>();
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
    return Math.floor((ms + this.offsetMs(ms, region)) / DAY_MS);
  }

  /** The zone's offset at `ms`, cached per UTC day when no transition falls inside it. */
  private offsetMs(ms: number, region: Region): number {
    let byDay = this.offsets.get(region);
    if (!byDay) this.offsets.set(region, (byDay = new Map<number, number>()));
    const day = Math.floor(ms / DAY_MS);
    const cached = byDay.get(day);
    if (cached !== undefined) return cached;
    const start = this.calendar.local(new Date(day * DAY_MS), region).offset;
    const end = this.calendar.local(new Date((day + 1) * DAY_MS - 1), region).offset;
    // A zone transition inside the day: answer this instant exactly, cache nothing.
    if (start !== end) return this.calendar.local(new Date(ms), region).offset * 60_000;
    byDay.set(day, start * 60_000);
    return start * 60_000;
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
