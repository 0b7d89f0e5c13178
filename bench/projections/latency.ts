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

/** `sample(i)` (which returns its own timing in ms) `count` times after up to 20 warm-up runs (plans and caches). */
export async function measure(name: string, count: number, sample: (i: number) => Promise<number>): Promise<Latency> {
  for (let i = 0; i < Math.min(20, count); i++) await sample(i);
  const ms: number[] = [];
  for (let i = 0; i < count; i++) ms.push(await sample(i));
  return latencyOf(name, ms);
}

/** How long `run` took (ms). */
export async function timed(run: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await run();
  return performance.now() - t;
}

/** A GET from the request to the answer's last byte (ms); anything but 200 fails the run. */
export async function timedGet(base: string, path: string, headers: Record<string, string>): Promise<number> {
  const t = performance.now();
  const response = await fetch(`${base}${path}`, { headers });
  await response.text();
  const elapsed = performance.now() - t;
  if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}`);
  return elapsed;
}
