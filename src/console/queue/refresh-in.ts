import type { Region } from '../../regulations/regulation.model';
import { dayBounds } from '../../projections/work-queue/work-queue.status';

/** At least hourly: totals include cases beyond the shown page, whose instants this does not see. */
export const MAX_REFRESH_SECONDS = 3600;

/**
 * Seconds until a shown case changes colour: its due instant passes (→ overdue)
 * or the region's midnight comes (on time → due today). The page re-fetches
 * itself then; the second added lands it just after the instant.
 */
export function refreshInSeconds(now: Date, region: Region, dues: ReadonlyArray<string | null>): number {
  const at = now.getTime();
  const ahead = [
    dayBounds(region, now).endOfToday.getTime(),
    ...dues.filter((d): d is string => d !== null).map((d) => Date.parse(d)),
  ].filter((t) => t > at);
  return Math.min(MAX_REFRESH_SECONDS, Math.max(1, Math.ceil((Math.min(...ahead) - at) / 1000) + 1));
}
