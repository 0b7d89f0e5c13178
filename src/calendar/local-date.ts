import type { LocalDate, Weekday } from './calendar.types';

/** Civil-date arithmetic on 'YYYY-MM-DD' strings; zone-free on purpose (UTC midnight as a carrier). */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const WEEKDAYS: Weekday[] = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const DAY_MS = 86_400_000;

export function isValidLocalDate(value: unknown): value is LocalDate {
  if (typeof value !== 'string') return false;
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

/** UTC midnight of the civil date, in epoch ms: the carrier of the arithmetic here. */
export function toUtcMs(date: LocalDate): number {
  const m = ISO_DATE.exec(date);
  if (!m) throw new RangeError(`Not a YYYY-MM-DD date: ${date}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return new Date(toUtcMs(date) + days * DAY_MS).toISOString().slice(0, 10);
}

export function weekdayOf(date: LocalDate): Weekday {
  return WEEKDAYS[new Date(toUtcMs(date)).getUTCDay()];
}

export function isWeekend(date: LocalDate): boolean {
  const day = new Date(toUtcMs(date)).getUTCDay();
  return day === 0 || day === 6;
}

export function yearOf(date: LocalDate): number {
  return Number(date.slice(0, 4));
}

/** "Sat 2016-05-07" */
export function labelOf(date: LocalDate): string {
  return `${weekdayOf(date)} ${date}`;
}
