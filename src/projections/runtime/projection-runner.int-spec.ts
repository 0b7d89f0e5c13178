import { readCheckpoint, setRebuildRequested } from './checkpoints';
import { ProjectionRunner, RunnerLogger } from './projection-runner';
import { openReadModelsDataSource } from './read-models.data-source';
import {
  appendTicks,
  appliedPositions,
  CountingProjection,
  countsOf,
  expectedCounts,
  TEST_READ_MODEL,
} from './testing/counting-projection';
import { until } from '../../../test/support/until';
import { ProjectionTestDatabase } from '../testing/projection-database';

const FAST = { batchSize: 25, lockRetryMs: 100, backoff: { initialMs: 50, maxMs: 200 } };

describe('projection runtime (real PostgreSQL)', () => {
  const pg = new ProjectionTestDatabase('rt', [TEST_READ_MODEL]);
  const runners: ProjectionRunner[] = [];

  const runner = (projection: CountingProjection) => {
    const r = pg.runner(projection, FAST);
    runners.push(r);
    r.start();
    return r;
  };
  /** Position of the last tick appended (the head may lag behind it while read-model transactions run). */
  let target = 0n;
  const caughtUp = (name: string) => pg.checkpointReached(name, target);

  beforeAll(() => pg.open());

  afterEach(async () => {
    await Promise.all(runners.splice(0).map((r) => r.stop()));
  });

  afterAll(() => pg.close());

  it('migrations are idempotent and serialized: a second DataSource on the same database starts cleanly', async () => {
    const [a, b] = await Promise.all([
      openReadModelsDataSource({ url: pg.url, readModels: [TEST_READ_MODEL] }),
      openReadModelsDataSource({ url: pg.url, readModels: [TEST_READ_MODEL] }),
    ]);
    await a.destroy();
    await b.destroy();
  });

  it('a batch that fails half-way rolls back whole: after the retry every event took effect exactly once', async () => {
    target = await appendTicks(pg.store, 120);
    const projection = new CountingProjection('crash-throw');
    let crashed = false;
    projection.sabotage = async (_event, _tx, index) => {
      // Rows of this batch are already written when it fails.
      if (!crashed && projection.applied >= 50 && index === 10) {
        crashed = true;
        throw new Error('simulated crash in the middle of a batch');
      }
    };
    const r = runner(projection);
    await until('catch-up', () => caughtUp(projection.name));
    expect(crashed).toBe(true);
    expect(await countsOf(pg.dataSource, projection.name)).toEqual(expectedCounts(120));
    expect(r.status.state).toBe('running');
    const checkpoint = await readCheckpoint(pg.dataSource, projection.name);
    expect(checkpoint).toMatchObject({ lastError: null, failedAttempts: 0 });
  });

  it('a connection killed mid-batch, then a restarted instance: the read model is exact', async () => {
    const projection = new CountingProjection('crash-kill');
    let killed = false;
    projection.sabotage = async (_event, tx, index) => {
      if (!killed && projection.applied >= 25 && index === 3) {
        killed = true;
        // The server drops the session holding the open transaction, as when the process dies.
        await tx.query('SELECT pg_terminate_backend(pg_backend_pid())');
      }
    };
    const first = runner(projection);
    await until('the kill', () => killed);
    await first.stop();
    const afterCrash = await countsOf(pg.dataSource, projection.name);
    const checkpoint = (await readCheckpoint(pg.dataSource, projection.name))!;
    // What the checkpoint says is exactly what is in the read model.
    const n = (await appliedPositions(pg.dataSource, projection.name)).filter((p) => p <= checkpoint.position).length;
    expect(afterCrash.rows).toBe(n);

    const restarted = new CountingProjection('crash-kill');
    runner(restarted);
    await until('catch-up after restart', () => caughtUp(projection.name));
    expect(await countsOf(pg.dataSource, projection.name)).toEqual(expectedCounts(120));
  });

  it('a projection failing with a transient database error records it and retries (never blocked); another keeps running', async () => {
    const failing = new CountingProjection('always-fails');
    failing.sabotage = async () => {
      // What pg reports while the server shuts down: the database, not the event, is at fault.
      throw Object.assign(new Error('poison event'), { code: '57P03' });
    };
    const healthy = new CountingProjection('healthy');
    const bad = runner(failing);
    runner(healthy);
    await until('healthy catch-up', () => caughtUp(healthy.name));
    await until(
      'two failed attempts recorded',
      async () => ((await readCheckpoint(pg.dataSource, failing.name))?.failedAttempts ?? 0) >= 2,
    );
    expect(await countsOf(pg.dataSource, healthy.name)).toEqual(expectedCounts(120));
    expect(bad.status).toEqual({ state: 'failed', lastError: 'poison event' });
    const checkpoint = await readCheckpoint(pg.dataSource, failing.name);
    expect(checkpoint).toMatchObject({ position: 0n, lastError: 'poison event', blocked: null });
    expect(await countsOf(pg.dataSource, failing.name)).toEqual({ rows: 0, totals: {} });

    // New events reach the healthy projection while the other keeps failing.
    target = await appendTicks(pg.store, 10, 5, 120);
    await until('healthy follows live events', () => caughtUp(healthy.name));
    expect(await countsOf(pg.dataSource, healthy.name)).toEqual(expectedCounts(130));
  });

  it('two instances: only one runs the projection; the other takes over when it stops', async () => {
    const onA = new CountingProjection('shared');
    const onB = new CountingProjection('shared');
    const a = runner(onA);
    await until('A running', () => a.status.state === 'running');
    const b = runner(onB);
    await until('catch-up', () => caughtUp('shared'));
    await new Promise((r) => setTimeout(r, 300)); // several lock retries of B
    expect(a.status.state).toBe('running');
    expect(b.status.state).toBe('standby');
    expect(onB.applied).toBe(0);

    await a.stop();
    target = await appendTicks(pg.store, 20, 5, 130);
    await until('B takes over and catches up', () => caughtUp('shared'));
    expect(b.status.state).toBe('running');
    expect(onB.applied).toBe(20);
    expect(await countsOf(pg.dataSource, 'shared')).toEqual(expectedCounts(150));
  });

  it('a live batch commits without waiting for the disk (its transaction only), as a rebuild page does', async () => {
    // Last in this file: the ticks it appends would change the counts the tests above expect.
    target = await appendTicks(pg.store, 5);
    const projection = new CountingProjection('async-commit');
    const seen: string[] = [];
    projection.sabotage = async (_event, tx) => {
      const rows = await tx.query<Array<{ mode: string }>>("SELECT current_setting('synchronous_commit') AS mode");
      seen.push(rows[0]?.mode ?? 'none');
    };
    runner(projection);
    await until('catch-up', () => caughtUp(projection.name));
    expect(new Set(seen)).toEqual(new Set(['off']));
    const after = await pg.dataSource.query<Array<{ mode: string }>>("SELECT current_setting('synchronous_commit') AS mode");
    expect(after[0]?.mode).toBe('on');
  });

  it("announces each batch to the projection's prepare before applying it, in batches of the projection's own size", async () => {
    target = await appendTicks(pg.store, 7);
    const prepared = new Set<string>();
    const batchSizes: number[] = [];
    const projection = Object.assign(new CountingProjection('prepared-batches'), {
      batchSize: 3,
      prepare: (events: readonly { id: string }[]) => events.forEach((event) => prepared.add(event.id)),
    });
    const unprepared: string[] = [];
    projection.sabotage = async (event, _tx, index) => {
      if (index === 0) batchSizes.push(0);
      batchSizes[batchSizes.length - 1] += 1;
      if (!prepared.has(event.id)) unprepared.push(event.id);
    };
    runner(projection);
    await until('catch-up', () => caughtUp(projection.name));
    expect(unprepared).toEqual([]);
    expect(prepared.size).toBeGreaterThan(0);
    expect(Math.max(...batchSizes)).toBe(3); // FAST says 25: the projection's own size wins
  });

  /** A runner whose warnings the test reads. */
  const heard = (projection: CountingProjection, options = FAST) => {
    const warnings: string[] = [];
    const logger: RunnerLogger = { log: () => undefined, warn: (m) => warnings.push(String(m.msg)), error: () => undefined };
    const r = pg.runner(projection, options, logger);
    runners.push(r);
    r.start();
    return { runner: r, warnings };
  };

  it('a checkpoint moved under a running instance (another writer): the batch commits nothing, the instance gives up its lock, and resumes from where the other left it', async () => {
    target = await appendTicks(pg.store, 3);
    const projection = new CountingProjection('fenced');
    const { runner: r, warnings } = heard(projection);
    await until('catch-up', () => caughtUp(projection.name));
    const applied = await appliedPositions(pg.dataSource, projection.name);
    // A position holds its transaction's id above 20 bits (see the event store): a million transactions ahead.
    const elsewhere = target + (1_000_000n << 20n);
    await pg.dataSource.query('UPDATE rm_checkpoints SET position = $2 WHERE projection = $1', [projection.name, elsewhere.toString()]);
    await appendTicks(pg.store, 4);
    await until('fenced', () => warnings.includes('projection gives up its lock: fenced'));
    await until('running again', () => r.status.state === 'running');
    await new Promise((resolve) => setTimeout(resolve, 300)); // several polls of the resumed subscription
    // The four ticks lie behind the moved checkpoint: never applied, and the checkpoint never goes back.
    expect(await appliedPositions(pg.dataSource, projection.name)).toEqual(applied);
    expect((await readCheckpoint(pg.dataSource, projection.name))?.position).toBe(elsewhere);
  });

  it('a rebuild asking for the projection between two batches: the next batch commits nothing and the instance hands over', async () => {
    target = await appendTicks(pg.store, 3);
    const projection = new CountingProjection('asked-for');
    // The lock's watch looks every lockRetryMs: slow enough here for the batch's own guard to be the one that sees the request.
    const { warnings } = heard(projection, { ...FAST, lockRetryMs: 1_500 });
    await until('catch-up', () => caughtUp(projection.name));
    const applied = await appliedPositions(pg.dataSource, projection.name);
    await setRebuildRequested(pg.dataSource, projection.name, true);
    await appendTicks(pg.store, 4);
    await until('handed over', () => warnings.includes('projection gives up its lock: handover'));
    expect(await appliedPositions(pg.dataSource, projection.name)).toEqual(applied);
    // No rebuild comes: the request is found stale and cleared, and the instance carries on with the four ticks.
    target = await pg.store.headPosition();
    await until('carries on', () => caughtUp(projection.name));
    expect(await appliedPositions(pg.dataSource, projection.name)).toHaveLength(applied.length + 4);
  });
});
