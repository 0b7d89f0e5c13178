import { EventStore } from '../../event-store/event-store.port';
import { StreamRef, StreamSource } from './stream-source';

/**
 * Streams found by reading the global log in batches (any store, e.g.
 * EventStoreDB, which keeps no head table: a cut tail cannot be seen there).
 * Remembers the ids seen, so memory grows with the number of streams.
 */
export class LogStreamSource implements StreamSource {
  readonly description = 'global log (readAll)';

  constructor(private readonly store: EventStore) {}

  async total(): Promise<undefined> {
    return undefined;
  }

  async *streams(options: { batchSize: number; prefix?: string }): AsyncIterable<StreamRef> {
    const seen = new Set<string>();
    let after: bigint | undefined;
    const filter = options.prefix ? { streamPrefixes: [options.prefix] } : undefined;
    for (;;) {
      const batch = await this.store.readAll({ after, maxCount: options.batchSize, filter });
      for (const event of batch) {
        if (seen.has(event.streamId)) continue;
        seen.add(event.streamId);
        yield { streamId: event.streamId };
      }
      if (batch.length < options.batchSize) return;
      after = batch[batch.length - 1].position;
    }
  }

  async close(): Promise<void> {}
}
