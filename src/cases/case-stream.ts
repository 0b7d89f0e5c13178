import { createHash } from 'node:crypto';
import { EventStore, NewEvent, RecordedEvent } from '../event-store/event-store.port';
import { CASE_EVENT_SCHEMA_VERSION, CaseEvent, caseStreamId } from './domain/case.events';
import { CaseState, evolve, initialCaseState } from './domain/case.state';
import { decodeOrThrow } from './domain/case-event-codec';

/** Metadata every case event carries beside the actor inside its data. */
export interface CommandMetadata {
  commandId: string;
  correlationId: string;
  causationId: string;
  /** Hash of the request that produced the events, to tell a retry from a reused key. */
  requestHash?: string;
}

/** A case event as stored: the domain event plus its position in the log. */
export interface LoadedCase {
  state: CaseState;
  events: Array<RecordedEvent<CaseEvent['data']>>;
  /** Stream revision of the last event; -1 when the case does not exist. */
  revision: number;
}

/** Deterministic UUID (v8 layout) from a name: retried commands produce the same event ids. */
export function uuidFromName(name: string): string {
  const h = createHash('sha256').update(name).digest('hex');
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Decoded by the case event codec: an event that does not decode stops the read (UndecodableCaseEvent). */
export function toCaseEvent(recorded: RecordedEvent): CaseEvent {
  return decodeOrThrow(recorded);
}

export function toNewEvents(events: CaseEvent[], meta: CommandMetadata): NewEvent[] {
  return events.map((event, index) => ({
    id: uuidFromName(`${meta.commandId}:${index}`),
    type: event.type,
    schemaVersion: CASE_EVENT_SCHEMA_VERSION,
    data: event.data,
    metadata: {
      actor: event.data.actor,
      occurredAt: event.data.occurredAt,
      commandId: meta.commandId,
      correlationId: meta.correlationId,
      causationId: meta.causationId,
      ...(meta.requestHash ? { requestHash: meta.requestHash } : {}),
    },
  }));
}

/** Folds recorded case events with the same evolve the write side decides with. */
export function foldRecorded(events: RecordedEvent[]): CaseState {
  return events.reduce((state, recorded) => evolve(state, toCaseEvent(recorded)), initialCaseState());
}

export async function loadCase(store: EventStore, caseId: string): Promise<LoadedCase> {
  const events = (await store.readStream(caseStreamId(caseId))) as LoadedCase['events'];
  return { state: foldRecorded(events), events, revision: events.length - 1 };
}
