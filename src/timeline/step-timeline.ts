import type { CaseActor, CaseEvent, CaseEventType, RecordedDeadline, StepFulfilment } from '../cases/domain/case.events';
import type { Duration, DurationUnit } from '../regulations/regulation.model';

/**
 * The one reading of a case's events as a per-step timeline: which regulated step an
 * event ends, which it opens, what happens inside a step timed as a whole, and how an
 * end is judged against the due instant recorded when the step began. Pure; the
 * step-timeline projection (rows per step, kept between batches) and the audit's case
 * timeline (replayed from the stream) are two views over it and never read events
 * for steps themselves.
 */

/** Events that fulfil a regulation step after the receipt (each carries the step and the next one due). */
export const PROGRESS_EVENT_TYPES = [
  'ForwardedToProvider',
  'RegisteredAtProvider',
  'RegisteredAtStateCorporation',
  'DocumentsReviewed',
  'VisaImposed',
  'DraftPrepared',
  'ResultSigned',
  'ResultSentToStateCorporation',
  'ResultIssued',
] as const satisfies readonly CaseEventType[];
export type ProgressEventType = (typeof PROGRESS_EVENT_TYPES)[number];

/** The event types the timeline and the oversight statistics learn from. */
export const TIMELINE_EVENT_TYPES = [
  'ApplicationReceived',
  'AcceptanceRefused',
  ...PROGRESS_EVENT_TYPES,
  'ExecutorReassigned',
  'ServiceRefused',
  'ResultRecalledFromStorage',
  'AppealFiled',
  'AppealDecided',
] as const satisfies readonly CaseEventType[];

/** What an action inside an enclosing step did, by its event. */
const WITHIN_ACTION: Record<ProgressEventType, string> = {
  ForwardedToProvider: 'forwarded-to-provider',
  RegisteredAtProvider: 'registered',
  RegisteredAtStateCorporation: 'registered',
  DocumentsReviewed: 'documents-reviewed',
  VisaImposed: 'visa-imposed',
  DraftPrepared: 'draft-prepared',
  ResultSigned: 'signed',
  ResultSentToStateCorporation: 'sent-to-state-corporation',
  ResultIssued: 'issued',
};

/** A step of the regulation's path ended (the receipt included) and, unless the case closes, the next one began. */
export interface StepEnded {
  kind: 'step-ended';
  step: StepFulfilment;
  actor: CaseActor;
  at: string;
  /** The step due next with its recorded deadline; undefined when the path ends here. */
  next: RecordedDeadline | undefined;
  /** True when the event completes the case (the result issued, or the end of the path). */
  closesCase: boolean;
}

/** An action inside a step the regulation times as a whole: the enclosing step goes on. */
export interface WithinStep {
  kind: 'within-step';
  withinStep: string;
  action: string;
  actor: CaseActor;
  at: string;
}

/** A refusal: at acceptance the only step; in service, the running step ends with it. */
export interface Refused {
  kind: 'refused';
  outcome: 'acceptance-refused' | 'service-refused';
  /** The refusal branch of the plan, when the plan has one (never a step of the main path). */
  step: StepFulfilment | undefined;
  actor: CaseActor;
  at: string;
}

/** No regulated step begins or ends (reassignment, storage, recall, appeals: deadlines of their own). */
export interface OffPath {
  kind: 'off-path';
}

export type StepMove = StepEnded | WithinStep | Refused | OffPath;
export type ProgressMove = StepEnded | WithinStep;

/** What a step event does to the steps: ends one (and opens the next), or acts within the running one. */
export function progressOf(event: Extract<CaseEvent, { type: ProgressEventType }>): ProgressMove {
  const d = event.data;
  if (d.step.withinStep !== undefined) {
    return {
      kind: 'within-step',
      withinStep: d.step.withinStep,
      action: WITHIN_ACTION[event.type],
      actor: d.actor,
      at: d.occurredAt,
    };
  }
  return stepEnded(d, event.type === 'ResultIssued');
}

/** The receipt: the first step ends as the case begins; the next one, if any, is due. */
export const receiptOf = (event: Extract<CaseEvent, { type: 'ApplicationReceived' }>): StepEnded => stepEnded(event.data, false);

/** A step ended by its own event; the case closes when `closes` says so or no step is due next. */
function stepEnded(d: { step: StepFulfilment; actor: CaseActor; occurredAt: string; next?: RecordedDeadline }, closes: boolean): StepEnded {
  return { kind: 'step-ended', step: d.step, actor: d.actor, at: d.occurredAt, next: d.next, closesCase: closes || !d.next };
}

export function refusalOf(event: Extract<CaseEvent, { type: 'AcceptanceRefused' | 'ServiceRefused' }>): Refused {
  const d = event.data;
  return {
    kind: 'refused',
    outcome: event.type === 'AcceptanceRefused' ? 'acceptance-refused' : 'service-refused',
    step: d.step,
    actor: d.actor,
    at: d.occurredAt,
  };
}

/** What any case event does to the case's regulated steps. */
export function stepMoveOf(event: CaseEvent): StepMove {
  switch (event.type) {
    case 'ApplicationReceived':
      return receiptOf(event);
    case 'AcceptanceRefused':
    case 'ServiceRefused':
      return refusalOf(event);
    case 'ExecutorReassigned':
    case 'ResultHandedToStorage':
    case 'ResultRecalledFromStorage':
    case 'AppealFiled':
    case 'AppealForwarded':
    case 'AppealDecided':
      return { kind: 'off-path' };
    default:
      // Exhaustive: progressOf takes exactly the step events, so a new event type fails to compile here.
      return progressOf(event);
  }
}

/** A regulated duration as the case's plan states it. */
export type Term = { value: number; unit: DurationUnit } | { note: string };

export const termOf = (duration: Duration): Term =>
  duration.kind === 'stated' ? { value: duration.value, unit: duration.unit } : { note: duration.note };

export const isStated = (term: Term | null): term is Extract<Term, { value: number }> => term !== null && 'value' in term;

/** Office minutes a duration allows, when it is counted in office time (minutes and hours). */
export function allowedOfficeMinutes(term: Term | null): number | null {
  if (!isStated(term)) return null;
  if (term.unit === 'minutes') return term.value;
  if (term.unit === 'hours') return term.value * 60;
  return null;
}

/** True when `at` lies after the due instant: an end after it is late, an open step past it is overdue. */
export const isPastDue = (dueAt: string, at: string | Date): boolean => new Date(at).getTime() > Date.parse(dueAt);

/** Wall-clock minutes from the due instant to `at` (negative when `at` is earlier). */
export const minutesPastDue = (dueAt: string, at: string | Date): number => (new Date(at).getTime() - Date.parse(dueAt)) / 60_000;
