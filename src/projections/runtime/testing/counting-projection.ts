import type { EntityManager, MigrationInterface, QueryRunner } from 'typeorm';
import type { EventStore, RecordedEvent } from '../../../event-store/event-store.port';
import type { Projection, ReadModelDefinition } from '../projection';

/**
 * Test read model whose effects are not idempotent: each event inserts a row
 * (primary key = position, so a doubled event fails loudly) and increments a
 * per-stream counter (so a doubled effect would show even without the key).
 */
export class CreateTestCounters1700000000001 implements MigrationInterface {
  name = 'CreateTestCounters1700000000001';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE rm_test_applied (projection text, position bigint, stream_id text NOT NULL, PRIMARY KEY (projection, position))`);
    await q.query(`CREATE TABLE rm_test_totals (projection text, stream_id text, n int NOT NULL, PRIMARY KEY (projection, stream_id))`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE rm_test_applied, rm_test_totals');
  }
}

export const TEST_READ_MODEL: ReadModelDefinition = { entities: [], migrations: [CreateTestCounters1700000000001] };

export type Sabotage = (event: RecordedEvent, tx: EntityManager, indexInBatch: number) => Promise<void>;

export class CountingProjection implements Projection {
  readonly streamPrefixes = ['t-'];
  /** Runs after each event's writes: tests throw or kill the connection here. */
  sabotage: Sabotage | undefined;
  applied = 0;

  constructor(readonly name: string) {}

  async apply(events: RecordedEvent[], tx: EntityManager): Promise<void> {
    for (const [i, event] of events.entries()) {
      await tx.query('INSERT INTO rm_test_applied (projection, position, stream_id) VALUES ($1, $2, $3)', [this.name, event.position.toString(), event.streamId]);
      await tx.query(
        `INSERT INTO rm_test_totals (projection, stream_id, n) VALUES ($1, $2, 1)
         ON CONFLICT (projection, stream_id) DO UPDATE SET n = rm_test_totals.n + 1`,
        [this.name, event.streamId],
      );
      await this.sabotage?.(event, tx, i);
    }
    this.applied += events.length;
  }

  async reset(tx: EntityManager): Promise<void> {
    await tx.query('DELETE FROM rm_test_applied WHERE projection = $1', [this.name]);
    await tx.query('DELETE FROM rm_test_totals WHERE projection = $1', [this.name]);
  }
}

/** Appends `count` events spread over `streams` streams (t-0, t-1, ...), one append per event; returns the last position. */
export async function appendTicks(store: EventStore, count: number, streams = 5, offset = 0): Promise<bigint> {
  let last = 0n;
  for (let i = offset; i < offset + count; i += 1) {
    const result = await store.append(`t-${i % streams}`, [{ id: crypto.randomUUID(), type: 'Tick', schemaVersion: 1, data: { i }, metadata: {} }], 'any');
    last = result.position;
  }
  return last;
}

export interface CountsSnapshot {
  rows: number;
  totals: Record<string, number>;
}

export async function countsOf(db: Pick<EntityManager, 'query'>, projection: string): Promise<CountsSnapshot> {
  const [{ rows }] = await db.query('SELECT count(*)::int AS rows FROM rm_test_applied WHERE projection = $1', [projection]);
  const totals: Array<{ stream_id: string; n: number }> = await db.query('SELECT stream_id, n FROM rm_test_totals WHERE projection = $1 ORDER BY stream_id', [projection]);
  return { rows, totals: Object.fromEntries(totals.map((t) => [t.stream_id, t.n])) };
}

/** What an exact read model of `count` ticks over `streams` streams holds. */
export function expectedCounts(count: number, streams = 5): CountsSnapshot {
  const totals: Record<string, number> = {};
  for (let i = 0; i < count; i += 1) totals[`t-${i % streams}`] = (totals[`t-${i % streams}`] ?? 0) + 1;
  return { rows: count, totals: Object.fromEntries(Object.entries(totals).sort(([a], [b]) => a.localeCompare(b))) };
}
