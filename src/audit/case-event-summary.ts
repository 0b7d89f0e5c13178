import { toCaseEvent } from '../cases/case-stream';
import { CaseActor, CaseEvent } from '../cases/domain/case.events';
import { RecordedEvent } from '../event-store/event-store.port';

/** One stored event as an auditor sees it: where it sits in the log, who did what, when. No personal data. */
export interface EventSummary {
  eventId: string;
  type: string;
  revision: number;
  /** Global position in the event log (a bigint, as text). */
  position: string;
  /** When the store committed the event. */
  recordedAt: string;
  /** The service's clock when the command was decided (set by the server, never by the client). */
  occurredAt: string;
  actor: CaseActor | null;
  correlationId: string | null;
  /** The regulation step the event fulfils, with the deadline it was measured against. */
  step?: { stepId: string; action: string; dueAt: string | null; late: boolean; withinStep?: string };
}

/** metadata.occurredAt is what toNewEvents writes; the data copy is the fallback for older events. */
export function occurredAtOf(recorded: RecordedEvent): string {
  const fromMetadata = recorded.metadata.occurredAt;
  if (typeof fromMetadata === 'string') return fromMetadata;
  const fromData = (recorded.data as { occurredAt?: unknown } | null)?.occurredAt;
  return typeof fromData === 'string' ? fromData : recorded.recordedAt.toISOString();
}

export const occurredMs = (recorded: RecordedEvent): number => Date.parse(occurredAtOf(recorded));

export function actorOf(event: CaseEvent): CaseActor | null {
  return event.data.actor ?? null;
}

export function stepOf(event: CaseEvent) {
  return 'step' in event.data ? event.data.step : undefined;
}

export function summarize(recorded: RecordedEvent): EventSummary {
  const event = toCaseEvent(recorded);
  const step = stepOf(event);
  return {
    eventId: recorded.id,
    type: recorded.type,
    revision: recorded.revision,
    position: recorded.position.toString(),
    recordedAt: recorded.recordedAt.toISOString(),
    occurredAt: occurredAtOf(recorded),
    actor: actorOf(event),
    correlationId: typeof recorded.metadata.correlationId === 'string' ? recorded.metadata.correlationId : null,
    ...(step
      ? {
          step: {
            stepId: step.stepId,
            action: step.action,
            dueAt: step.dueAt ?? null,
            late: step.late,
            ...(step.withinStep ? { withinStep: step.withinStep } : {}),
          },
        }
      : {}),
  };
}
