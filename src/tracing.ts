/**
 * Loaded first by main.ts, before anything requires http, express or pg: the
 * OpenTelemetry SDK patches them as they load. Off unless the OTEL_* variables
 * ask for traces (tracing/tracing-switch.ts).
 */
import type { NodeSDK } from '@opentelemetry/sdk-node';
import { startTracing } from './tracing/start-tracing';
import { tracingWanted } from './tracing/tracing-switch';

const sdk: NodeSDK | undefined = tracingWanted(process.env) ? startTracing() : undefined;

/** Flushes the spans still buffered; called on shutdown. */
export async function stopTracing(): Promise<void> {
  await sdk?.shutdown();
}
