import { AsyncLocalStorage } from 'node:async_hooks';
import {
  EventStoreUnavailableError,
  type BatchHandler,
  type GlobalPosition,
  type RecordedEvent,
  type Subscription,
} from '../event-store.port';
import { toStoreError } from './store-errors';

/** What the adapter needs of the client's subscription (a Readable of resolved events). */
export interface SubscriptionSource<T> {
  on(event: 'data', listener: (item: T) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'end' | 'close', listener: () => void): unknown;
  pause(): unknown;
  resume(): unknown;
  unsubscribe(): Promise<void>;
}

export interface BatchingOptions<T> {
  batchSize: number;
  /** A partial batch is delivered once nothing new arrived for this long. */
  idleMs: number;
  /** Decodes and filters one item; undefined skips it, a throw fails the subscription. */
  accept(item: T): RecordedEvent | undefined;
  /**
   * How far the log has been read once this item arrived, for items accept
   * skips (events the filter leaves out, the server's checkpoints); undefined
   * when the item says nothing about it. Absent: only delivered events count.
   */
  positionOf?(item: T): GlobalPosition | undefined;
  /** Deliver an empty batch when skipped items moved the read-through position (SubscribeOptions.progress). */
  progress?: boolean;
  /** The subscription's start (exclusive): the read-through position before any item. */
  after?: GlobalPosition;
}

const UNSUBSCRIBE_WAIT_MS = 1_000;
const handlerContext = new AsyncLocalStorage<object>();

/**
 * Turns the client's event-by-event catch-up subscription into the port's
 * batches: events accumulate until a batch is full or the source goes quiet
 * for idleMs; while the handler runs the source is paused (back-pressure
 * reaches the server through gRPC flow control), so batches never overlap and
 * arrive in position order. Events still buffered when the subscription stops
 * are dropped: the caller's checkpoint is the last batch it handled. Each
 * batch carries the read-through position: the last position any item showed
 * (positionOf), or the batch's last event when more events wait behind it.
 */
export class BatchingSubscription<T> implements Subscription {
  readonly done: Promise<void>;
  private resolveDone!: () => void;
  private rejectDone!: (error: unknown) => void;
  private running = true;
  private buffer: RecordedEvent[] = [];
  /** The highest position any item showed so far. */
  private readThrough: GlobalPosition;
  /** The read-through position the last batch carried. */
  private delivered: GlobalPosition;
  private idleTimer?: NodeJS.Timeout;
  private draining?: Promise<void>;
  private finished?: Promise<void>;

  constructor(
    private readonly source: SubscriptionSource<T>,
    private readonly handler: BatchHandler,
    private readonly options: BatchingOptions<T>,
  ) {
    this.done = new Promise<void>((resolve, reject) => {
      this.resolveDone = resolve;
      this.rejectDone = reject;
    });
    this.readThrough = this.delivered = options.after ?? -1n;
    // The rejection is the caller's to observe; unobserved it must not crash the process.
    this.done.catch(() => undefined);
    source.on('data', (item) => this.onItem(item));
    source.on('error', (error) => this.fail(toStoreError(error, 'subscription')));
    const ended = () => this.fail(new EventStoreUnavailableError('EventStoreDB ended the subscription'));
    source.on('end', ended);
    source.on('close', ended);
  }

  async stop(): Promise<void> {
    if (this.running) this.halt(() => this.resolveDone());
    // Called from inside the handler: waiting for the handler to finish would deadlock.
    if (handlerContext.getStore() === this) return;
    await this.finished;
  }

  private onItem(item: T): void {
    if (!this.running) return;
    let event: RecordedEvent | undefined;
    try {
      event = this.options.accept(item);
    } catch (error) {
      this.fail(error);
      return;
    }
    const position = event?.position ?? this.options.positionOf?.(item);
    if (position !== undefined && position > this.readThrough) this.readThrough = position;
    if (event) this.buffer.push(event);
    else if (!this.progressPending()) return;
    if (this.buffer.length >= this.options.batchSize) this.drain();
    else if (!this.idleTimer && !this.draining) this.idleTimer = setTimeout(() => this.drain(), this.options.idleMs);
  }

  /** An empty batch is owed: the read-through position moved past the last one delivered. */
  private progressPending(): boolean {
    return this.options.progress === true && this.readThrough > this.delivered;
  }

  private drain(): void {
    this.clearIdleTimer();
    if (this.draining || !this.running) return;
    this.source.pause();
    this.draining = (async () => {
      try {
        while (this.running && (this.buffer.length > 0 || this.progressPending())) {
          const batch = this.buffer.splice(0, this.options.batchSize);
          const last = batch.at(-1);
          // Events still buffered lie beyond this batch: it reads through its last event only.
          const readThrough = this.buffer.length > 0 && last ? last.position : this.readThrough;
          this.delivered = readThrough;
          await handlerContext.run(this, () => this.handler(batch, { readThrough }));
        }
      } catch (error) {
        this.fail(error);
      } finally {
        this.draining = undefined;
      }
      if (this.running) this.source.resume();
    })();
  }

  private fail(error: unknown): void {
    if (this.running) this.halt(() => this.rejectDone(error));
  }

  /** Stops delivery at once; settles `done` after the handler in flight (if any) has returned. */
  private halt(settle: () => void): void {
    this.running = false;
    this.clearIdleTimer();
    this.buffer = [];
    const inFlight = this.draining;
    this.finished = (async () => {
      await Promise.race([
        this.source.unsubscribe().catch(() => undefined),
        new Promise((resolve) => setTimeout(resolve, UNSUBSCRIBE_WAIT_MS).unref()),
      ]);
      await inFlight;
      settle();
    })();
  }

  private clearIdleTimer(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
  }
}
