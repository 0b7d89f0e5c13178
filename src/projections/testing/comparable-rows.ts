import type { DataSource } from 'typeorm';
import { OVERSIGHT_STEP_STATS, stepStatsRowJson } from '../oversight/oversight-rollups';

/**
 * What of a read model's rows two builds of it (a rebuild and the live one)
 * must agree on, as sorted JSON texts:
 * - zero counts of a day stay or not depending on where batches ended;
 * - a steps row's elapsed times are a multiset, in the order batches added them.
 */
const MEANINGFUL: Record<string, string> = { rm_work_queue_region_days: 'WHERE n <> 0', rm_work_queue_org_days: 'WHERE n <> 0' };
const ROW_JSON: Record<string, (alias: string) => string> = { [OVERSIGHT_STEP_STATS]: stepStatsRowJson };

export async function comparableRows(dataSource: DataSource, table: string): Promise<string[]> {
  const rows = await dataSource.query<Array<{ r: string }>>(
    `SELECT (${ROW_JSON[table]?.('t') ?? 'to_jsonb(t)'})::text AS r FROM ${table} t ${MEANINGFUL[table] ?? ''} ORDER BY 1`,
  );
  return rows.map((row) => row.r);
}
