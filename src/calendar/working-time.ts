import type { CalendarEngine, OfficeSpan } from './calendar-engine';
import { assertInstant } from './calendar-engine';
import { CalendarInputError } from './calendar.errors';
import type { DayInfo, LocalDate } from './calendar.types';
import { addDays } from './local-date';
import { EDUCATION_STANDARD_HOURS, type OfficeHours } from './office-hours';
import type { Region } from './regions';

/**
 * Working-time arithmetic on instants (Date in, Date out), in the region's zone.
 *
 * Acceptance day — the one notion every unit starts from:
 *   - received on a working day before the office closes (before opening, during
 *     office hours or during the lunch break): that day;
 *   - received after closing, or on a day off: the next working day (the
 *     standards treat such applications as received then).
 * By default the acceptance day is counted (it is day 1); with
 * `acceptanceDayNotCounted` ("день приёма не входит в срок") day 1 is the next
 * working day (working days, office time) or the next calendar day (calendar days).
 */
export interface WorkingTimeContext {
  calendar: CalendarEngine;
  region: Region;
  /** Defaults to the education standard, 9:00–18:30 with lunch 13:00–14:30. */
  officeHours?: OfficeHours;
  acceptanceDayNotCounted?: boolean;
  /**
   * What started the count when it is not a receipt (e.g. "VisaImposed", the event
   * that started a step): the explanation names it instead of "received".
   */
  startedBy?: string;
}

export type ReceivedWhen = 'before-opening' | 'during-office-hours' | 'during-break' | 'after-hours' | 'day-off';

export interface Acceptance {
  received: Date;
  receivedOn: LocalDate;
  when: ReceivedWhen;
  acceptanceDay: LocalDate;
}

const hoursOf = (ctx: WorkingTimeContext) => ctx.officeHours ?? EDUCATION_STANDARD_HOURS;
const spansOf = (ctx: WorkingTimeContext, date: LocalDate) => ctx.calendar.officeSpans(date, ctx.region, hoursOf(ctx));

export function acceptanceOf(received: Date, ctx: WorkingTimeContext): Acceptance {
  assertInstant(received);
  const receivedOn = ctx.calendar.localDateOf(received, ctx.region);
  const spans = spansOf(ctx, receivedOn);
  const t = received.getTime();
  let when: ReceivedWhen;
  if (spans.length === 0) when = 'day-off';
  else if (t >= spans[spans.length - 1].end.getTime()) when = 'after-hours';
  else if (t < spans[0].start.getTime()) when = 'before-opening';
  else if (spans.some((s) => t >= s.start.getTime() && t < s.end.getTime())) when = 'during-office-hours';
  else when = 'during-break';
  const acceptanceDay = when === 'day-off' || when === 'after-hours' ? ctx.calendar.nextWorkingDay(receivedOn) : receivedOn;
  return { received, receivedOn, when, acceptanceDay };
}

export function isOfficeOpen(at: Date, ctx: WorkingTimeContext): boolean {
  assertInstant(at);
  const t = at.getTime();
  return spansOf(ctx, ctx.calendar.localDateOf(at, ctx.region)).some((s) => t >= s.start.getTime() && t < s.end.getTime());
}

/** `at` itself when the office is open then, else the next opening (after lunch, next morning, next working day). */
export function nextOfficeOpen(at: Date, ctx: WorkingTimeContext): Date {
  assertInstant(at);
  const t = at.getTime();
  for (let date = ctx.calendar.localDateOf(at, ctx.region); ; date = addDays(date, 1)) {
    for (const s of spansOf(ctx, date)) {
      if (t < s.start.getTime()) return s.start;
      if (t < s.end.getTime()) return at;
    }
  }
}

export interface OfficeTimeResult {
  due: Date;
  acceptance: Acceptance;
  clockStart: Date;
  /** Office milliseconds consumed per local day. */
  perDay: { date: LocalDate; ms: number }[];
}

/** The instant at which `ms` of office time has run from `start`; the earliest such instant (a break is not crossed when not needed). */
export function addOfficeTime(start: Date, ms: number, ctx: WorkingTimeContext): OfficeTimeResult {
  if (!Number.isFinite(ms) || ms < 0) throw new CalendarInputError('Office time to add must be a non-negative number');
  const acceptance = acceptanceOf(start, ctx);
  const from = ctx.acceptanceDayNotCounted ? spansOf(ctx, ctx.calendar.nextWorkingDay(acceptance.acceptanceDay))[0].start : start;
  const perDay: { date: LocalDate; ms: number }[] = [];
  let remaining = ms;
  let clockStart: Date | undefined;
  for (let date = ctx.calendar.localDateOf(from, ctx.region); ; date = addDays(date, 1)) {
    for (const s of spansOf(ctx, date)) {
      if (s.end.getTime() <= from.getTime()) continue;
      const begin = Math.max(s.start.getTime(), from.getTime());
      clockStart ??= new Date(begin);
      const available = s.end.getTime() - begin;
      const used = Math.min(available, remaining);
      if (used > 0) addTo(perDay, date, used);
      if (remaining <= available) return { due: new Date(begin + remaining), acceptance, clockStart, perDay };
      remaining -= available;
    }
  }
}

function addTo(perDay: { date: LocalDate; ms: number }[], date: LocalDate, ms: number): void {
  const last = perDay[perDay.length - 1];
  if (last?.date === date) last.ms += ms;
  else perDay.push({ date, ms });
}

export interface DayCountResult {
  due: Date;
  acceptance: Acceptance;
  acceptanceDayCounted: boolean;
  firstCountedDay: LocalDate;
  lastCountedDay: LocalDate;
  /** Days off passed over after the acceptance day up to the last counted day, other than plain weekends. */
  skippedDaysOff: DayInfo[];
  skippedWeekendDays: number;
}

/** Deadline = close of office on the Nth counted working day. */
export function addWorkingDays(start: Date, days: number, ctx: WorkingTimeContext): DayCountResult {
  assertCount(days);
  const acceptance = acceptanceOf(start, ctx);
  const counted = !ctx.acceptanceDayNotCounted;
  const skippedDaysOff: DayInfo[] = [];
  let skippedWeekendDays = 0;
  /** The first working day after `date`, noting the days off passed over. */
  const nextCounted = (date: LocalDate): LocalDate => {
    let d = addDays(date, 1);
    for (let info = ctx.calendar.dayInfo(d); !info.working; info = ctx.calendar.dayInfo((d = addDays(d, 1)))) {
      if (info.reasons.every((r) => r.kind === 'weekend')) skippedWeekendDays++;
      else skippedDaysOff.push(info);
    }
    return d;
  };
  const first = counted ? acceptance.acceptanceDay : nextCounted(acceptance.acceptanceDay);
  let last = first;
  for (let n = 1; n < days; n++) last = nextCounted(last);
  const spans: OfficeSpan[] = spansOf(ctx, last);
  return {
    due: spans[spans.length - 1].end,
    acceptance,
    acceptanceDayCounted: counted,
    firstCountedDay: first,
    lastCountedDay: last,
    skippedDaysOff,
    skippedWeekendDays,
  };
}

/**
 * Calendar days run through weekends and holidays and never move. Deadline =
 * the end of the Nth counted day, 23:59:59.999 local (an action is late only
 * when strictly after the due instant, as for every unit).
 */
export function addCalendarDays(start: Date, days: number, ctx: WorkingTimeContext): DayCountResult {
  assertCount(days);
  const acceptance = acceptanceOf(start, ctx);
  const counted = !ctx.acceptanceDayNotCounted;
  const first = counted ? acceptance.acceptanceDay : addDays(acceptance.acceptanceDay, 1);
  const last = addDays(first, days - 1);
  // Calendar days ignore days off, but a due date is only given within the years the
  // calendar covers, as for working days (throws calendar-year-not-covered).
  ctx.calendar.dayInfo(last);
  const due = new Date(ctx.calendar.startOfDay(addDays(last, 1), ctx.region).getTime() - 1);
  return {
    due,
    acceptance,
    acceptanceDayCounted: counted,
    firstCountedDay: first,
    lastCountedDay: last,
    skippedDaysOff: [],
    skippedWeekendDays: 0,
  };
}

/** Office time between two instants, in minutes (fractional); 0 when `to` is not after `from`. */
export function elapsedOfficeMinutes(from: Date, to: Date, ctx: WorkingTimeContext): number {
  assertInstant(from);
  assertInstant(to);
  if (to.getTime() <= from.getTime()) return 0;
  const last = ctx.calendar.localDateOf(to, ctx.region);
  let ms = 0;
  for (let date = ctx.calendar.localDateOf(from, ctx.region); date <= last; date = addDays(date, 1)) {
    for (const s of spansOf(ctx, date)) {
      const a = Math.max(s.start.getTime(), from.getTime());
      const b = Math.min(s.end.getTime(), to.getTime());
      if (b > a) ms += b - a;
    }
  }
  return ms / 60_000;
}

function assertCount(days: number): void {
  if (!Number.isInteger(days) || days < 1) throw new CalendarInputError('A number of days must be a whole number of at least 1');
}
