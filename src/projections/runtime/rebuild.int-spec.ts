import type { DataSource } from 'typeorm';
import { createPostgresEventStore, PostgresEventStore } from '../../event-store/postgres/postgres-event-store';
import { untilLogShows } from '../../../test/support/log-visibility';
import { createTestDatabase, TestDatabase } from '../../../test/support/test-db';
import { readCheckpoint } from './checkpoints';
import { countByReading, countInPostgresLog } from './event-count';
import { ProjectionRunner } from './projection-runner';
import { openReadModelsDataSource } from './read-models.data-source';
import { rebuildProjection, rebuildProjections } from './rebuilder';
import { Injectable, Module } from '@nestjs/common';
import type { AppModuleOptions } from '../../app.module';
import { RuntimeHostModule } from './testing/runtime-host.module';
import { openAppContext, runRebuildCommand } from './rebuild.cli';
import { ProjectionsModule } from './projections.module';
import { appendTicks, appliedTableOf, CountingProjection, countsOf, expectedCounts, TEST_READ_MODEL } from './testing/counting-projection';

@Injectable()
class NestTicks extends CountingProjection {
  constructor() {
    super('nest-ticks');
  }
}

/** Reads only the 'other-' streams: in a shared pass it must see none of the ticks. */
class OtherCounting extends CountingProjection {
  override readonly streamPrefixes = ['other-'];
}

const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };

async function until(what: string, condition: () => Promise<boolean> | boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('rebuilding a projection from zero (real PostgreSQL)', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  let dataSource: DataSource;

  const dump = (name: string) => dataSource.query(`SELECT position::text, stream_id FROM ${appliedTableOf(name)} ORDER BY position`);
  let target = 0n;
  const caughtUp = async (name: string) => ((await readCheckpoint(dataSource, name))?.position ?? 0n) >= target;

  beforeAll(async () => {
    db = await createTestDatabase('rb');
    store = await createPostgresEventStore({ connectionString: db.url, pollDelays: { minMs: 5, maxMs: 20 } });
    dataSource = await openReadModelsDataSource({ url: db.url, readModels: [TEST_READ_MODEL] });
    target = await appendTicks(store, 300);
    const other = await store.append('other-1', [{ id: crypto.randomUUID(), type: 'Other', schemaVersion: 1, data: {}, metadata: {} }], 'any');
    await untilLogShows(store, other.position);
  });

  afterAll(async () => {
    await store?.close();
    await dataSource?.destroy();
    await db?.drop();
  });

  it('counts the events a projection will replay, in SQL and by reading', async () => {
    const head = await store.headPosition();
    expect(await countInPostgresLog(dataSource)({ streamPrefixes: ['t-'] }, head)).toBe(300);
    expect(await countByReading(store, 70)({ streamPrefixes: ['t-'] }, head)).toBe(300);
    expect(await countInPostgresLog(dataSource)(undefined, head)).toBe(301);
  });

  it('while an instance runs it, with events arriving: the rebuilt read model equals the live one', async () => {
    const live = new CountingProjection('rebuilt');
    const runner = new ProjectionRunner({
      projection: live,
      dataSource,
      store,
      lockUrl: db.url,
      logger: quiet,
      options: { batchSize: 40, lockRetryMs: 100, backoff: { initialMs: 50, maxMs: 100 } },
    });
    runner.start();
    try {
      await until('live catch-up', () => caughtUp('rebuilt'));
      const before = await dump('rebuilt');
      expect(before).toHaveLength(300);

      const progress: Array<[number, number]> = [];
      const arriving = appendTicks(store, 30, 5, 300);
      const result = await rebuildProjection({
        projection: new CountingProjection('rebuilt'),
        dataSource,
        store,
        lockUrl: db.url,
        countEvents: countInPostgresLog(dataSource),
        batchSize: 64,
        lockWaitMs: 5_000,
        onProgress: (done, total) => progress.push([done, total]),
      });
      target = await arriving;
      expect(result.events).toBeGreaterThanOrEqual(300);
      expect(progress[0]).toEqual([0, expect.any(Number)]);
      expect(progress[progress.length - 1][0]).toBe(result.events);

      // The instance took the projection back and applied what came after the rebuild.
      await until('live resumes', async () => (await caughtUp('rebuilt')) && runner.status.state === 'running');
      const after = await dump('rebuilt');
      expect(after.slice(0, 300)).toEqual(before);
      expect(await countsOf(dataSource, 'rebuilt')).toEqual(expectedCounts(330));
      const checkpoint = await readCheckpoint(dataSource, 'rebuilt');
      expect(checkpoint?.rebuildRequestedAt).toBeNull();
      expect(checkpoint?.rebuiltAt).toBeInstanceOf(Date);
    } finally {
      await runner.stop();
    }
  });

  it('one pass over the log feeds several projections, each only the events its filter asks for', async () => {
    const reads: number[] = [];
    const counted = Object.create(store) as PostgresEventStore;
    counted.readAll = async (options) => {
      const page = await store.readAll(options);
      reads.push(page.length);
      return page;
    };
    const head = await store.headPosition();
    const result = await rebuildProjections({
      projections: [new CountingProjection('pass-ticks'), new OtherCounting('pass-other')],
      dataSource,
      store: counted,
      lockUrl: db.url,
      countEvents: countInPostgresLog(dataSource),
      batchSize: 7,
    });
    expect(result.events).toBe(331);
    expect(result.applied).toEqual({ 'pass-ticks': 330, 'pass-other': 1 });
    expect(reads.reduce((a, b) => a + b, 0)).toBe(331); // the log was read once, not once per projection
    expect(await countsOf(dataSource, 'pass-ticks')).toEqual(expectedCounts(330));
    expect(await countsOf(dataSource, 'pass-other')).toEqual({ rows: 1, totals: { 'other-1': 1 } });
    for (const name of ['pass-ticks', 'pass-other']) expect((await readCheckpoint(dataSource, name))?.position).toBe(head);
  });

  it('a projection failing half-way through a shared pass: every read model is left an exact prefix up to its checkpoint, and a new pass completes it', async () => {
    const failing = new CountingProjection('pass-failing');
    let seen = 0;
    failing.sabotage = async () => {
      seen += 1;
      if (seen === 150) throw new Error('sabotaged at the 150th event');
    };
    const sibling = new CountingProjection('pass-sibling');
    const deps = { dataSource, store, lockUrl: db.url, countEvents: countInPostgresLog(dataSource), batchSize: 40 };
    await expect(rebuildProjections({ ...deps, projections: [sibling, failing] })).rejects.toThrow('sabotaged at the 150th event');

    const positions = async (name: string) => (await dump(name)).map((r: { position: string }) => BigInt(r.position));
    for (const name of ['pass-failing', 'pass-sibling']) {
      const checkpoint = (await readCheckpoint(dataSource, name))!.position;
      const applied = await positions(name);
      const expected = (await store.readAll({ after: 0n, filter: { streamPrefixes: ['t-'] } })).map((e) => e.position).filter((p) => p <= checkpoint);
      expect(applied).toEqual(expected); // nothing beyond the checkpoint, nothing missing below it
    }
    expect((await positions('pass-failing')).length).toBe(120); // three whole batches of 40 committed, the fourth rolled back

    failing.sabotage = undefined;
    await rebuildProjections({ ...deps, projections: [sibling, failing] });
    for (const name of ['pass-failing', 'pass-sibling']) expect(await countsOf(dataSource, name)).toEqual(expectedCounts(330));
  });

  it('the CLI: --help, --list, unknown names, and a rebuild with progress on stderr', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (l: string) => out.push(l), err: { write: (t: string) => err.push(t), isTTY: false } };
    const context = async () => ({
      projections: [new CountingProjection('cli-a'), new CountingProjection('cli-b')],
      dataSource,
      store,
      databaseUrl: db.url,
      countEvents: countInPostgresLog(dataSource),
      close: async () => undefined,
    });
    expect(await runRebuildCommand(['--help'], context, io)).toBe(0);
    expect(out.pop()).toMatch(/^Usage: npm run projections:rebuild/);
    expect(await runRebuildCommand(['--list'], context, io)).toBe(0);
    expect(out.pop()).toBe('cli-a\ncli-b');
    expect(await runRebuildCommand(['nope'], context, io)).toBe(2);
    expect(err.pop()).toMatch(/unknown projection: nope/);

    expect(await runRebuildCommand(['cli-b', '--batch-size', '100'], context, io)).toBe(0);
    expect(out.pop()).toMatch(/^cli-b: rebuilt from 330 events/);
    expect(err.join('')).toMatch(/cli-b \[#+\] 330\/330 100\.0%/);
    expect(await countsOf(dataSource, 'cli-b')).toEqual(expectedCounts(330));
    expect(await countsOf(dataSource, 'cli-a')).toEqual({ rows: 0, totals: {} });
  });

  it('the CLI boots the application context from DATABASE_URL (projections off) and rebuilds through it', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (l: string) => out.push(l), err: { write: (t: string) => err.push(t), isTTY: false } };
    const root = (options: AppModuleOptions) => {
      @Module({
        imports: [RuntimeHostModule.forRoot(options), ProjectionsModule.forRoot({ projections: [NestTicks], enabled: options.config.projectionsEnabled, readModels: [TEST_READ_MODEL] })],
      })
      class RebuildRoot {}
      return RebuildRoot;
    };
    const open = () => openAppContext({ DATABASE_URL: db.url, LOG_JSON: 'false', LOG_LEVEL: 'error' }, root);
    expect(await runRebuildCommand(['--list'], open, io)).toBe(0);
    expect(out.pop()).toBe('nest-ticks');
    expect(await runRebuildCommand([], open, io)).toBe(0);
    expect(out.pop()).toMatch(/^nest-ticks: rebuilt from 330 events/);
    expect(await countsOf(dataSource, 'nest-ticks')).toEqual(expectedCounts(330));
  });
});
