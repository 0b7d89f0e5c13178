import { PhaseResult } from './stats';

/**
 * Order of the variants in each round: ABAB... would give the first variant
 * every round's fresh checkpoint and whatever the machine was doing just before;
 * alternating the order (AB, BA, AB, ...) shares both out evenly.
 */
export function roundOrder<V>(variants: readonly V[], round: number): V[] {
  return round % 2 === 0 ? [...variants] : [...variants].reverse();
}

/** Several segments of one variant as one result: events and time add up, latencies pool. */
export function mergeResults(segments: PhaseResult[]): PhaseResult {
  return {
    events: segments.reduce((sum, s) => sum + s.events, 0),
    appends: segments.reduce((sum, s) => sum + s.appends, 0),
    seconds: segments.reduce((sum, s) => sum + s.seconds, 0),
    latenciesMs: segments.flatMap((s) => s.latenciesMs).sort((a, b) => a - b),
  };
}

/** Lowest and highest of the per-round ratios, to show how much the machine moved under the figure. */
export function ratioRange(ratios: number[]): { low: number; high: number } {
  return { low: Math.min(...ratios), high: Math.max(...ratios) };
}

/** Median of the per-round ratios: the figure to compare (one disturbed round moves it little). */
export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
