import { uuidFromName } from '../common/ids';
import { AppendResult, EventStore, ExpectedRevision, NewEvent, RecordedEvent } from '../event-store/event-store.port';
import { CASE_EVENT_SCHEMA_VERSION, CaseEvent, caseStreamId } from './domain/case.events';
import { CaseState, evolve, initialCaseState } from './domain/case.state';
import { decodeOrThrow } from './domain/case-event-codec';
import { knownPlan, loadPlansFor, planDigest, storePlans } from './plan-codec';

/** Metadata every case event carries beside the actor inside its data. */
export interface CommandMetadata {
  commandId: string;
  correlationId: string;
  causationId: string;
  /** Hash of the request that produced the events, to tell a retry from a reused key. */
  requestHash?: string;
}

export { uuidFromName };

/** A case event as stored: the domain event plus its position in the log. */
export interface LoadedCase {
  state: CaseState;
  /** As stored: decode each with toCaseEvent (a receipt's stored data names its plan by digest). */
  events: RecordedEvent[];
  /** Stream revision of the last event; -1 when the case does not exist. */
  revision: number;
}

/** Decoded by the case event codec: an event that does not decode stops the read (UndecodableCaseEvent). */
export function toCaseEvent(recorded: RecordedEvent): CaseEvent {
  return decodeOrThrow(recorded, knownPlan);
}

/** A case event's data as stored at the current schema version: a receipt names its plan by digest (storePlans stores the plan). */
export function storedData(event: CaseEvent): unknown {
  switch (event.type) {
    case 'ApplicationReceived':
    case 'AcceptanceRefused': {
      const { plan, ...rest } = event.data;
      return { ...rest, planDigest: planDigest(plan) };
    }
    default:
      return event.data;
  }
}

export function toNewEvents(events: CaseEvent[], meta: CommandMetadata): NewEvent[] {
  return events.map((event, index) => ({
    id: uuidFromName(`${meta.commandId}:${index}`),
    type: event.type,
    schemaVersion: CASE_EVENT_SCHEMA_VERSION,
    data: storedData(event),
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

/** A case's stream as stored, with the plans its receipts name loaded (so toCaseEvent decodes them). */
export async function readCaseStream(store: Pick<EventStore, 'readStream'>, caseId: string): Promise<RecordedEvent[]> {
  const events = await store.readStream(caseStreamId(caseId));
  await loadPlansFor(store, events);
  return events;
}

export async function loadCase(store: EventStore, caseId: string): Promise<LoadedCase> {
  const events = await readCaseStream(store, caseId);
  return { state: foldRecorded(events), events, revision: events.length - 1 };
}

/** Stores the plans the events' receipts name, then appends the events (as the command path does). */
export async function appendCaseEvents(
  store: Pick<EventStore, 'append'>,
  caseId: string,
  events: CaseEvent[],
  meta: CommandMetadata,
  expected: ExpectedRevision,
): Promise<AppendResult> {
  const stored = toNewEvents(events, meta);
  await storePlans(store, events, stored[0]?.metadata ?? {});
  return store.append(caseStreamId(caseId), stored, expected);
}
