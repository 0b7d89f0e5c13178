import { isOneOf } from '../common/one-of';
import { CalendarInputError } from './calendar.errors';
import { DAY_ONE_RULE } from './day-one-rule';
import type { LocalDate } from './calendar.types';
import { labelOf } from './local-date';
import { describeOfficeHours, EDUCATION_STANDARD_HOURS } from './office-hours';
import { zoneOf } from './regions';
import {
  addCalendarDays,
  addOfficeTime,
  addWorkingDays,
  type Acceptance,
  type DayCountResult,
  type WorkingTimeContext,
} from './working-time';
import { describeInstant } from './zone-offsets';

export const CALENDAR_DURATION_UNITS = ['minutes', 'hours', 'working-days', 'calendar-days'] as const;
export type CalendarDurationUnit = (typeof CALENDAR_DURATION_UNITS)[number];

export interface CalendarDuration {
  value: number;
  unit: CalendarDurationUnit;
}

/** What the write side records with a deadline: the instant and the rule applied, in words and as data. */
export interface DueResult {
  due: Date;
  explanation: string;
  rule: {
    unit: CalendarDurationUnit;
    value: number;
    region: string;
    zone: string;
    officeHours: string;
    acceptanceDay: LocalDate;
    acceptanceDayCounted: boolean;
    firstCountedDay?: LocalDate;
    lastCountedDay?: LocalDate;
    clockStart?: string;
  };
}

const WHEN_TEXT: Record<Acceptance['when'], string> = {
  'before-opening': 'before opening, on a working day',
  'during-office-hours': 'during office hours',
  'during-break': 'during the break, on a working day',
  'after-hours': 'after office hours',
  'day-off': 'on a day off',
};

/** The due instant of `duration` counted from `start` (a UTC instant), with the rule that produced it. */
export function addDuration(start: Date, duration: CalendarDuration, context: WorkingTimeContext): DueResult {
  const { value, unit } = duration;
  if (!isOneOf(CALENDAR_DURATION_UNITS, unit)) {
    throw new CalendarInputError(`Unknown duration unit "${String(unit)}"; expected one of ${CALENDAR_DURATION_UNITS.join(', ')}`);
  }
  if (!Number.isInteger(value) || value < 0 || ((unit === 'working-days' || unit === 'calendar-days') && value < 1)) {
    throw new CalendarInputError(`A duration must be a whole number (at least 1 for days), got ${value} ${unit}`);
  }
  const zone = zoneOf(context.region);
  const hours = context.officeHours ?? EDUCATION_STANDARD_HOURS;
  // A receipt is "received"; a step's start is named by the event that started it.
  const startedAt = (d: Date) => (context.startedBy ? `started by ${context.startedBy} at ${fmt(d)}` : `received ${fmt(d)}`);
  const startDay = context.startedBy ? 'start day' : 'acceptance day';
  const fmt = (d: Date) => describeInstant(d, zone);
  const base = { unit, value, region: context.region, zone, officeHours: describeOfficeHours(hours) };

  if (unit === 'minutes' || unit === 'hours') {
    const minutes = unit === 'hours' ? value * 60 : value;
    const r = addOfficeTime(start, minutes * 60_000, context);
    const acceptance = r.acceptance;
    const perDay = r.perDay.map((p) => `${labelOf(p.date)} ${p.ms / 60_000} min`);
    const explanation = [
      `${value} ${unit} of office time (${minutes} min), ${zone}, office hours ${base.officeHours}`,
      `${startedAt(start)}, ${WHEN_TEXT[acceptance.when]}`,
      context.acceptanceDayNotCounted
        ? `acceptance day ${labelOf(acceptance.acceptanceDay)} not counted: the clock starts at the next working day's opening, ${fmt(r.clockStart)}`
        : r.clockStart.getTime() === start.getTime()
          ? `the clock starts ${context.startedBy ? 'then' : 'at receipt'}`
          : `the clock starts at the next office opening, ${fmt(r.clockStart)}`,
      perDay.length > 6
        ? `counted on ${perDay.length} working days, ${perDay.slice(0, 3).join(', ')}, …, ${perDay[perDay.length - 1]}`
        : perDay.length
          ? `counted ${perDay.join(', ')}`
          : 'nothing to count',
      `due ${fmt(r.due)}`,
    ].join('; ');
    return {
      due: r.due,
      explanation,
      rule: {
        ...base,
        acceptanceDay: acceptance.acceptanceDay,
        acceptanceDayCounted: !context.acceptanceDayNotCounted,
        clockStart: r.clockStart.toISOString(),
      },
    };
  }

  const r: DayCountResult = unit === 'working-days' ? addWorkingDays(start, value, context) : addCalendarDays(start, value, context);
  const a = r.acceptance;
  const parts = [
    `${value} ${unit === 'working-days' ? 'working' : 'calendar'} day${value === 1 ? '' : 's'}, ${zone}`,
    `${startedAt(start)}, ${WHEN_TEXT[a.when]}` +
      (a.acceptanceDay !== a.receivedOn
        ? `, so ${context.startedBy ? 'counted from' : 'accepted on'} the next working day ${labelOf(a.acceptanceDay)}`
        : ''),
    r.acceptanceDayCounted
      ? `${startDay} ${labelOf(a.acceptanceDay)} counted as day 1 (${DAY_ONE_RULE.en})`
      : `acceptance day ${labelOf(a.acceptanceDay)} not counted: day 1 is ${labelOf(r.firstCountedDay)}`,
  ];
  if (unit === 'working-days') {
    if (r.skippedDaysOff.length)
      parts.push(`days off skipped: ${r.skippedDaysOff.map((d) => `${labelOf(d.date)} (${d.summary})`).join(', ')}`);
    if (r.skippedWeekendDays) parts.push(`${r.skippedWeekendDays} weekend day${r.skippedWeekendDays === 1 ? '' : 's'} skipped`);
    if (value > 1) parts.push(`day ${value} is ${labelOf(r.lastCountedDay)}`);
    parts.push(`due at office close (${hours.close}) ${fmt(r.due)}`);
  } else {
    // Day 1 was named with the acceptance day just above; say only that calendar days do not move.
    parts.push(
      value > 1
        ? `day ${value} is ${labelOf(r.lastCountedDay)} (calendar days run through weekends and holidays and do not move)`
        : 'calendar days run through weekends and holidays and do not move',
      `due at the end of that day, 23:59:59.999 local, ${fmt(r.due)}`,
    );
  }
  return {
    due: r.due,
    explanation: parts.join('; '),
    rule: {
      ...base,
      acceptanceDay: a.acceptanceDay,
      acceptanceDayCounted: r.acceptanceDayCounted,
      firstCountedDay: r.firstCountedDay,
      lastCountedDay: r.lastCountedDay,
    },
  };
}
