/** A sleep that a stop request can cut short. */
export class Interruptible {
  private wakers = new Set<() => void>();
  private interrupted = false;

  get isInterrupted(): boolean {
    return this.interrupted;
  }

  /** Resolves after `ms`, or at once when interrupt() is (or was) called. */
  sleep(ms: number): Promise<void> {
    if (this.interrupted) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.wakers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.wakers.add(wake);
    });
  }

  /** Resolves when interrupt() is called. */
  readonly whenInterrupted: Promise<void> = new Promise((resolve) => this.wakers.add(resolve));

  interrupt(): void {
    this.interrupted = true;
    for (const wake of [...this.wakers]) wake();
    this.wakers.clear();
  }
}
