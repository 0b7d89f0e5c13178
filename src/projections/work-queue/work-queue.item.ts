import type { CaseEvent, CaseEventType } from '../../cases/domain/case.events';
import { PROGRESS_EVENT_TYPES } from '../../timeline/step-timeline';

/** One open case and the step it waits for (a row of rm_work_queue). */
export interface QueueItem {
  caseId: string;
  region: string;
  providerOrganisation: string;
  stateCorporationOrganisation: string | null;
  service: string;
  channel: string;
  regulationVersionId: string;
  stepId: string;
  stepAction: string;
  stepRole: string;
  /** When the step began (the previous step's completion). */
  stepSince: string;
  /** Null when the regulation states no duration for the step. */
  dueAt: string | null;
  dueExplanation: string | null;
  executorId: string | null;
  receivedAt: string;
  revision: number;
  position: string;
}

/** The events that open, move or close a queue entry; the projection subscribes to these only. */
export const QUEUE_EVENT_TYPES: CaseEventType[] = ['ApplicationReceived', ...PROGRESS_EVENT_TYPES, 'ExecutorReassigned', 'ServiceRefused'];

export interface Recorded {
  revision: number;
  position: bigint;
}

/**
 * The queue entry after one event: undefined when the case is not (or no
 * longer) waiting for anyone. Mirrors evolve() of the write side: a step
 * event moves the case to its `next` step unless it happened within a step
 * regulated as a whole; the path ends when there is no next step.
 */
export function evolveQueueItem(item: QueueItem | undefined, event: CaseEvent, at: Recorded): QueueItem | undefined {
  const stamp = { revision: at.revision, position: at.position.toString() };
  switch (event.type) {
    case 'ApplicationReceived': {
      const d = event.data;
      if (!d.next) return undefined; // the receipt itself was the whole service
      return {
        caseId: d.caseId,
        region: d.plan.region,
        providerOrganisation: d.provider.organisation,
        stateCorporationOrganisation: d.stateCorporation?.organisation ?? null,
        service: d.plan.service,
        channel: d.plan.channel,
        regulationVersionId: d.plan.regulationVersionId,
        stepId: d.next.stepId,
        stepAction: d.next.action,
        stepRole: d.next.role,
        stepSince: d.occurredAt,
        dueAt: d.next.dueAt ?? null,
        dueExplanation: d.next.explanation,
        executorId: null,
        receivedAt: d.occurredAt,
        ...stamp,
      };
    }
    case 'ForwardedToProvider':
    case 'RegisteredAtProvider':
    case 'RegisteredAtStateCorporation':
    case 'DocumentsReviewed':
    case 'VisaImposed':
    case 'DraftPrepared':
    case 'ResultSigned':
    case 'ResultSentToStateCorporation':
    case 'ResultIssued': {
      if (!item) return undefined;
      if (event.type === 'ResultIssued') return undefined;
      const d = event.data;
      const executorId = event.type === 'VisaImposed' ? event.data.executorId : item.executorId;
      if (d.step.withinStep !== undefined) return { ...item, executorId, ...stamp };
      if (!d.next) return undefined;
      return {
        ...item,
        stepId: d.next.stepId,
        stepAction: d.next.action,
        stepRole: d.next.role,
        stepSince: d.occurredAt,
        dueAt: d.next.dueAt ?? null,
        dueExplanation: d.next.explanation,
        executorId,
        ...stamp,
      };
    }
    case 'ExecutorReassigned':
      // The work moves to the new executor; the step, its start and its due instant stay.
      return item ? { ...item, executorId: event.data.executorId, ...stamp } : undefined;
    case 'AcceptanceRefused':
    case 'ServiceRefused':
      return undefined;
    default:
      // Storage and appeals happen after the path: they do not queue work.
      return item;
  }
}
