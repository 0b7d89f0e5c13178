import { CalendarInputError } from './calendar.errors';

/** Local wall-clock office hours of a working day; breaks are excluded from office time. */
export interface OfficeHours {
  open: string; // 'HH:mm'
  close: string; // 'HH:mm'
  breaks: { start: string; end: string }[];
}

/** Education standards: 9:00–18:30 with lunch 13:00–14:30 (DOMAIN.md, "Working time"). */
export const EDUCATION_STANDARD_HOURS: OfficeHours = Object.freeze({
  open: '09:00',
  close: '18:30',
  breaks: [Object.freeze({ start: '13:00', end: '14:30' })],
});

/** State Corporation centres: 9:00–18:00 on weekdays; the standards name no break. */
export const STATE_CORPORATION_HOURS: OfficeHours = Object.freeze({
  open: '09:00',
  close: '18:00',
  breaks: [],
});

export const OFFICE_HOURS_PRESETS = {
  'education-standard': EDUCATION_STANDARD_HOURS,
  'state-corporation': STATE_CORPORATION_HOURS,
} as const;
export type OfficeHoursPreset = keyof typeof OFFICE_HOURS_PRESETS;

/** Minutes after local midnight. */
export interface OfficeInterval {
  from: number;
  to: number;
}

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

function minutesOf(value: string, field: string): number {
  const m = HHMM.exec(value);
  if (!m) throw new CalendarInputError(`Office hours: ${field} "${value}" is not HH:mm`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** The day's office intervals in minutes, validated: open < close, breaks inside, ordered, disjoint. */
export function officeIntervals(hours: OfficeHours): OfficeInterval[] {
  const open = minutesOf(hours.open, 'open');
  const close = minutesOf(hours.close, 'close');
  if (open >= close) throw new CalendarInputError(`Office hours: open ${hours.open} must be before close ${hours.close}`);
  const intervals: OfficeInterval[] = [];
  let cursor = open;
  for (const [i, br] of hours.breaks.entries()) {
    const start = minutesOf(br.start, `breaks[${i}].start`);
    const end = minutesOf(br.end, `breaks[${i}].end`);
    if (start >= end || start <= cursor || end >= close) {
      throw new CalendarInputError(`Office hours: break ${br.start}–${br.end} must lie inside the open hours, in order, without overlap`);
    }
    intervals.push({ from: cursor, to: start });
    cursor = end;
  }
  intervals.push({ from: cursor, to: close });
  return intervals;
}

export function describeOfficeHours(hours: OfficeHours): string {
  const breaks = hours.breaks.map((b) => `${b.start}–${b.end}`).join(', ');
  return `${hours.open}–${hours.close}${breaks ? `, break ${breaks}` : ''}`;
}
