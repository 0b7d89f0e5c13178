import { Inject, Injectable, Logger } from '@nestjs/common';
import { Gauge, Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { REGIONS } from '../calendar/regions';
import { CLOCK, Clock, systemClock } from '../common/clock';
import { APP_CONFIG, AppConfig } from '../config/config';
import { ProjectionRuntime } from '../projections/runtime/projection-runtime.service';
import type { ProjectionStatus } from '../projections/runtime/projection-status';
import { READ_MODELS_DATA_SOURCE } from '../projections/runtime/tokens';
import { TransparencyLog } from '../transparency/transparency-log';
import { METRICS_REGISTRY } from './metrics-registry';
import { messageOf } from '../common/error-message';

type ProjectionState = ProjectionStatus['status'];
// Every state a projection can report has its series: the compiler refuses a state missing here (a Record over the union).
const STATE_NAMES: Record<ProjectionState, ProjectionState> = {
  running: 'running',
  failed: 'failed',
  blocked: 'blocked',
  standby: 'standby',
  stopped: 'stopped',
  disabled: 'disabled',
};
const PROJECTION_STATES: ProjectionState[] = Object.values(STATE_NAMES);

const COLLECTORS = ['projections', 'work-queue', 'notary'] as const;
type Collector = (typeof COLLECTORS)[number];

interface RegionCounts {
  region: string;
  open: number;
  overdue: number;
}

/**
 * Figures read from the read models when /metrics is scraped (not on every
 * event): projection position, lag and state; the work queue's open and overdue
 * cases per region; the notary's tree size and last checkpoint. Each source is
 * read on its own; one that fails leaves its series out and says so in
 * `metrics_collector_up`, the others still answer.
 */
@Injectable()
export class ReadModelMetrics {
  private readonly logger = new Logger('Metrics');
  private readonly gauges;

  constructor(
    @Inject(METRICS_REGISTRY) registry: Registry,
    @Inject(ProjectionRuntime) private readonly projections: ProjectionRuntime,
    @Inject(READ_MODELS_DATA_SOURCE) private readonly readModels: DataSource,
    @Inject(TransparencyLog) private readonly log: TransparencyLog,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    const gauge = <L extends string>(name: string, help: string, labelNames: readonly L[]) =>
      new Gauge<L>({ name, help, labelNames, registers: [registry] });
    this.gauges = {
      position: gauge('projection_position', 'Global position of the last event the projection applied', ['projection']),
      lagEvents: gauge('projection_lag_events', 'Events the projection has still to apply (counting stops at 1000)', ['projection']),
      lagSeconds: gauge(
        'projection_lag_seconds',
        'Age in seconds of the oldest event the projection has not applied yet (0 when caught up)',
        ['projection'],
      ),
      state: gauge('projection_state', 'The projection state on this instance: 1 for the current state, 0 for the others', [
        'projection',
        'state',
      ]),
      open: gauge('work_queue_open_cases', 'Open cases awaiting a step, per region', ['region']),
      overdue: gauge('work_queue_overdue_cases', 'Open cases whose current step is past its due instant, per region', ['region']),
      // Labelled by the log's origin: a gauge without labels would show 0 when nothing could be read.
      treeSize: gauge('notary_tree_size', 'Leaves (events) in the transparency log tree', ['origin']),
      checkpointAge: gauge('notary_last_checkpoint_age_seconds', 'Seconds since the last signed checkpoint (absent until one is signed)', [
        'origin',
      ]),
      checkpointSize: gauge(
        'notary_last_checkpoint_tree_size',
        'Tree size the last signed checkpoint covers (absent until one is signed)',
        ['origin'],
      ),
      up: gauge('metrics_collector_up', '1 when the source of these figures could be read at this scrape, 0 when it failed', ['collector']),
    };
  }

  /** Reads every source in parallel; called just before the registry is rendered. */
  async refresh(): Promise<void> {
    await Promise.all(COLLECTORS.map((collector) => this.guarded(collector)));
  }

  private async guarded(collector: Collector): Promise<void> {
    try {
      await this.collect(collector);
      this.gauges.up.set({ collector }, 1);
    } catch (error) {
      // No figures rather than the last scrape's, presented as current.
      for (const gauge of this.gaugesOf(collector)) gauge.reset();
      this.gauges.up.set({ collector }, 0);
      this.logger.warn({ msg: 'metrics source unavailable', collector, error: messageOf(error) });
    }
  }

  private gaugesOf(collector: Collector): Gauge<string>[] {
    const g = this.gauges;
    switch (collector) {
      case 'projections':
        return [g.position, g.lagEvents, g.lagSeconds, g.state];
      case 'work-queue':
        return [g.open, g.overdue];
      case 'notary':
        return [g.treeSize, g.checkpointAge, g.checkpointSize];
      default: {
        const unknown: never = collector;
        throw new Error(`unknown collector ${String(unknown)}`);
      }
    }
  }

  private collect(collector: Collector): Promise<void> {
    switch (collector) {
      case 'projections':
        return this.collectProjections();
      case 'work-queue':
        return this.collectWorkQueue();
      case 'notary':
        return this.collectNotary();
      default: {
        const unknown: never = collector;
        throw new Error(`unknown collector ${String(unknown)}`);
      }
    }
  }

  private async collectProjections(): Promise<void> {
    const statuses = await this.projections.status();
    const { position, lagEvents, lagSeconds, state } = this.gauges;
    for (const gauge of this.gaugesOf('projections')) gauge.reset();
    for (const status of statuses) {
      const projection = status.name;
      position.set({ projection }, Number(status.position));
      lagEvents.set({ projection }, status.lagEvents);
      lagSeconds.set({ projection }, status.lagSeconds);
      for (const each of PROJECTION_STATES) state.set({ projection, state: each }, each === status.status ? 1 : 0);
    }
  }

  private async collectWorkQueue(): Promise<void> {
    const rows = await this.readModels.query<RegionCounts[]>(
      'SELECT region, count(*)::int AS open, (count(*) FILTER (WHERE due_at < $1))::int AS overdue FROM rm_work_queue GROUP BY region',
      [this.clock.now()],
    );
    const byRegion = new Map(rows.map((row) => [row.region, row]));
    for (const gauge of this.gaugesOf('work-queue')) gauge.reset();
    // Every region has its series, 0 when nothing is open, so an alert's expression never meets a missing one.
    for (const region of new Set<string>([...REGIONS, ...byRegion.keys()])) {
      this.gauges.open.set({ region }, byRegion.get(region)?.open ?? 0);
      this.gauges.overdue.set({ region }, byRegion.get(region)?.overdue ?? 0);
    }
  }

  private async collectNotary(): Promise<void> {
    const [treeSize, checkpoint] = await Promise.all([this.log.treeSize(), this.log.latestCheckpoint()]);
    for (const gauge of this.gaugesOf('notary')) gauge.reset();
    this.gauges.treeSize.set({ origin: this.config.notaryOrigin }, treeSize);
    if (checkpoint === undefined) return;
    // signedAt is real time even on a simulated clock (it is evidence), so its age is too.
    const labels = { origin: checkpoint.origin };
    this.gauges.checkpointAge.set(labels, Math.max(0, (systemClock.now().getTime() - checkpoint.signedAt.getTime()) / 1000));
    this.gauges.checkpointSize.set(labels, checkpoint.treeSize);
  }
}
