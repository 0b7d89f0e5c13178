import { CalendarDataError } from './calendar.errors';
import type { DayInfo, DayReason, DayStatus, HolidayEntry, LocalDate, Transfer, TransferAct, YearData } from './calendar.types';
import { addDays, isWeekend, labelOf, weekdayOf, yearOf } from './local-date';

/**
 * Every day of one year, working or not, with the reasons. Order of the rules:
 *   1. Saturday and Sunday are days off;
 *   2. holidays of the Law "On holidays" (and the first day of Kurban Ait) are days off;
 *   3. Law art. 5: a non-religious holiday on Sat/Sun gives the next working day off;
 *      holidays are taken in date order, so chains move further (Sat 7 May 2016 →
 *      Mon 9 May is Victory Day → Tue 10 May); religious days never move;
 *   4. transfers by decree/order: `from` becomes working, `to` becomes a day off
 *      (from may be a moved day off: 2020 moved Mon 11 May to Fri 8 May);
 *   5. explicit overrides have the last word.
 * Transfers whose `from` lies in this year but are recorded in a neighbouring
 * year's file (28 Dec 2013 for 3 Jan 2014) are passed in as `foreignTransfers`.
 */
export function computeYearCalendar(data: YearData, foreignTransfers: readonly Transfer[] = []): Map<LocalDate, DayInfo> {
  const year = data.year;
  const origin = data.layers.join(' + ');
  const problems: string[] = [];

  const holidays = new Map<LocalDate, HolidayEntry>();
  for (const h of data.holidays) holidays.set(h.date, h);
  const k = data.kurbanAit;
  holidays.set(k.date, { id: 'kurban-ait', date: k.date, name: k.name, religious: true, movesOffWeekend: false });

  const movedTo = new Map<LocalDate, LocalDate>(); // holiday date → its day off
  const movedFrom = new Map<LocalDate, HolidayEntry>(); // day off → the holiday that moved there
  for (const h of [...holidays.values()].sort((a, b) => a.date.localeCompare(b.date))) {
    if (!h.movesOffWeekend || !isWeekend(h.date)) continue;
    let target = addDays(h.date, 1);
    while (isWeekend(target) || holidays.has(target) || movedFrom.has(target)) target = addDays(target, 1);
    if (yearOf(target) !== year) {
      problems.push(`the day off for ${h.id} on ${h.date} would move into ${yearOf(target)}`);
      continue;
    }
    movedTo.set(h.date, target);
    movedFrom.set(target, h);
  }

  const statutoryOff = (date: LocalDate) => isWeekend(date) || holidays.has(date) || movedFrom.has(date);

  const transferTo = new Map<LocalDate, Transfer>();
  const transferFrom = new Map<LocalDate, Transfer>();
  for (const t of data.transfers) {
    if (statutoryOff(t.to)) problems.push(`transfer to ${t.to} (${t.reason}): ${labelOf(t.to)} is already a day off`);
    transferTo.set(t.to, t);
    if (yearOf(t.from) === year) {
      if (!statutoryOff(t.from)) problems.push(`transfer from ${t.from} (${t.reason}): ${labelOf(t.from)} is already a working day`);
      transferFrom.set(t.from, t);
    }
  }
  for (const t of foreignTransfers) {
    if (yearOf(t.from) !== year) continue;
    if (!statutoryOff(t.from)) problems.push(`transfer from ${t.from} (recorded for ${t.to}): ${labelOf(t.from)} is already a working day`);
    transferFrom.set(t.from, t);
  }
  if (problems.length) throw new CalendarDataError(origin, problems);

  const overrides = new Map(data.overrides.map((o) => [o.date, o]));
  const days = new Map<LocalDate, DayInfo>();
  for (let date = `${year}-01-01`; yearOf(date) === year; date = addDays(date, 1)) {
    const reasons: DayReason[] = [];
    let status: DayStatus = 'working';
    if (isWeekend(date)) {
      reasons.push({ kind: 'weekend' });
      status = 'weekend';
    }
    const h = holidays.get(date);
    if (h) {
      const to = movedTo.get(date);
      const onward = to ? transferFrom.get(to) : undefined;
      reasons.push({
        kind: 'holiday',
        holidayId: h.id,
        name: h.name,
        religious: h.religious,
        ...(to ? { dayOffMovedTo: to } : {}),
        ...(onward ? { dayOffTransferred: { to: onward.to, act: onward.act } } : {}),
      });
      status = 'holiday';
    }
    const moved = movedFrom.get(date);
    if (moved) {
      reasons.push({ kind: 'moved-holiday-day-off', holidayId: moved.id, name: moved.name, holidayDate: moved.date });
      status = 'moved-holiday-day-off';
    }
    const off = transferTo.get(date);
    if (off) {
      reasons.push({ kind: 'transferred-day-off', from: off.from, reason: off.reason, act: off.act });
      status = 'transferred-day-off';
    }
    const worked = transferFrom.get(date);
    if (worked) {
      reasons.push({ kind: 'transferred-working-day', to: worked.to, reason: worked.reason, act: worked.act });
      status = 'transferred-working-day';
    }
    const o = overrides.get(date);
    if (o) {
      reasons.push({ kind: 'override', working: o.working, reason: o.reason });
      status = o.working ? 'override-working-day' : 'override-day-off';
    }
    const working = status === 'working' || status === 'transferred-working-day' || status === 'override-working-day';
    days.set(date, { date, weekday: weekdayOf(date), working, status, reasons, summary: summarize(working, reasons) });
  }
  return days;
}

export function describeAct(act: TransferAct): string {
  const what = act.kind === 'decree' ? 'Government decree' : `order of the ${act.issuer}`;
  const parts = [what];
  if (act.number) parts.push(`No. ${act.number}`);
  if (act.date) parts.push(`of ${act.date}`);
  return parts.join(' ');
}

function describeReason(r: DayReason): string {
  switch (r.kind) {
    case 'weekend':
      return 'weekend';
    case 'holiday':
      return (
        `holiday: ${r.name.ru}` +
        (r.dayOffMovedTo
          ? ` (${describeMovedDayOff(r.dayOffMovedTo, r.dayOffTransferred)})`
          : r.religious
            ? ' (religious, never moved)'
            : '')
      );
    case 'moved-holiday-day-off':
      return `day off for ${r.name.ru} of ${labelOf(r.holidayDate)} (Law "On holidays", art. 5)`;
    case 'transferred-day-off':
      return `day of rest moved here from ${labelOf(r.from)} by ${describeAct(r.act)}`;
    case 'transferred-working-day':
      return `its day of rest moved to ${labelOf(r.to)} by ${describeAct(r.act)}`;
    case 'override':
      return `override: ${r.working ? 'working' : 'day off'} (${r.reason})`;
  }
}

/** Where the day off of a holiday on a weekend ended up: art. 5's weekday, unless a transfer then made that day worked. */
function describeMovedDayOff(movedTo: LocalDate, transferred: { to: LocalDate; act: TransferAct } | undefined): string {
  if (!transferred) return `day off moved to ${labelOf(movedTo)}`;
  return (
    `its day off under art. 5, ${labelOf(movedTo)}, was transferred to ${labelOf(transferred.to)} by ${describeAct(transferred.act)}; ` +
    `${labelOf(movedTo)} was worked`
  );
}

/** Whether a reason, on its own, makes the day a working day. */
function makesWorking(r: DayReason): boolean {
  return r.kind === 'transferred-working-day' || (r.kind === 'override' && r.working);
}

/** Decisive reason first; reasons the later rules overruled are named as superseded. */
function summarize(working: boolean, reasons: DayReason[]): string {
  if (reasons.length === 0) return 'working day';
  const agreeing = reasons.filter((r) => makesWorking(r) === working).reverse();
  const superseded = reasons.filter((r) => makesWorking(r) !== working);
  return (
    `${working ? 'working day' : 'day off'}: ${agreeing.map(describeReason).join('; ')}` +
    (superseded.length ? `; superseded: ${superseded.map(describeReason).join('; ')}` : '')
  );
}
