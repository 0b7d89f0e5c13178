import type { EntityManager } from 'typeorm';
import type { EventStore, RecordedEvent } from '../../../event-store/event-store.port';
import type { Projection, ReadModelDefinition } from '../projection';

/**
 * Test read model whose effects are not idempotent: each event inserts a row
 * (primary key = position, so a doubled event fails loudly) and increments a
 * per-stream counter (so a doubled effect would show even without the key).
 * Each projection has its own two tables (a rebuild swaps a projection's
 * tables whole), created by its first batch: tests name projections freely.
 */
export const TEST_READ_MODEL: ReadModelDefinition = { migrations: [] };

const slug = (projection: string): string => projection.toLowerCase().replace(/[^a-z0-9]+/g, '_');
export const appliedTableOf = (projection: string): string => `rm_test_applied_${slug(projection)}`;
export const totalsTableOf = (projection: string): string => `rm_test_totals_${slug(projection)}`;

type Queryable = Pick<EntityManager, 'query'>;

/** In the batch's transaction: the tables are created where unqualified names resolve (a rebuild's shadow schema, if that is where). */
async function ensureTables(tx: Queryable, projection: string): Promise<void> {
  await tx.query(`CREATE TABLE IF NOT EXISTS ${appliedTableOf(projection)} (position bigint PRIMARY KEY, stream_id text NOT NULL)`);
  await tx.query(`CREATE TABLE IF NOT EXISTS ${totalsTableOf(projection)} (stream_id text PRIMARY KEY, n int NOT NULL)`);
}

const exists = async (db: Queryable, table: string): Promise<boolean> =>
  (await db.query('SELECT to_regclass($1) IS NOT NULL AS ok', [table]))[0].ok;

export type Sabotage = (event: RecordedEvent, tx: EntityManager, indexInBatch: number) => Promise<void>;

export class CountingProjection implements Projection {
  readonly streamPrefixes = ['t-'];
  readonly tables: readonly string[];
  /** Runs after each event's writes: tests throw or kill the connection here. */
  sabotage: Sabotage | undefined;
  applied = 0;

  constructor(readonly name: string) {
    this.tables = [appliedTableOf(name), totalsTableOf(name)];
  }

  async apply(events: RecordedEvent[], tx: EntityManager): Promise<void> {
    await ensureTables(tx, this.name);
    for (const [i, event] of events.entries()) {
      await tx.query(`INSERT INTO ${appliedTableOf(this.name)} (position, stream_id) VALUES ($1, $2)`, [
        event.position.toString(),
        event.streamId,
      ]);
      await tx.query(
        `INSERT INTO ${totalsTableOf(this.name)} AS t (stream_id, n) VALUES ($1, 1) ON CONFLICT (stream_id) DO UPDATE SET n = t.n + 1`,
        [event.streamId],
      );
      await this.sabotage?.(event, tx, i);
    }
    this.applied += events.length;
  }
}

/** The positions a counting projection's live table holds, in order (empty before its first batch). */
export async function appliedPositions(db: Queryable, projection: string): Promise<bigint[]> {
  if (!(await exists(db, appliedTableOf(projection)))) return [];
  const rows: Array<{ p: string }> = await db.query(`SELECT position::text AS p FROM ${appliedTableOf(projection)} ORDER BY position`);
  return rows.map((r) => BigInt(r.p));
}

/** Appends `count` events spread over `streams` streams (t-0, t-1, ...), one append per event; returns the last position. */
export async function appendTicks(store: EventStore, count: number, streams = 5, offset = 0): Promise<bigint> {
  let last = 0n;
  for (let i = offset; i < offset + count; i += 1) {
    const result = await store.append(
      `t-${i % streams}`,
      [{ id: crypto.randomUUID(), type: 'Tick', schemaVersion: 1, data: { i }, metadata: {} }],
      'any',
    );
    last = result.position;
  }
  return last;
}

export interface CountsSnapshot {
  rows: number;
  totals: Record<string, number>;
}

export async function countsOf(db: Queryable, projection: string): Promise<CountsSnapshot> {
  if (!(await exists(db, appliedTableOf(projection)))) return { rows: 0, totals: {} };
  const [{ rows }] = await db.query(`SELECT count(*)::int AS rows FROM ${appliedTableOf(projection)}`);
  const totals: Array<{ stream_id: string; n: number }> = await db.query(
    `SELECT stream_id, n FROM ${totalsTableOf(projection)} ORDER BY stream_id`,
  );
  return { rows, totals: Object.fromEntries(totals.map((t) => [t.stream_id, t.n])) };
}

/** What an exact read model of `count` ticks over `streams` streams holds. */
export function expectedCounts(count: number, streams = 5): CountsSnapshot {
  const totals: Record<string, number> = {};
  for (let i = 0; i < count; i += 1) totals[`t-${i % streams}`] = (totals[`t-${i % streams}`] ?? 0) + 1;
  return { rows: count, totals: Object.fromEntries(Object.entries(totals).sort(([a], [b]) => a.localeCompare(b))) };
}
