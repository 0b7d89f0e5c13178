import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { CLOCK, Clock } from '../../common/clock';
import { DATABASE_URL } from '../../database/tokens';
import { EVENT_STORE, EventStore } from '../../event-store/event-store.port';
import { HealthRegistry } from '../../health/health-check';
import { ensureCheckpoint, readCheckpoints } from './checkpoints';
import type { Projection } from './projection';
import { filterOf } from './projection-filter';
import { DEFAULT_RUNNER_OPTIONS, ProjectionRunner, RunnerLogger, RunnerOptions } from './projection-runner';
import { describeLogHold, describeStatus, LogHoldReport, Pending, ProjectionStatus } from './projection-status';
import { ProjectionWaiter } from './projection-waiter';
import { ProjectionCommits } from './projection-commits';
import type { ProjectionsModuleOptions } from './projections.options';
import { PROJECTIONS, PROJECTIONS_OPTIONS, READ_MODELS_DATA_SOURCE } from './tokens';

/** Lag is counted up to here: enough to tell "a few" from "many" without reading the whole log. */
const LAG_CAP = 1000;

/**
 * Starts a runner per projection when projections are enabled, reports each in
 * readiness, and on shutdown lets the batches in flight finish before the
 * locks, the pool and the event store close.
 */
@Injectable()
export class ProjectionRuntime implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy, OnApplicationShutdown {
  private readonly logger = new Logger('Projections');
  private readonly runners = new Map<string, ProjectionRunner>();
  readonly runnerOptions: RunnerOptions;

  constructor(
    @Inject(PROJECTIONS) readonly projections: Projection[],
    @Inject(PROJECTIONS_OPTIONS) private readonly options: ProjectionsModuleOptions,
    @Inject(READ_MODELS_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DATABASE_URL) private readonly databaseUrl: string,
    @Inject(HealthRegistry) private readonly health: HealthRegistry,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ProjectionWaiter) private readonly waiter: ProjectionWaiter,
    @Inject(ProjectionCommits) private readonly commits: ProjectionCommits,
  ) {
    this.runnerOptions = { ...DEFAULT_RUNNER_OPTIONS, ...options.runtime };
    const names = projections.map((p) => p.name);
    const twice = names.find((n, i) => names.indexOf(n) !== i);
    if (twice) throw new Error(`two projections are named "${twice}"`);
  }

  async onModuleInit(): Promise<void> {
    for (const p of this.projections) await ensureCheckpoint(this.dataSource, p.name);
    for (const p of this.projections) {
      this.health.register({
        name: `projection:${p.name}`,
        check: async () => {
          const [status] = await this.status([p.name]);
          if (status.status === 'failed') throw new Error(`projection ${p.name} is failing: ${status.lastError ?? 'unknown error'}`);
          const details = { state: status.status, position: status.position, lagEvents: status.lagEvents, lagSeconds: status.lagSeconds };
          if (!status.blocked) return details;
          const { blocked } = status;
          return {
            ...details,
            degraded: `projection ${p.name} is blocked at event ${blocked.eventId} (position ${blocked.position}): ${blocked.error}`,
            blocked,
          };
        },
      });
    }
  }

  onApplicationBootstrap(): void {
    if (!this.options.enabled) {
      this.logger.log({ msg: 'projections disabled on this instance (queries only)' });
      return;
    }
    const logger: RunnerLogger = {
      log: (m) => this.logger.log(m),
      warn: (m) => this.logger.warn(m),
      error: (m) => this.logger.error(m),
    };
    for (const projection of this.projections) {
      const runner = new ProjectionRunner({
        projection,
        dataSource: this.dataSource,
        store: this.store,
        lockUrl: this.databaseUrl,
        options: this.runnerOptions,
        logger,
        onCommitted: (name, position) => {
          this.waiter.notifyCommitted();
          this.commits.publish(name, position);
        },
      });
      this.runners.set(projection.name, runner);
      runner.start();
    }
  }

  /** Before the event store closes (onApplicationShutdown): stop following the log. */
  async onModuleDestroy(): Promise<void> {
    await Promise.all([...this.runners.values()].map((r) => r.stop()));
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }

  async status(names: string[] = this.projections.map((p) => p.name)): Promise<ProjectionStatus[]> {
    const checkpoints = await readCheckpoints(this.dataSource, names);
    const now = this.clock.now();
    return Promise.all(
      names.map(async (name) => {
        const projection = this.projections.find((p) => p.name === name);
        if (!projection) throw new Error(`unknown projection "${name}"`);
        const checkpoint = checkpoints.get(name);
        const runner = this.runners.get(name);
        const local = runner?.status;
        const pending = await this.pending(projection, checkpoint?.position ?? 0n);
        return describeStatus(name, local?.state ?? 'disabled', checkpoint, pending, now, local?.lastError);
      }),
    );
  }

  /** Which open transaction, if any, holds the log back from every projection (unknown when the store cannot say: not held). */
  async logHold(): Promise<LogHoldReport> {
    try {
      return describeLogHold(await this.store.logHold());
    } catch {
      return describeLogHold(null);
    }
  }

  private async pending(projection: Projection, after: bigint): Promise<Pending> {
    try {
      const events = await this.store.readAll({ after, maxCount: LAG_CAP, filter: filterOf(projection) });
      return { count: events.length, capped: events.length === LAG_CAP, oldestRecordedAt: events[0]?.recordedAt };
    } catch {
      return { count: 0, capped: false };
    }
  }
}
