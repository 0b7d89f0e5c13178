import { addDuration, type CalendarDuration, type DueResult } from './add-duration';
import { CalendarEngine } from './calendar-engine';
import type { OfficeHours } from './office-hours';
import type { Region } from './regions';
import { elapsedOfficeMinutes, isOfficeOpen, nextOfficeOpen, type WorkingTimeContext } from './working-time';

export interface WorkingTimeOptions {
  region: Region;
  /** The provider's hours; defaults to the education standard (9:00–18:30, lunch 13:00–14:30). */
  officeHours?: OfficeHours;
  acceptanceDayNotCounted?: boolean;
  /** What started the count when it is not a receipt (named in the explanation). */
  startedBy?: string;
}

/**
 * The engine bound to the loaded calendar data, as the application's injectable.
 * Still plain TypeScript: the case domain may take it (or a CalendarEngine built
 * from a pinned dataset) as an argument without knowing Nest.
 */
export class WorkingCalendar extends CalendarEngine {
  addDuration(start: Date, duration: CalendarDuration, options: WorkingTimeOptions): DueResult {
    return addDuration(start, duration, this.context(options));
  }

  elapsedOfficeMinutes(from: Date, to: Date, options: WorkingTimeOptions): number {
    return elapsedOfficeMinutes(from, to, this.context(options));
  }

  nextOfficeOpen(at: Date, options: WorkingTimeOptions): Date {
    return nextOfficeOpen(at, this.context(options));
  }

  isOfficeOpen(at: Date, options: WorkingTimeOptions): boolean {
    return isOfficeOpen(at, this.context(options));
  }

  private context(options: WorkingTimeOptions): WorkingTimeContext {
    return { calendar: this, ...options };
  }
}
