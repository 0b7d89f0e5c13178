import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { TransparencyModule } from '../transparency/transparency.module';
import { AppendMetrics } from './append-metrics';
import { HttpMetrics, HttpMetricsMiddleware } from './http-metrics';
import { createMetricsRegistry, METRICS_REGISTRY } from './metrics-registry';
import { MetricsController } from './metrics.controller';
import { MetricsGuard } from './metrics.guard';
import { ReadModelMetrics } from './read-model-metrics';

/**
 * GET /metrics (Prometheus text format), on a registry of this application's own.
 * Exports AppendMetrics: the composition root hands it to observeAppends() so
 * the event store reports every append without the port knowing of metrics.
 */
@Module({
  imports: [TransparencyModule],
  controllers: [MetricsController],
  providers: [{ provide: METRICS_REGISTRY, useFactory: createMetricsRegistry }, AppendMetrics, ReadModelMetrics, HttpMetrics, MetricsGuard],
  exports: [AppendMetrics],
})
export class MetricsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('*');
  }
}
