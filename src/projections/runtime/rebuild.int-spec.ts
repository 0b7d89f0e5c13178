import type { PostgresEventStore } from '../../event-store/postgres/postgres-event-store';
import { untilLogShows } from '../../../test/support/log-visibility';
import { readCheckpoint } from './checkpoints';
import { countByReading, countInPostgresLog } from './event-count';
import { rebuildProjection, rebuildProjections } from './rebuilder';
import { Injectable, Module } from '@nestjs/common';
import { RuntimeHostModule } from './testing/runtime-host.module';
import { openAppContext, runRebuildCommand, type RootModuleOptions } from './rebuild-command';
import { ProjectionsModule } from './projections.module';
import { appendTicks, appliedTableOf, CountingProjection, countsOf, expectedCounts, TEST_READ_MODEL } from './testing/counting-projection';
import { until } from '../../../test/support/until';
import { ProjectionTestDatabase } from '../testing/projection-database';
import { diskRoomForRebuild, FreeBytes, freeBytesOf } from './disk-room';

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

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('rebuilding a projection from zero (real PostgreSQL)', () => {
  const pg = new ProjectionTestDatabase('rb', [TEST_READ_MODEL]);
  // Ordered by the bigint column (a.position), not by the text output column of the same name.
  const dump = (name: string) =>
    pg.dataSource.query(`SELECT a.position::text AS position, a.stream_id FROM ${appliedTableOf(name)} a ORDER BY a.position`);
  let target = 0n;
  const shadowSchemas = async () =>
    (await pg.dataSource.query("SELECT nspname FROM pg_namespace WHERE starts_with(nspname, 'rm_rebuild_')")).map(
      (r: { nspname: string }) => r.nspname,
    );
  const caughtUp = (name: string) => pg.checkpointReached(name, target);

  beforeAll(async () => {
    await pg.open();
    target = await appendTicks(pg.store, 300);
    const other = await pg.store.append(
      'other-1',
      [{ id: crypto.randomUUID(), type: 'Other', schemaVersion: 1, data: {}, metadata: {} }],
      'any',
    );
    await untilLogShows(pg.store, other.position);
  });

  afterAll(() => pg.close());

  it('counts the events a projection will replay, in SQL and by reading', async () => {
    const head = await pg.store.headPosition();
    expect(await countInPostgresLog(pg.dataSource)({ streamPrefixes: ['t-'] }, head)).toBe(300);
    expect(await countByReading(pg.store, 70)({ streamPrefixes: ['t-'] }, head)).toBe(300);
    expect(await countInPostgresLog(pg.dataSource)(undefined, head)).toBe(301);
  });

  it('while an instance runs it, with events arriving: readers see the whole live model until the swap, the instance applies events meanwhile and carries on from the swapped checkpoint', async () => {
    const live = new CountingProjection('rebuilt');
    const runner = pg.runner(live, { batchSize: 40 });
    runner.start();
    try {
      await until('live catch-up', () => caughtUp('rebuilt'));
      const before = await dump('rebuilt');
      expect(before).toHaveLength(300);

      // A reader counts the live rows throughout the rebuild.
      let fewest = Number.POSITIVE_INFINITY;
      let reading = true;
      const reader = (async () => {
        while (reading) {
          fewest = Math.min(fewest, (await countsOf(pg.dataSource, 'rebuilt')).rows);
          await sleep(5);
        }
      })();
      // After the rebuild's first page (between its transactions: an open one holds every log reader back),
      // ten events arrive and the running instance applies them to the live tables; twenty more arrive while the rebuild goes on.
      let liveDuringRebuild = 0;
      let arriving: Promise<bigint> | undefined;
      let pagesRead = 0;
      const slowed = Object.create(pg.store) as PostgresEventStore;
      slowed.readAll = async (options) => {
        pagesRead += 1;
        if (pagesRead === 2) {
          target = await appendTicks(pg.store, 10, 5, 300);
          await until('the running instance applies events during the rebuild', () => caughtUp('rebuilt'));
          liveDuringRebuild = (await countsOf(pg.dataSource, 'rebuilt')).rows;
          arriving = appendTicks(pg.store, 20, 5, 310);
        }
        return pg.store.readAll(options);
      };
      const progress: Array<[number, number]> = [];
      const result = await rebuildProjection({
        projection: new CountingProjection('rebuilt'),
        ...pg.rebuildDeps(),
        store: slowed,
        batchSize: 64,
        lockWaitMs: 5_000,
        onProgress: (done, total) => progress.push([done, total]),
      }).finally(() => (reading = false));
      await reader;
      target = (await arriving) ?? target;
      expect(liveDuringRebuild).toBe(310);
      expect(fewest).toBeGreaterThanOrEqual(300); // never an emptied or half-filled model
      expect(result.events).toBeGreaterThanOrEqual(310);
      expect(progress[0]).toEqual([0, expect.any(Number)]);
      expect(progress[progress.length - 1][0]).toBe(result.events);

      // The instance took the projection back and applied what came after the swap.
      await until('live resumes', async () => (await caughtUp('rebuilt')) && runner.status.state === 'running');
      const after = await dump('rebuilt');
      expect(after.slice(0, 300)).toEqual(before);
      expect(await countsOf(pg.dataSource, 'rebuilt')).toEqual(expectedCounts(330));
      const checkpoint = await readCheckpoint(pg.dataSource, 'rebuilt');
      expect(checkpoint?.rebuildRequestedAt).toBeNull();
      expect(checkpoint?.rebuiltAt).toBeInstanceOf(Date);
      expect(await shadowSchemas()).toEqual([]);
    } finally {
      await runner.stop();
    }
  });

  it('one pass over the log feeds several projections, each only the events its filter asks for', async () => {
    const reads: number[] = [];
    const counted = Object.create(pg.store) as PostgresEventStore;
    counted.readAll = async (options) => {
      const page = await pg.store.readAll(options);
      reads.push(page.length);
      return page;
    };
    const head = await pg.store.headPosition();
    const result = await rebuildProjections({
      projections: [new CountingProjection('pass-ticks'), new OtherCounting('pass-other')],
      ...pg.rebuildDeps(),
      store: counted,
      batchSize: 7,
    });
    expect(result.events).toBe(331);
    expect(result.applied).toEqual({ 'pass-ticks': 330, 'pass-other': 1 });
    expect(reads.reduce((a, b) => a + b, 0)).toBe(331); // the log was read once, not once per projection
    expect(await countsOf(pg.dataSource, 'pass-ticks')).toEqual(expectedCounts(330));
    expect(await countsOf(pg.dataSource, 'pass-other')).toEqual({ rows: 1, totals: { 'other-1': 1 } });
    for (const name of ['pass-ticks', 'pass-other']) expect((await readCheckpoint(pg.dataSource, name))?.position).toBe(head);
    // The swapped-in table comes with the planner's statistics (tidyShadow): -1 would be "never analyzed".
    const [{ reltuples }] = await pg.dataSource.query<Array<{ reltuples: number }>>(
      'SELECT reltuples FROM pg_class WHERE oid = to_regclass($1)',
      [appliedTableOf('pass-ticks')],
    );
    expect(reltuples).toBe(330);
  });

  it('a projection failing half-way through a shared pass: neither read model nor checkpoint changes, no shadow is left, and a new pass completes both', async () => {
    const failing = new CountingProjection('pass-failing');
    const sibling = new CountingProjection('pass-sibling');
    const deps = { ...pg.rebuildDeps(), batchSize: 40 };
    await rebuildProjections({ ...deps, projections: [sibling, failing] });
    const snapshot = async () => ({
      rows: [await dump('pass-failing'), await dump('pass-sibling')],
      checkpoints: [await readCheckpoint(pg.dataSource, 'pass-failing'), await readCheckpoint(pg.dataSource, 'pass-sibling')],
    });
    const before = await snapshot();
    expect(before.rows[0]).toHaveLength(330);

    failing.sabotage = async (event) => {
      if ((event.data as { i?: number }).i === 149) throw new Error('sabotaged at tick 149');
    };
    await expect(rebuildProjections({ ...deps, projections: [sibling, failing] })).rejects.toThrow(
      /^pass-failing cannot apply event [0-9a-f-]{36} at position \d+ \(stream t-4, type Tick\): sabotaged at tick 149$/,
    );
    expect(await snapshot()).toEqual(before);
    expect(await shadowSchemas()).toEqual([]);

    failing.sabotage = undefined;
    await rebuildProjections({ ...deps, projections: [sibling, failing] });
    for (const name of ['pass-failing', 'pass-sibling']) expect(await countsOf(pg.dataSource, name)).toEqual(expectedCounts(330));
  });

  it('the CLI: --help, --list, unknown names, and a rebuild with progress on stderr', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (l: string) => out.push(l), err: { write: (t: string) => err.push(t), isTTY: false } };
    const context = async () => ({
      projections: [new CountingProjection('cli-a'), new CountingProjection('cli-b')],
      dataSource: pg.dataSource,
      store: pg.store,
      databaseUrl: pg.url,
      countEvents: countInPostgresLog(pg.dataSource),
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
    expect(await countsOf(pg.dataSource, 'cli-b')).toEqual(expectedCounts(330));
    expect(await countsOf(pg.dataSource, 'cli-a')).toEqual({ rows: 0, totals: {} });
  });

  it('the CLI does not start a rebuild with less free space than the live tables take, unless told to; a check it cannot make is said and passed', async () => {
    const err: string[] = [];
    const io = { out: () => undefined, err: { write: (t: string) => err.push(t), isTTY: false } };
    const projection = new CountingProjection('cli-disk');
    const context =
      (freeBytes: FreeBytes, databaseUrl = pg.url) =>
      async () => ({
        projections: [projection],
        dataSource: pg.dataSource,
        store: pg.store,
        databaseUrl,
        countEvents: countInPostgresLog(pg.dataSource),
        freeBytes,
        close: async () => undefined,
      });
    let needed = 0;
    const asked: string[] = [];
    const tooLittle: FreeBytes = async (directory) => {
      asked.push(directory);
      return needed - 1;
    };
    // Its tables appear with its first batch: a first rebuild, told to skip the check, makes them.
    expect(await runRebuildCommand(['cli-disk', '--skip-disk-check'], context(tooLittle), io)).toBe(0);
    expect(err.join('')).not.toMatch(/^disk:/m);
    expect(asked).toEqual([]);
    expect((await countsOf(pg.dataSource, 'cli-disk')).rows).toBeGreaterThanOrEqual(300);
    const [{ bytes }]: Array<{ bytes: string }> = await pg.dataSource.query(
      `SELECT sum(pg_total_relation_size(to_regclass(t)))::text AS bytes FROM unnest($1::text[]) AS t`,
      [projection.tables],
    );
    needed = Number(bytes);
    expect(needed).toBeGreaterThan(0);
    const tableOid = async () =>
      (await pg.dataSource.query('SELECT to_regclass($1)::oid::text AS oid', [appliedTableOf('cli-disk')]))[0].oid;
    const before = await tableOid();

    err.length = 0;
    expect(await runRebuildCommand(['cli-disk'], context(tooLittle), io)).toBe(1);
    expect(err.join('')).toMatch(/^disk: not enough room: .* Nothing was changed\./);
    const [{ dir }]: Array<{ dir: string }> = await pg.dataSource.query("SELECT current_setting('data_directory') AS dir");
    expect(asked).toEqual([dir]);
    expect(await tableOid()).toBe(before); // not swapped
    expect(await shadowSchemas()).toEqual([]);

    err.length = 0;
    expect(
      await runRebuildCommand(
        ['cli-disk'],
        context(async () => needed),
        io,
      ),
    ).toBe(0);
    expect(err.join('')).toMatch(/^disk: the live tables take .*free in /m);
    expect(await tableOid()).not.toBe(before);

    err.length = 0;
    const unreadable: FreeBytes = async () => {
      throw new Error('EACCES');
    };
    expect(await runRebuildCommand(['cli-disk'], context(unreadable), io)).toBe(0);
    expect(err.join('')).toMatch(/^disk: free space not checked: the free space of .* cannot be read \(EACCES\)/m);

    // The URL also serves the rebuild's lock: a server elsewhere is asked of the check alone.
    const elsewhere = pg.url.replace(/@[^/]+\//, '@db.example.org/');
    expect(elsewhere).not.toBe(pg.url);
    expect(await diskRoomForRebuild(pg.dataSource, projection.tables, elsewhere, tooLittle)).toEqual({
      kind: 'unknown',
      needed: expect.any(Number),
      reason: 'the database server is not on this machine',
    });
    expect(asked).toEqual([dir]);
  });

  it("measures the server's real free space when it runs on this machine", async () => {
    const room = await diskRoomForRebuild(pg.dataSource, [appliedTableOf('cli-disk')], pg.url, freeBytesOf);
    expect(room.kind).toBe('enough');
    expect(room.needed).toBeGreaterThan(0);
  });

  const root = (options: RootModuleOptions) => {
    @Module({
      imports: [
        RuntimeHostModule.forRoot(options),
        ProjectionsModule.forRoot({
          projections: [NestTicks],
          enabled: options.config.projectionsEnabled,
          readModels: [TEST_READ_MODEL],
        }),
      ],
    })
    class RebuildRoot {}
    return RebuildRoot;
  };

  it('the CLI boots the application context from DATABASE_URL (projections off) and rebuilds through it', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (l: string) => out.push(l), err: { write: (t: string) => err.push(t), isTTY: false } };
    const open = () => openAppContext(root, { DATABASE_URL: pg.url, LOG_JSON: 'false', LOG_LEVEL: 'error' });
    expect(await runRebuildCommand(['--list'], open, io)).toBe(0);
    expect(out.pop()).toBe('nest-ticks');
    expect(await runRebuildCommand([], open, io)).toBe(0);
    expect(out.pop()).toMatch(/^nest-ticks: rebuilt from 330 events/);
    expect(await countsOf(pg.dataSource, 'nest-ticks')).toEqual(expectedCounts(330));
  });

  it('a database it cannot reach fails the context with the reason, for the CLI to report in one line (Nest does not end the process)', async () => {
    const unreachable = { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', LOG_JSON: 'false', LOG_LEVEL: 'error' };
    const io = { out: () => undefined, err: { write: () => true, isTTY: false } };
    await expect(runRebuildCommand(['--list'], () => openAppContext(root, unreachable), io)).rejects.toThrow(/ECONNREFUSED/);
  });

  // Last: it appends events the other cases do not count.
  it('a live run and a rebuild of a projection that applies few of the events end at the same checkpoint: the head, past the events it leaves out', async () => {
    const rare = new OtherCounting('same-end');
    const runner = pg.runner(rare, { batchSize: 40 });
    runner.start();
    let live: bigint;
    let head: bigint;
    try {
      // Events it leaves out, after the last one it applies.
      head = await appendTicks(pg.store, 25, 5, 330);
      await untilLogShows(pg.store, head);
      await until('the live run reads through the unrelated ticks', () => pg.checkpointReached('same-end', head));
      live = (await readCheckpoint(pg.dataSource, 'same-end'))?.position ?? 0n;
    } finally {
      await runner.stop();
    }
    const result = await rebuildProjection({
      projection: rare,
      ...pg.rebuildDeps(),
      batchSize: 7,
    });
    expect(result.applied).toEqual({ 'same-end': 1 });
    expect({ live, rebuilt: result.position, checkpoint: (await readCheckpoint(pg.dataSource, 'same-end'))?.position }).toEqual({
      live: head,
      rebuilt: head,
      checkpoint: head,
    });
  });
});
