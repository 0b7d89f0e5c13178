export interface Sleep {
  readonly done: Promise<void>;
  /** Ends the sleep early. */
  wake(): void;
}

/**
 * In-process wake-up for polling subscriptions: an append through this store
 * instance wakes its subscriptions at once instead of after their poll delay.
 * The generation counter catches an append that lands while a poll is running.
 */
export class WakeSignal {
  private generationValue = 0;
  private readonly sleepers = new Set<() => void>();

  get generation(): number {
    return this.generationValue;
  }

  notify(): void {
    this.generationValue++;
    for (const wake of [...this.sleepers]) wake();
  }

  /** Sleeps `ms`, or less when notified; not at all if notified since `seenGeneration`. */
  sleep(ms: number, seenGeneration: number): Sleep {
    let wake = (): void => undefined;
    const done = new Promise<void>((resolve) => {
      if (this.generationValue !== seenGeneration) return resolve();
      const timer = setTimeout(() => wake(), ms);
      wake = () => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        resolve();
      };
      this.sleepers.add(wake);
    });
    return { done, wake: () => wake() };
  }
}
