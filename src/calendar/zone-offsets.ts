import { DateTime } from 'luxon';
import type { LocalDate } from './calendar.types';
import { toUtcMs } from './local-date';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
/** About 270 years of days per zone; past that the cache starts again rather than grow. */
const MAX_CACHED_DAYS = 100_000;
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

/**
 * A zone's UTC offset per UTC day, asked of the zone database (luxon, through
 * Intl) once per day. Asking it per instant was the larger part of luxon's
 * share of the command side's thread: every deadline reads a local date and
 * formats the instants of its explanation. A day holding a transition (the
 * 1 March 2024 change of Asia/Almaty and Asia/Qostanay) is not cached: each of
 * its instants is asked exactly. The regions' zones change at most once a day.
 */
const offsetsByZone = new Map<string, Map<number, number>>();

/** The zone's offset from UTC at `ms`, in minutes (east positive), as luxon's `offset`. */
export function offsetMinutesAt(ms: number, zone: string): number {
  let byDay = offsetsByZone.get(zone);
  if (!byDay) offsetsByZone.set(zone, (byDay = new Map<number, number>()));
  const day = Math.floor(ms / DAY_MS);
  const cached = byDay.get(day);
  if (cached !== undefined) return cached;
  const start = zoneOffset(day * DAY_MS, zone);
  const end = zoneOffset((day + 1) * DAY_MS - 1, zone);
  if (start !== end) return zoneOffset(ms, zone);
  if (byDay.size >= MAX_CACHED_DAYS) byDay.clear();
  byDay.set(day, start);
  return start;
}

/** The civil date of the instant in the zone, 'YYYY-MM-DD'. */
export function localDateAt(ms: number, zone: string): LocalDate {
  return new Date(ms + offsetMinutesAt(ms, zone) * MINUTE_MS).toISOString().slice(0, 10);
}

/**
 * The instant the civil date begins in the zone (local midnight), in epoch ms.
 * Midnight is UTC midnight less the offset then, when the offset is the same
 * at both; otherwise (a transition between them) the zone database says.
 * Where the clocks fall back at midnight, the day begins at the first one.
 */
export function startOfLocalDay(date: LocalDate, zone: string): number {
  const utcMidnight = toUtcMs(date);
  const offset = offsetMinutesAt(utcMidnight, zone);
  const guess = utcMidnight - offset * MINUTE_MS;
  if (offsetMinutesAt(guess, zone) === offset) return guess;
  return DateTime.fromISO(date, { zone }).toMillis();
}

/**
 * "Mon 2024-03-04 10:00 +05:00 (2024-03-04T05:00:00.000Z)": the instant as a clerk
 * reads it in the zone, then as UTC. Identical to luxon's 'ccc yyyy-LL-dd HH:mm ZZ'
 * in English (zone-offsets.spec.ts holds them equal across the 2024 change).
 */
export function describeInstant(at: Date, zone: string): string {
  const ms = at.getTime();
  const offset = offsetMinutesAt(ms, zone);
  const local = new Date(ms + offset * MINUTE_MS);
  const text = local.toISOString();
  return `${WEEKDAYS[local.getUTCDay()]} ${text.slice(0, 10)} ${text.slice(11, 16)} ${signedOffset(offset)} (${at.toISOString()})`;
}

function signedOffset(minutes: number): string {
  const abs = Math.abs(minutes);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${minutes < 0 ? '-' : '+'}${two(Math.floor(abs / 60))}:${two(abs % 60)}`;
}

function zoneOffset(ms: number, zone: string): number {
  const offset = DateTime.fromMillis(ms, { zone }).offset;
  // luxon answers NaN for a zone it does not know; the regions' zones are checked at start.
  if (!Number.isFinite(offset)) throw new RangeError(`Unknown time zone "${zone}"`);
  return offset;
}
