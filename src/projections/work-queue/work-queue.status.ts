import { DateTime } from 'luxon';
import { REGION_ZONES } from '../../calendar/regions';
import type { Region } from '../../regulations/regulation.model';

export const QUEUE_STATUSES = ['on-time', 'due-today', 'overdue', 'not-regulated'] as const;
export type QueueStatus = (typeof QUEUE_STATUSES)[number];

/** "Now" and the end of today in the region's zone: the two instants every status is measured against. */
export interface DayBounds {
  now: Date;
  /** Local midnight that began today. */
  startOfToday: Date;
  /** Today's local date, YYYY-MM-DD. */
  today: string;
  /** Start of tomorrow, local to the region (exclusive end of "due today"). */
  endOfToday: Date;
}

export function dayBounds(region: Region, now: Date): DayBounds {
  const start = DateTime.fromJSDate(now, { zone: REGION_ZONES[region] }).startOf('day');
  return { now, startOfToday: start.toJSDate(), today: start.toFormat('yyyy-MM-dd'), endOfToday: start.plus({ days: 1 }).toJSDate() };
}

/**
 * overdue: the due instant has passed; due-today: it is still ahead but on
 * today's local date; on-time: a later day; not-regulated: the regulation
 * states no duration for the step.
 */
export function classify(dueAt: Date | null, bounds: DayBounds): QueueStatus {
  if (dueAt === null) return 'not-regulated';
  if (dueAt.getTime() < bounds.now.getTime()) return 'overdue';
  if (dueAt.getTime() < bounds.endOfToday.getTime()) return 'due-today';
  return 'on-time';
}
