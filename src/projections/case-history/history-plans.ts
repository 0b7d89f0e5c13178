import type { EntityManager } from 'typeorm';
import type { HistoryPlan } from './history-entry';

export const HISTORY_PLANS_TABLE = 'rm_case_history_plans';

/**
 * The plans the chronicle's headers name, as this process has seen them.
 * Content-addressed, so an entry can never be stale, whatever a rolled-back
 * batch did: a header is only ever committed with its plan's row (one
 * statement), so a key read from a header is always in the table.
 */
export class HistoryPlans {
  private readonly known = new Map<string, HistoryPlan>();

  get(key: string): HistoryPlan | undefined {
    return this.known.get(key);
  }

  remember(key: string, plan: HistoryPlan): void {
    this.known.set(key, plan);
  }

  /** Reads the plans of `keys` this process has not seen yet (a handful of distinct plans serve every case). */
  async load(db: Pick<EntityManager, 'query'>, keys: Iterable<string>): Promise<void> {
    const missing = [...new Set(keys)].filter((k) => !this.known.has(k));
    if (missing.length === 0) return;
    const rows: Array<{ plan_key: string; plan: HistoryPlan }> = await db.query(
      `SELECT plan_key, plan FROM ${HISTORY_PLANS_TABLE} WHERE plan_key = ANY($1::text[])`,
      [missing],
    );
    for (const row of rows) this.known.set(row.plan_key, row.plan);
  }
}
