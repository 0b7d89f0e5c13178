import { Inject, Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { Histogram, Registry } from 'prom-client';
import { METRICS_REGISTRY } from './metrics-registry';

/** The label for requests no route matched (404s, refusals before routing): never the raw URL. */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * The route template a request matched (`/cases/:id/register`), read once the
 * answer is finished: bounded label cardinality whatever the URLs are.
 */
export function routeTemplate(request: Request): string {
  const route: unknown = request.route;
  if (typeof route === 'object' && route !== null && 'path' in route && typeof route.path === 'string')
    return `${request.baseUrl}${route.path}`;
  return UNMATCHED_ROUTE;
}

/** The request-duration histogram (one per application; the middleware below feeds it). */
@Injectable()
export class HttpMetrics {
  readonly duration: Histogram<'method' | 'route' | 'status_code'>;

  constructor(@Inject(METRICS_REGISTRY) registry: Registry) {
    this.duration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'Time from receiving an HTTP request to finishing its answer, by method, route template and status code',
      labelNames: ['method', 'route', 'status_code'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
  }
}

/** Times every request; Nest builds middleware apart from providers, so the histogram lives in HttpMetrics. */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(@Inject(HttpMetrics) private readonly metrics: HttpMetrics) {}

  use(request: Request, response: Response, next: NextFunction): void {
    const stop = this.metrics.duration.startTimer();
    response.once('finish', () =>
      stop({ method: request.method, route: routeTemplate(request), status_code: String(response.statusCode) }),
    );
    next();
  }
}
