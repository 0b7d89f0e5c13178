/**
 * Runs tasks that share a key one after another, in call order, within this
 * process. The adapter queues appends per stream so that concurrent requests
 * of one instance do not race each other through read-then-append; other
 * instances are still arbitrated by the expected revision.
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<void>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Keys with work queued or running (for tests). */
  get size(): number {
    return this.tails.size;
  }
}

/** Full-jitter exponential backoff: a random wait up to min(capMs, baseMs * 2^(attempt-1)). */
export function backoffMs(attempt: number, baseMs = 2, capMs = 100, random: () => number = Math.random): number {
  return random() * Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
}
