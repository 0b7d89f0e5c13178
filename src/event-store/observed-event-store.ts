import { CORRELATION_ID, definedAttributes, inSpan } from '../tracing/spans';
import { EventStore, IdempotencyViolationError, NewEvent, WrongExpectedRevisionError } from './event-store.port';

export type AppendOutcome = 'written' | 'replayed' | 'conflict' | 'refused';

/** Told of every append and import, whatever the adapter: the metrics' view of the store. */
export interface AppendObserver {
  appended(observation: { events: number; seconds: number; outcome: AppendOutcome }): void;
}

function outcomeOf(error: unknown): AppendOutcome {
  return error instanceof WrongExpectedRevisionError || error instanceof IdempotencyViolationError ? 'conflict' : 'refused';
}

const correlationOf = (events: readonly NewEvent[]): string | undefined => {
  const id = events[0]?.metadata.correlationId;
  return typeof id === 'string' ? id : undefined;
};

/**
 * The store with each append and import timed for `observer` and traced as an
 * `event-store.append` span (the adapter's pg queries become its children).
 * The port and the adapters stay as they are; reads pass straight through.
 */
export function observeAppends(store: EventStore, observer: AppendObserver): EventStore {
  const observed = async <T extends { idempotentReplay: boolean }>(
    events: readonly NewEvent[],
    streamId: string | undefined,
    write: () => Promise<T>,
  ): Promise<T> => {
    const started = process.hrtime.bigint();
    const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
    const attributes = definedAttributes({
      [CORRELATION_ID]: correlationOf(events),
      'app.stream_id': streamId,
      'app.event_count': events.length,
    });
    return inSpan('event-store.append', attributes, async () => {
      try {
        const result = await write();
        observer.appended({ events: events.length, seconds: seconds(), outcome: result.idempotentReplay ? 'replayed' : 'written' });
        return result;
      } catch (error) {
        observer.appended({ events: events.length, seconds: seconds(), outcome: outcomeOf(error) });
        throw error;
      }
    });
  };
  return {
    append: (streamId, events, expected) => observed(events, streamId, () => store.append(streamId, events, expected)),
    importEvents: (batch) => observed(batch.events, undefined, () => store.importEvents(batch)),
    readStream: (streamId, options) => store.readStream(streamId, options),
    readAll: (options) => store.readAll(options),
    subscribeToAll: (options, handler) => store.subscribeToAll(options, handler),
    headPosition: () => store.headPosition(),
    logHold: () => store.logHold(),
    ping: () => store.ping(),
    close: () => store.close(),
  };
}
