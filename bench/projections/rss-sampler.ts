export interface PeakRss<T> {
  result: T;
  /** This process's RSS when `run` started: what earlier phases left (the history worker's heap among them). */
  startRssBytes: number;
  peakRssBytes: number;
}

/** This process's peak resident set size while `run` runs, sampled every 100 ms (and at its start and end). */
export async function withPeakRss<T>(run: () => Promise<T>): Promise<PeakRss<T>> {
  const startRssBytes = process.memoryUsage.rss();
  let peak = startRssBytes;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 100);
  try {
    const result = await run();
    return { result, startRssBytes, peakRssBytes: Math.max(peak, process.memoryUsage.rss()) };
  } finally {
    clearInterval(timer);
  }
}

export const mib = (bytes: number): string => `${Math.round(bytes / 2 ** 20).toLocaleString('en')} MiB`;
