import { decodeOrThrow } from '../../cases/domain/case-event-codec';
import type { CaseEvent } from '../../cases/domain/case.events';
import type { RecordedEvent } from '../../event-store/event-store.port';
import { knownPlan } from '../../cases/plan-codec';

const decoded = new WeakMap<RecordedEvent, CaseEvent>();

/**
 * decodeOrThrow, once per recorded event however many projections read it. A
 * rebuild hands the same page (the same event objects) to every projection of
 * its pass, and checking an event's data (a whole regulation plan in an
 * ApplicationReceived) was repeated by each (718,071 events, four projections:
 * 207 -> 190 µs of client CPU per log event). Kept as long as the event object is (a WeakMap), and only when
 * it decodes, so a failure is thrown again to every reader. The decoded event
 * shares the recorded one's data object, as decodeOrThrow's result does
 * (a receipt that names its plan by digest gets a copy with the plan put in):
 * readers treat both as immutable.
 */
export function decodeCaseEventOnce(event: RecordedEvent): CaseEvent {
  let found = decoded.get(event);
  if (found === undefined) {
    found = decodeOrThrow(event, knownPlan);
    decoded.set(event, found);
  }
  return found;
}
