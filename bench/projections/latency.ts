import { percentile } from '../event-store/stats';
import type { Latency } from './query-phase';

/** The percentiles of one measure's timings (ms). */
export function latencyOf(name: string, ms: number[]): Latency {
  const sorted = [...ms].sort((a, b) => a - b);
  return {
    name,
    count: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? NaN,
  };
}
