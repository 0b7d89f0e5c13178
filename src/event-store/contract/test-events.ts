import { randomBytes, randomUUID } from 'node:crypto';
import { BatchProgress, EventMetadata, EventStore, GlobalPosition, NewEvent, ReadAllOptions, RecordedEvent } from '../event-store.port';

/** A short random token, so ids never collide with other tests on a shared store. */
export const token = (): string => randomBytes(5).toString('hex');

/** A stream id unique to one test. */
export const uniqueStream = (label = 'case'): string => `contract-${label}-${token()}`;

export const testMetadata = (extra: Partial<EventMetadata> = {}): EventMetadata => ({
  actor: { id: 'officer-1', role: 'officer', organisation: 'akimat-almaty' },
  correlationId: randomUUID(),
  causationId: randomUUID(),
  ...extra,
});

export function newEvent(type = 'ContractEventHappened', data: unknown = { value: token() }, metadata = testMetadata()): NewEvent {
  return { id: randomUUID(), type, schemaVersion: 1, data, metadata };
}

export const newEvents = (count: number, type?: string): NewEvent[] =>
  Array.from({ length: count }, (_, i) => newEvent(type, { index: i, value: token() }));

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `check` returns a value (not undefined) or the timeout passes. */
export async function eventually<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(25);
  }
}

/** Reads the global log (filtered) until it holds at least `count` events. */
export function readAllEventually(store: EventStore, options: ReadAllOptions, count: number): Promise<RecordedEvent[]> {
  return eventually(async () => {
    const events = await store.readAll(options);
    return events.length >= count ? events : undefined;
  }, `${count} events in readAll`);
}

export function expectStrictlyIncreasing(positions: GlobalPosition[]): void {
  for (let i = 1; i < positions.length; i++) {
    if (!(positions[i] > positions[i - 1])) {
      throw new Error(`positions not strictly increasing at ${i}: ${positions[i - 1]} then ${positions[i]}`);
    }
  }
}

/** Collects the batches a subscription delivers, and lets a test wait for a count. */
export class Collector {
  readonly events: RecordedEvent[] = [];
  readonly batchSizes: number[] = [];
  /** The read-through position of each batch, in delivery order. */
  readonly readThroughs: GlobalPosition[] = [];

  readonly handler = async (batch: RecordedEvent[], progress?: BatchProgress): Promise<void> => {
    this.batchSizes.push(batch.length);
    if (progress) this.readThroughs.push(progress.readThrough);
    this.events.push(...batch);
  };

  async waitFor(count: number, timeoutMs = 10_000): Promise<RecordedEvent[]> {
    return eventually(
      async () => (this.events.length >= count ? this.events.slice() : undefined),
      `${count} delivered events (have ${this.events.length})`,
      timeoutMs,
    );
  }
}
