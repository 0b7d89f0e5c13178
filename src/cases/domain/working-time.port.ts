import { Region } from '../../regulations/regulation.model';

export type CountableUnit = 'minutes' | 'hours' | 'working-days' | 'calendar-days';

/** Working-time arithmetic the domain needs; the calendar module implements it. */
export interface WorkingTime {
  addDuration(
    start: Date,
    duration: { value: number; unit: CountableUnit },
    region: Region,
    options?: { acceptanceDayNotCounted?: boolean; startedBy?: string },
  ): { dueAt: Date; explanation: string };
  /** The provider's local calendar date (YYYY-MM-DD) of an instant. */
  localDate(instant: Date, region: Region): string;
}
