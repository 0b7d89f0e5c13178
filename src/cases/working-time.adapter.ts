import { WorkingCalendar } from '../calendar/working-calendar.service';
import { WorkingTime } from './domain/working-time.port';

/** The case domain's working-time port, served by the calendar module's engine. */
export function workingTimeFrom(calendar: WorkingCalendar): WorkingTime {
  return {
    addDuration: (start, duration, region, options) => {
      const result = calendar.addDuration(start, duration, {
        region,
        acceptanceDayNotCounted: options?.acceptanceDayNotCounted ?? false,
        ...(options?.startedBy ? { startedBy: options.startedBy } : {}),
      });
      return { dueAt: result.due, explanation: result.explanation };
    },
    localDate: (instant, region) => calendar.localDateOf(instant, region),
  };
}
