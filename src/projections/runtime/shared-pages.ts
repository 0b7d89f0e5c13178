import type { EventFilter, EventStore, GlobalPosition, RecordedEvent } from '../../event-store/event-store.port';
import { loadPlansFor } from '../../cases/plan-codec';

interface Deferred {
  promise: Promise<RecordedEvent[]>;
  resolve(page: RecordedEvent[]): void;
  reject(error: unknown): void;
}

function deferred(): Deferred {
  let resolve!: (page: RecordedEvent[]) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<RecordedEvent[]>((res, rej) => ((resolve = res), (reject = rej)));
  promise.catch(() => undefined); // observed by the consumers; never an unhandled rejection
  return { promise, resolve, reject };
}

/**
 * The log in pages, read once and shared by consumers that each move through it
 * at their own pace: one projection can write page 5 while another is still
 * committing page 4, so neither the client nor the database waits for the
 * slowest at every page. The next page is read while the current ones are
 * applied. A consumer runs at most `window` pages ahead of the slowest, which
 * bounds the pages held to window + 2.
 */
export class SharedPages {
  private readonly next: number[];
  private readonly pages = new Map<number, Deferred>();
  /** The consumers and the reader waiting for a consumer to move on. */
  private readonly waiting: Array<() => void> = [];
  private stopped = false;
  private failed: { error: unknown } | undefined;
  private readonly producing: Promise<void>;

  constructor(
    private readonly store: EventStore,
    private readonly filter: EventFilter | undefined,
    private readonly pageSize: number,
    consumers: number,
    private readonly window = 1,
    /** Where the first page starts (after this position). */
    private readonly from: GlobalPosition = 0n,
  ) {
    this.next = new Array<number>(consumers).fill(0);
    this.producing = this.produce();
  }

  /** Consumer `c`'s next page (empty at the end of the log); waits while `c` is too far ahead. */
  async take(c: number): Promise<RecordedEvent[]> {
    while (this.next[c] - this.slowest() > this.window) await this.moveOn();
    return this.page(this.next[c]).promise;
  }

  /** Consumer `c` is done with the page take() gave it. */
  done(c: number): void {
    this.next[c] += 1;
    this.moved();
  }

  /** Consumer `c` stops (at the end, or failed): it no longer holds the others back. */
  leave(c: number): void {
    this.next[c] = Number.POSITIVE_INFINITY;
    this.moved();
  }

  /** Pages every consumer has passed: the lowest index still wanted. */
  private slowest(): number {
    return Math.min(...this.next);
  }

  /** Stops reading and waits for a read in flight, so that nothing runs after the caller is done. */
  async close(): Promise<void> {
    this.stopped = true;
    this.wake();
    await this.producing;
  }

  private page(index: number): Deferred {
    let page = this.pages.get(index);
    if (!page) {
      this.pages.set(index, (page = deferred()));
      if (this.failed) page.reject(this.failed.error);
    }
    return page;
  }

  private moved(): void {
    const slowest = this.slowest();
    for (const index of this.pages.keys()) if (index < slowest) this.pages.delete(index);
    this.wake();
  }

  private moveOn(): Promise<void> {
    return new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private wake(): void {
    this.waiting.splice(0).forEach((wake) => wake());
  }

  private async produce(): Promise<void> {
    let after = this.from;
    for (let index = 0; ; index++) {
      // One page read ahead of the furthest a consumer may go.
      while (!this.stopped && index - this.slowest() > this.window + 1) await this.moveOn();
      if (this.stopped || this.slowest() === Number.POSITIVE_INFINITY) return;
      let events: RecordedEvent[];
      try {
        events = await this.store.readAll({ after, maxCount: this.pageSize, filter: this.filter });
        await loadPlansFor(this.store, events); // every projection of the pass decodes the page's receipts synchronously
      } catch (error) {
        // This page and every later one fail the same way for whoever asks.
        this.failed = { error };
        for (const [i, page] of this.pages) if (i >= index) page.reject(error);
        this.page(index);
        return;
      }
      this.page(index).resolve(events);
      if (events.length === 0) return;
      after = events[events.length - 1].position;
    }
  }
}
