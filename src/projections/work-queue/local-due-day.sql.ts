import { REGION_ZONES } from '../../calendar/regions';

/**
 * The SQL for a rm_work_queue row's local due day, as the day counts key it:
 * the date of due_at in the region's zone, 'infinity' when nothing is due.
 * What the migrations fill the counts with from an existing queue (the
 * projection passes each row's zone instead).
 */
export function localDueDayOfRow(): string {
  const zone = `CASE region ${Object.entries(REGION_ZONES)
    .map(([region, z]) => `WHEN '${region}' THEN '${z}'`)
    .join(' ')} END`;
  return `coalesce((due_at AT TIME ZONE ${zone})::date, 'infinity')`;
}
