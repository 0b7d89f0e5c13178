import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '../../event-store/event-store.port';
import { ensureCheckpoint } from './checkpoints';
import type { Projection } from './projection';
import { ProjectionTestDatabase } from '../testing/projection-database';

/** Writes nothing; remembers when each batch came and how big it was. */
class BatchLog implements Projection {
  readonly tables = [];
  readonly batches: Array<{ at: number; size: number }> = [];
  constructor(
    readonly name: string,
    readonly settleMs?: number,
  ) {}
  async apply(events: RecordedEvent[], _tx: EntityManager): Promise<void> {
    this.batches.push({ at: performance.now(), size: events.length });
  }
}

describe('a projection that settles between small batches (real PostgreSQL)', () => {
  const pg = new ProjectionTestDatabase('settle', []);

  beforeAll(() => pg.open());

  afterAll(() => pg.close());

  it('waits settleMs after a small batch, so appends every 10 ms arrive in a few batches, not one per append', async () => {
    const projection = new BatchLog('settling', 300);
    await ensureCheckpoint(pg.dataSource, projection.name);
    const runner = pg.runner(projection, { batchSize: 500 });
    runner.start();
    try {
      const started = performance.now();
      let appended = 0;
      while (performance.now() - started < 1500) {
        await pg.store.append(
          `s-${appended % 3}`,
          [{ id: crypto.randomUUID(), type: 'Ticked', schemaVersion: 1, data: { appended }, metadata: {} }],
          'any',
        );
        appended += 1;
        await new Promise((r) => setTimeout(r, 10));
      }
      const deadline = Date.now() + 15_000;
      while (projection.batches.reduce((n, b) => n + b.size, 0) < appended && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 20));
      expect(projection.batches.reduce((n, b) => n + b.size, 0)).toBe(appended);
      const gaps = projection.batches.slice(1).map((b, i) => b.at - projection.batches[i].at);
      expect(Math.min(...gaps)).toBeGreaterThanOrEqual(290);
      expect(projection.batches.length).toBeLessThan(appended / 5);
    } finally {
      await runner.stop();
    }
  });
});
