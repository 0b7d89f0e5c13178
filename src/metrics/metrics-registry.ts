import { collectDefaultMetrics, Registry } from 'prom-client';

/** The application's own registry: never prom-client's global one, so several apps in one process (tests) do not collide. */
export const METRICS_REGISTRY = Symbol('METRICS_REGISTRY');

export function createMetricsRegistry(): Registry {
  const registry = new Registry();
  // Process metrics: CPU, resident memory, heap, event-loop lag, open handles, GC.
  collectDefaultMetrics({ register: registry });
  return registry;
}
