import { BatchHandler, EventFilter, GlobalPosition, RecordedEvent, SubscribeOptions, Subscription } from '../event-store.port';
import { Sleep, WakeSignal } from './wake-signal';

export interface PollResult {
  events: RecordedEvent[];
  /** Everything matching up to here has been returned: the next poll may start after it. */
  caughtUpTo: GlobalPosition;
}

export type Poll = (after: GlobalPosition, filter: EventFilter | undefined, batchSize: number) => Promise<PollResult>;

export interface PollDelays {
  /** Delay after a poll that found events but less than a batch. */
  minMs: number;
  /** Ceiling of the delay, doubled after each empty poll. */
  maxMs: number;
}

export const DEFAULT_POLL_DELAYS: PollDelays = { minMs: 10, maxMs: 200 };
const DEFAULT_BATCH_SIZE = 500;

interface PendingPoll {
  generation: number;
  result: Promise<PollResult>;
}

/**
 * Catch-up then live, by polling the log: full batches are fetched back to back
 * (catch-up), the next while the handler works on the last, so the database
 * and the subscriber work at the same time; once a poll returns less than a
 * batch the subscription sleeps, 10 ms doubling to 200 ms while idle, and an
 * append in this process wakes it at once. Each batch carries how far the
 * poll read (its caughtUpTo); with `progress` an empty poll that read further
 * is delivered as an empty batch. No LISTEN/NOTIFY: NOTIFY takes a
 * global lock at commit and would serialize every append.
 */
export class PollingSubscription implements Subscription {
  readonly done: Promise<void>;
  private stopped = false;
  private sleeping: Sleep | undefined;

  constructor(
    private readonly poll: Poll,
    private readonly signal: WakeSignal,
    private readonly options: SubscribeOptions,
    private readonly handler: BatchHandler,
    private readonly delays: PollDelays = DEFAULT_POLL_DELAYS,
  ) {
    this.done = this.run();
    // Nobody may be listening to done yet; its rejection is reported to whoever awaits it.
    this.done.catch(() => undefined);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.sleeping?.wake();
    await this.done.catch(() => undefined);
  }

  private async run(): Promise<void> {
    const batchSize = this.options.batchSize ?? DEFAULT_BATCH_SIZE;
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError('batchSize must be a whole number >= 1');
    let cursor = this.options.after ?? 0n;
    let delay = this.delays.minMs;
    let next: PendingPoll | undefined = this.startPoll(cursor, batchSize);
    try {
      while (next !== undefined && !this.stopped) {
        const { events, caughtUpTo } = await next.result;
        const { generation } = next;
        next = undefined;
        if (this.stopped) return;
        const full = events.length === batchSize;
        // More is waiting: fetch it while the handler works on this batch (one batch ahead at most).
        if (full) next = this.startPoll(caughtUpTo, batchSize);
        // caughtUpTo is the read-through position: nothing matching lies between the last event and it.
        if (events.length > 0 || (this.options.progress === true && caughtUpTo > cursor))
          await this.handler(events, { readThrough: caughtUpTo });
        cursor = caughtUpTo;
        if (full) continue;
        delay = events.length > 0 ? this.delays.minMs : Math.min(delay * 2, this.delays.maxMs);
        this.sleeping = this.signal.sleep(delay, generation);
        await this.sleeping.done;
        this.sleeping = undefined;
        // Woken by an append: start backing off from the shortest delay again.
        if (this.signal.generation !== generation) delay = this.delays.minMs;
        if (!this.stopped) next = this.startPoll(cursor, batchSize);
      }
    } finally {
      // A read-ahead still running when the handler failed or stop() came: done waits for it.
      await next?.result.catch(() => undefined);
    }
  }

  /** The signal's generation is read before the poll, so an append during it cuts the next sleep short. */
  private startPoll(after: GlobalPosition, batchSize: number): PendingPoll {
    const generation = this.signal.generation;
    const { onRead } = this.options;
    const read = this.poll(after, this.options.filter, batchSize);
    // While the handler may still work on the previous batch: that is the point of onRead.
    const result =
      onRead === undefined
        ? read
        : read.then((polled) => {
            if (polled.events.length > 0) onRead(polled.events);
            return polled;
          });
    // Handled here too: a read-ahead may fail while the handler still runs, before anyone awaits it.
    result.catch(() => undefined);
    return { generation, result };
  }
}
