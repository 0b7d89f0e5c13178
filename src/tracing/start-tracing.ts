import { ExpressInstrumentation } from '@opentelemetry/instrumentation-express';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { NodeSDK } from '@opentelemetry/sdk-node';
import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';

export const DEFAULT_SERVICE_NAME = 'kz-regulated-services';

/**
 * Starts the OpenTelemetry Node SDK with the HTTP, Express and pg
 * instrumentations. The exporter, endpoint, sampler, resource and propagators
 * come from the standard OTEL_* variables (OTLP over HTTP by default); a test
 * passes its own span processors instead. Metrics stay with /metrics: no
 * OpenTelemetry metric reader is started.
 */
export function startTracing(options: { serviceName?: string; spanProcessors?: SpanProcessor[] } = {}): NodeSDK {
  const sdk = new NodeSDK({
    serviceName: options.serviceName ?? (process.env.OTEL_SERVICE_NAME || DEFAULT_SERVICE_NAME),
    instrumentations: [new HttpInstrumentation(), new ExpressInstrumentation(), new PgInstrumentation()],
    metricReaders: [],
    ...(options.spanProcessors ? { spanProcessors: options.spanProcessors } : {}),
  });
  sdk.start();
  return sdk;
}
