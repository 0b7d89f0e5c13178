import { Controller, Get, Header, Inject, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Registry } from 'prom-client';
import { Roles } from '../auth/auth.guard';
import { METRICS_REGISTRY } from './metrics-registry';
import { MetricsGuard } from './metrics.guard';
import { ReadModelMetrics } from './read-model-metrics';

/** Prometheus text format; for operators and their scraper, not part of the API contract. */
@ApiExcludeController()
@Controller('metrics')
@UseGuards(MetricsGuard)
@Roles('admin')
export class MetricsController {
  constructor(
    @Inject(METRICS_REGISTRY) private readonly registry: Registry,
    @Inject(ReadModelMetrics) private readonly readModels: ReadModelMetrics,
  ) {}

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  async scrape(): Promise<string> {
    await this.readModels.refresh();
    return this.registry.metrics();
  }
}
