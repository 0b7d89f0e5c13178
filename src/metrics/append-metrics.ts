import { Inject, Injectable } from '@nestjs/common';
import { Histogram, Registry } from 'prom-client';
import type { AppendObserver, AppendOutcome } from '../event-store/observed-event-store';
import { METRICS_REGISTRY } from './metrics-registry';

/** Append latency and batch size, told by the observed event store (observeAppends) on every append and import. */
@Injectable()
export class AppendMetrics implements AppendObserver {
  private readonly latency: Histogram<'outcome'>;
  private readonly batchSize: Histogram<'outcome'>;

  constructor(@Inject(METRICS_REGISTRY) registry: Registry) {
    this.latency = new Histogram({
      name: 'event_store_append_duration_seconds',
      help: 'Time an append (or import) to the event store took, by outcome: written, replayed (idempotent retry), conflict, refused',
      labelNames: ['outcome'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    });
    this.batchSize = new Histogram({
      name: 'event_store_append_batch_size',
      help: 'Events per append (or import) to the event store, by outcome',
      labelNames: ['outcome'],
      buckets: [1, 2, 5, 10, 50, 100, 1000, 10000],
      registers: [registry],
    });
  }

  appended({ events, seconds, outcome }: { events: number; seconds: number; outcome: AppendOutcome }): void {
    this.latency.observe({ outcome }, seconds);
    this.batchSize.observe({ outcome }, events);
  }
}
