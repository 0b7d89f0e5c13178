// Imported first by traced-command-child.ts, as src/tracing.ts is by main.ts: the SDK starts before
// http, express and pg are loaded, with an in-memory exporter in place of the OTLP one.
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { startTracing } from '../../src/tracing/start-tracing';

export const exporter = new InMemorySpanExporter();
export const sdk = startTracing({ serviceName: 'traced-command-test', spanProcessors: [new SimpleSpanProcessor(exporter)] });
