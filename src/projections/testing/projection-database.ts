import type { DataSource } from 'typeorm';
import { createTestDatabase, TestDatabase } from '../../../test/support/test-db';
import type { GlobalPosition } from '../../event-store/event-store.port';
import { createPostgresEventStore, PostgresEventStore } from '../../event-store/postgres/postgres-event-store';
import { readCheckpoint } from '../runtime/checkpoints';
import { countInPostgresLog } from '../runtime/event-count';
import type { Projection, ReadModelDefinition } from '../runtime/projection';
import { ProjectionRunner, RunnerLogger, RunnerOptions } from '../runtime/projection-runner';
import { openReadModelsDataSource } from '../runtime/read-models.data-source';

/** A runner's logger that says nothing: the tests read the checkpoint and the runner's status instead. */
export const QUIET: RunnerLogger = { log: () => undefined, warn: () => undefined, error: () => undefined };

/** Short lock retries and backoff, so that a test sees a hand-over or a retry within moments. */
const TEST_RUNNER_OPTIONS: Omit<RunnerOptions, 'batchSize'> = { lockRetryMs: 100, backoff: { initialMs: 50, maxMs: 100 } };

/**
 * What a projection test runs on: a fresh database of its own, an event store
 * polling every few milliseconds and the read models' data source (migrated),
 * opened in beforeAll and closed in afterAll. Until open() the parts throw.
 */
export class ProjectionTestDatabase {
  private opened?: { db: TestDatabase; store?: PostgresEventStore; dataSource?: DataSource };

  constructor(
    private readonly prefix: string,
    private readonly readModels: ReadModelDefinition[],
  ) {}

  async open(): Promise<void> {
    const db = await createTestDatabase(this.prefix);
    this.opened = { db };
    this.opened.store = await createPostgresEventStore({ connectionString: db.url, pollDelays: { minMs: 5, maxMs: 20 } });
    this.opened.dataSource = await openReadModelsDataSource({ url: db.url, readModels: this.readModels });
  }

  /** Closes whatever open() got to, and drops the database. */
  async close(): Promise<void> {
    await this.opened?.store?.close();
    await this.opened?.dataSource?.destroy();
    await this.opened?.db.drop();
  }

  get url(): string {
    return this.part('db', this.opened?.db).url;
  }

  get store(): PostgresEventStore {
    return this.part('store', this.opened?.store);
  }

  get dataSource(): DataSource {
    return this.part('dataSource', this.opened?.dataSource);
  }

  /** A runner of `projection` on this database (not started), quiet, with short lock retries and backoff. */
  runner(projection: Projection, options: Pick<RunnerOptions, 'batchSize'> & Partial<RunnerOptions>): ProjectionRunner {
    return new ProjectionRunner({
      projection,
      dataSource: this.dataSource,
      store: this.store,
      lockUrl: this.url,
      logger: QUIET,
      options: { ...TEST_RUNNER_OPTIONS, ...options },
    });
  }

  /** What a rebuild of this database needs besides its projections and batch size. */
  rebuildDeps() {
    return { dataSource: this.dataSource, store: this.store, lockUrl: this.url, countEvents: countInPostgresLog(this.dataSource) };
  }

  /** Whether the projection's checkpoint has reached `position`. */
  async checkpointReached(name: string, position: GlobalPosition): Promise<boolean> {
    return ((await readCheckpoint(this.dataSource, name))?.position ?? 0n) >= position;
  }

  private part<T>(name: string, value: T | undefined): T {
    if (value === undefined) throw new Error(`the test database's ${name} is not open: call open() in beforeAll`);
    return value;
  }
}
