import type { DataSource } from 'typeorm';
import type { GlobalPosition } from '../../event-store/event-store.port';
import { opened, StoreTestDatabase } from '../../event-store/testing/store-test-database';
import { readCheckpoint } from '../runtime/checkpoints';
import { countInPostgresLog } from '../runtime/event-count';
import type { Projection, ReadModelDefinition } from '../runtime/projection';
import { ProjectionRunner, RunnerLogger, RunnerOptions } from '../runtime/projection-runner';
import { openReadModelsDataSource } from '../runtime/read-models.data-source';

/** A runner's logger that says nothing: the tests read the checkpoint and the runner's status instead. */
const QUIET: RunnerLogger = { log: () => undefined, warn: () => undefined, error: () => undefined };

/** Short lock retries and backoff, so that a test sees a hand-over or a retry within moments. */
const TEST_RUNNER_OPTIONS: Omit<RunnerOptions, 'batchSize'> = { lockRetryMs: 100, backoff: { initialMs: 50, maxMs: 100 } };

/**
 * What a projection test runs on: a fresh database of its own, an event store
 * polling every few milliseconds and the read models' data source (migrated),
 * opened in beforeAll and closed in afterAll. Until open() the parts throw.
 */
export class ProjectionTestDatabase extends StoreTestDatabase {
  private openedDataSource?: DataSource;

  constructor(
    prefix: string,
    private readonly readModels: ReadModelDefinition[],
  ) {
    super(prefix, { pollDelays: { minMs: 5, maxMs: 20 } });
  }

  override async open(): Promise<void> {
    await super.open();
    this.openedDataSource = await openReadModelsDataSource({ url: this.url, readModels: this.readModels });
  }

  /** Closes whatever open() got to, and drops the database. */
  override async close(): Promise<void> {
    await this.openedDataSource?.destroy();
    await super.close();
  }

  get dataSource(): DataSource {
    return opened('read models data source', this.openedDataSource);
  }

  /** A runner of `projection` on this database (not started), quiet unless given a logger, with short lock retries and backoff. */
  runner(
    projection: Projection,
    options: Pick<RunnerOptions, 'batchSize'> & Partial<RunnerOptions>,
    logger: RunnerLogger = QUIET,
  ): ProjectionRunner {
    return new ProjectionRunner({
      projection,
      dataSource: this.dataSource,
      store: this.store,
      lockUrl: this.url,
      logger,
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
}
