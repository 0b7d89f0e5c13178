import { spawn } from 'node:child_process';
import * as path from 'node:path';
import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '../../event-store/event-store.port';
import { untilLogShows } from '../../../test/support/log-visibility';
import { ProjectionLock, rebuildLockName } from './advisory-lock';
import { ensureCheckpoint, readCheckpoint, setRebuildRequested } from './checkpoints';
import type { Projection } from './projection';
import { runRebuildCommand } from './rebuild-command';
import { rebuildProjection } from './rebuilder';
import { shadowSchemaOf } from './shadow-tables';
import {
  appendTicks,
  appliedPositions,
  appliedTableOf,
  CountingProjection,
  countsOf,
  TEST_READ_MODEL,
} from './testing/counting-projection';
import { appendPoison, PoisonableProjection } from './testing/poison';
import { until } from '../../../test/support/until';
import { ProjectionTestDatabase } from '../testing/projection-database';

const ROOT = path.resolve(__dirname, '../../..');

/**
 * A rebuild is atomic for readers: until its swap commits, and after it fails
 * or is killed, the live tables and the checkpoint are exactly as before.
 */
describe('rebuilds that fail or die leave the live read model as it was (real PostgreSQL)', () => {
  const pg = new ProjectionTestDatabase('arb', [TEST_READ_MODEL]);
  let head = 0n;

  const shadowSchemas = async (): Promise<string[]> =>
    (await pg.dataSource.query("SELECT nspname FROM pg_namespace WHERE starts_with(nspname, 'rm_rebuild_') ORDER BY 1")).map(
      (r: { nspname: string }) => r.nspname,
    );
  /** What a reader and the runtime see of a projection: every row and the whole checkpoint row. */
  const snapshot = async (name: string) => ({
    rows: await appliedPositions(pg.dataSource, name),
    counts: await countsOf(pg.dataSource, name),
    checkpoint: await readCheckpoint(pg.dataSource, name),
  });

  beforeAll(async () => {
    await pg.open();
    await appendTicks(pg.store, 200);
  });

  afterAll(() => pg.close());

  it('a poisoned event: the CLI exits 1 naming the event, the live rows and checkpoint are unchanged, the running instance and its queries carry on; a fixed rebuild then succeeds', async () => {
    const poison = await appendPoison(pg.store);
    head = await appendTicks(pg.store, 50, 5, 200);
    await untilLogShows(pg.store, head);
    // The deployed code tolerates the event; the code being rebuilt does not.
    const deployed = new PoisonableProjection('poisoned');
    deployed.strict = false;
    const runner = pg.runner(deployed, { batchSize: 40 });
    runner.start();
    try {
      const caughtUp = () => pg.checkpointReached('poisoned', head);
      await until('live catch-up', caughtUp);
      const before = await snapshot('poisoned');
      expect(before.rows).toHaveLength(251);

      const out: string[] = [];
      const err: string[] = [];
      const io = { out: (l: string) => out.push(l), err: { write: (t: string) => err.push(t), isTTY: false } };
      const context = async () => ({
        projections: [new PoisonableProjection('poisoned')],
        ...pg.rebuildDeps(),
        databaseUrl: pg.url,
        close: async () => undefined,
      });
      expect(await runRebuildCommand(['poisoned', '--batch-size', '30'], context, io)).toBe(1);
      const message = err.join('');
      expect(message).toContain(
        `rebuild failed: poisoned cannot apply event ${poison.id} at position ${poison.position} (stream t-poison, type Poison): invalid input syntax for type integer`,
      );
      expect(message).toContain('the live read models and their checkpoints are unchanged');

      expect(await snapshot('poisoned')).toEqual(before);
      expect(await shadowSchemas()).toEqual([]);
      expect(runner.status.state).toBe('running');
      head = await appendTicks(pg.store, 10, 5, 250);
      await until('the running instance applies new events', caughtUp);
      expect((await countsOf(pg.dataSource, 'poisoned')).rows).toBe(261);

      const fixed = new PoisonableProjection('poisoned');
      fixed.strict = false;
      await rebuildProjection({ projection: fixed, ...pg.rebuildDeps(), batchSize: 30, lockWaitMs: 5_000 });
      expect(await appliedPositions(pg.dataSource, 'poisoned')).toEqual(
        (await pg.store.readAll({ after: 0n, filter: { streamPrefixes: ['t-'] } })).map((e) => e.position),
      );
    } finally {
      await runner.stop();
    }
  });

  it('a rebuild killed with SIGKILL half-way: the live rows and checkpoint are unchanged; the next rebuild drops its leftovers and succeeds', async () => {
    await rebuildProjection({ projection: new CountingProjection('killed'), ...pg.rebuildDeps() });
    const before = await snapshot('killed');
    expect(before.rows.length).toBeGreaterThanOrEqual(200);

    const child = spawn(
      process.execPath,
      [path.join(ROOT, 'test/support/ts-child.cjs'), path.join(__dirname, 'testing/rebuild-child.ts')],
      {
        cwd: ROOT,
        env: { ...process.env, REBUILD_CHILD_URL: pg.url, REBUILD_CHILD_PROJECTION: 'killed', REBUILD_CHILD_PAGE_MS: '100' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const pagesDone = () => Math.max(0, ...[...stdout.matchAll(/^progress (\d+) /gm)].map((m) => Number(m[1])));
    try {
      await until(
        `five pages rebuilt in the child (stdout: ${stdout}, stderr: ${stderr})`,
        () => pagesDone() >= 50 || child.exitCode !== null,
        30_000,
      );
      expect(child.exitCode).toBeNull(); // still half-way
      child.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }

    expect(await snapshot('killed')).toEqual(before);
    // Half-filled shadow tables are left behind; the live model never saw them.
    const shadow = shadowSchemaOf('killed');
    expect(await shadowSchemas()).toEqual([shadow]);
    const [{ n }] = await pg.dataSource.query(`SELECT count(*)::int AS n FROM "${shadow}".${appliedTableOf('killed')}`);
    expect(n).toBeGreaterThanOrEqual(50);
    expect(n).toBeLessThan(before.rows.length);

    await rebuildProjection({ projection: new CountingProjection('killed'), ...pg.rebuildDeps(), batchSize: 40 });
    expect(await shadowSchemas()).toEqual([]);
    expect(await appliedPositions(pg.dataSource, 'killed')).toEqual(before.rows);
    expect(await countsOf(pg.dataSource, 'killed')).toEqual(before.counts);
  });

  it('a projection writing a table it does not declare fails the rebuild, naming the table, and changes nothing', async () => {
    const name = 'undeclared';
    await pg.dataSource.query('CREATE TABLE rm_test_side_effects (position bigint PRIMARY KEY)');
    class WritesASideTable extends CountingProjection {
      override async apply(events: RecordedEvent[], tx: EntityManager): Promise<void> {
        await super.apply(events, tx);
        await tx.query('INSERT INTO rm_test_side_effects (position) SELECT unnest($1::bigint[])', [
          events.map((e) => e.position.toString()),
        ]);
      }
    }
    await rebuildProjection({ projection: new CountingProjection(name), ...pg.rebuildDeps() });
    const before = await snapshot(name);
    await expect(rebuildProjection({ projection: new WritesASideTable(name), ...pg.rebuildDeps() })).rejects.toThrow(
      'undeclared wrote public.rm_test_side_effects during its rebuild; every table apply() writes must be in its tables (undeclared.tables)',
    );
    expect(await pg.dataSource.query('SELECT * FROM rm_test_side_effects')).toEqual([]);
    expect(await snapshot(name)).toEqual(before);
    expect(await shadowSchemas()).toEqual([]);
  });

  it('a table keyed by a sequence is refused before anything is copied (the copy would share the live sequence, dropped with it)', async () => {
    await pg.dataSource.query('CREATE TABLE rm_test_serial (id bigserial PRIMARY KEY, position bigint NOT NULL)');
    const serial: Projection = {
      name: 'serial',
      tables: ['rm_test_serial'],
      apply: async (events, tx) => {
        await tx.query('INSERT INTO rm_test_serial (position) SELECT unnest($1::bigint[])', [events.map((e) => e.position.toString())]);
      },
    };
    await expect(rebuildProjection({ projection: serial, ...pg.rebuildDeps() })).rejects.toThrow(
      'serial: table rm_test_serial draws from a sequence, which a rebuild would share with the live table; give it another key',
    );
    expect(await pg.dataSource.query('SELECT * FROM rm_test_serial')).toEqual([]);
    expect(await shadowSchemas()).toEqual([]);
  });

  it("one rebuild of a projection at a time: a second one stops before touching the first one's shadow tables", async () => {
    const first = await ProjectionLock.tryAcquire(pg.url, rebuildLockName('twice'));
    try {
      await pg.dataSource.query(`CREATE SCHEMA "${shadowSchemaOf('twice')}"`);
      await expect(rebuildProjection({ projection: new CountingProjection('twice'), ...pg.rebuildDeps() })).rejects.toThrow(
        'twice: another rebuild of it is running',
      );
      expect(await shadowSchemas()).toEqual([shadowSchemaOf('twice')]);
    } finally {
      await first?.release();
      await pg.dataSource.query(`DROP SCHEMA "${shadowSchemaOf('twice')}"`);
    }
  });

  it('a rebuild request left by a rebuild killed while it waited for the hand-over does not stop the projection for good', async () => {
    const name = 'stale-request';
    await ensureCheckpoint(pg.dataSource, name);
    await setRebuildRequested(pg.dataSource, name, true);
    const rebuild = await ProjectionLock.tryAcquire(pg.url, rebuildLockName(name)); // the rebuild that asked, still alive
    const runner = pg.runner(new CountingProjection(name), { batchSize: 40, lockRetryMs: 50 });
    runner.start();
    try {
      await new Promise((r) => setTimeout(r, 500));
      expect((await countsOf(pg.dataSource, name)).rows).toBe(0); // handed over while the rebuild lives
      await rebuild?.release(); // the rebuild dies: its connection and its lock are gone, its request stays
      await until(
        'the instance runs again',
        async () => (await countsOf(pg.dataSource, name)).rows > 0 && runner.status.state === 'running',
      );
      expect((await readCheckpoint(pg.dataSource, name))?.rebuildRequestedAt).toBeNull();
    } finally {
      await runner.stop();
    }
  });
});
