import { CaseEvent, RecordedDeadline, Applicant, Representative } from './case.events';
import { CasePlan } from './plan';

export type CaseStatus = 'new' | 'open' | 'acceptance-refused' | 'service-refused' | 'completed';
export type ResultLocation = 'none' | 'provider' | 'state-corporation' | 'provider-storage' | 'applicant';

export interface AppealState {
  appealId: string;
  filedAt: string;
  dueAt: string;
  forwardedTo?: string;
  decision?: 'upheld' | 'rejected';
}

/** What every state carries, received or not. */
interface Progress {
  /** Index in plan.steps of the step awaiting action. */
  cursor: number;
  current?: RecordedDeadline;
  /** When the current step began (the previous step's completion). */
  currentSince?: string;
  overall?: RecordedDeadline;
  executorId?: string;
  signed: boolean;
  resultLocation: ResultLocation;
  /** When the result last arrived at the State Corporation (storage is counted from here). */
  atStateCorporationSince?: string;
  /** When the result was handed to the provider's storage, while it is there (a recall is requested after it). */
  inProviderStorageSince?: string;
  appeals: AppealState[];
  /** Events folded so far (the stream revision is eventCount - 1). */
  eventCount: number;
}

/** What the receipt (accepted or refused) fixes: a case has these from its first event on. */
export interface Receipt {
  caseId: string;
  plan: CasePlan;
  providerOrganisation: string;
  stateCorporationOrganisation?: string;
  applicant: Applicant;
  representative?: Representative;
  receivedAt: string;
}

/**
 * No receipt yet: the receipt's fields are absent by type (`?: never` lets
 * readers ask `state.plan` on any state and get `undefined` here).
 */
export type NewCase = Progress & { status: 'new' } & { [K in keyof Receipt]?: never };
/** Received and awaiting its next step: only open cases take step commands. */
export type OpenCase = Progress & Receipt & { status: 'open' };
/** Received and closed: storage, recall and appeals remain. */
export type ClosedCase = Progress & Receipt & { status: 'acceptance-refused' | 'service-refused' | 'completed' };
/** A case that exists: it has an id, a plan and its parties. */
export type ReceivedCase = OpenCase | ClosedCase;
export type CaseState = NewCase | ReceivedCase;

export const isReceived = (state: CaseState): state is ReceivedCase => state.status !== 'new';

export const initialCaseState = (): CaseState => ({
  status: 'new',
  cursor: 0,
  signed: false,
  resultLocation: 'none',
  appeals: [],
  eventCount: 0,
});

type ReceiptEvent = Extract<CaseEvent, { type: 'ApplicationReceived' | 'AcceptanceRefused' }>;
/** Events that follow a receipt: before one they change nothing but the count. */
type LaterEvent = Exclude<CaseEvent, ReceiptEvent>;
/** Events that fulfil a regulated step (or an action inside one). */
export type StepEvent = Extract<
  CaseEvent,
  {
    type:
      | 'ForwardedToProvider'
      | 'RegisteredAtProvider'
      | 'RegisteredAtStateCorporation'
      | 'DocumentsReviewed'
      | 'VisaImposed'
      | 'DraftPrepared'
      | 'ResultSigned'
      | 'ResultSentToStateCorporation'
      | 'ResultIssued';
  }
>;

/** Where a step action leaves the result (for storage and issue rules). */
function locationAfter(type: StepEvent['type'], state: ReceivedCase): ResultLocation {
  switch (type) {
    case 'ResultSentToStateCorporation':
      return 'state-corporation';
    case 'ResultSigned':
    case 'DraftPrepared':
      return state.resultLocation === 'state-corporation' ? 'state-corporation' : 'provider';
    case 'ForwardedToProvider':
    case 'RegisteredAtProvider':
    case 'RegisteredAtStateCorporation':
    case 'DocumentsReviewed':
    case 'VisaImposed':
    case 'ResultIssued':
      return state.resultLocation;
    default: {
      const unknown: never = type;
      void unknown;
      return state.resultLocation;
    }
  }
}

function receipt(state: CaseState, event: ReceiptEvent, eventCount: number): ReceivedCase {
  const d = event.data;
  const fixed = {
    ...state,
    eventCount,
    caseId: d.caseId,
    plan: d.plan,
    providerOrganisation: d.provider.organisation,
    applicant: d.applicant,
    representative: d.representative,
    receivedAt: d.occurredAt,
  };
  if (event.type === 'AcceptanceRefused') {
    return { ...fixed, stateCorporationOrganisation: state.stateCorporationOrganisation, status: 'acceptance-refused', current: undefined };
  }
  const received = {
    ...fixed,
    stateCorporationOrganisation: event.data.stateCorporation?.organisation,
    cursor: 1,
    currentSince: d.occurredAt,
    overall: event.data.overall,
    resultLocation: 'none' as const,
  };
  // For some services the receipt itself is the result.
  return event.data.plan.steps.length <= 1
    ? { ...received, status: 'completed', current: undefined }
    : { ...received, status: 'open', current: event.data.next };
}

function stepTaken(state: ReceivedCase, event: StepEvent, eventCount: number): ReceivedCase {
  const d = event.data;
  const advanced = d.step.withinStep === undefined;
  const moved: ReceivedCase = {
    ...state,
    eventCount,
    cursor: advanced ? state.cursor + 1 : state.cursor,
    current: advanced ? d.next : state.current,
    currentSince: advanced ? d.occurredAt : state.currentSince,
    resultLocation: locationAfter(event.type, state),
    ...(event.type === 'VisaImposed' ? { executorId: event.data.executorId } : {}),
    ...(event.type === 'ResultSigned' ? { signed: true } : {}),
    ...(event.type === 'ResultSentToStateCorporation' ? { atStateCorporationSince: d.occurredAt } : {}),
  };
  if (event.type === 'ResultIssued') return { ...moved, status: 'completed', resultLocation: 'applicant', current: undefined };
  // The path ends with its last regulated step (usually the issue; for some
  // services the receipt itself is the result).
  if (moved.cursor >= moved.plan.steps.length) return { ...moved, status: 'completed', current: undefined };
  return moved;
}

function later(state: ReceivedCase, event: LaterEvent, eventCount: number): ReceivedCase {
  const next: ReceivedCase = { ...state, eventCount };
  switch (event.type) {
    case 'ForwardedToProvider':
    case 'RegisteredAtProvider':
    case 'RegisteredAtStateCorporation':
    case 'DocumentsReviewed':
    case 'VisaImposed':
    case 'DraftPrepared':
    case 'ResultSigned':
    case 'ResultSentToStateCorporation':
    case 'ResultIssued':
      return stepTaken(state, event, eventCount);
    case 'ExecutorReassigned':
      // Only who is responsible changes: the step, its start and its deadline stay as recorded.
      return { ...next, executorId: event.data.executorId };
    case 'ServiceRefused':
      return { ...next, status: 'service-refused', current: undefined };
    case 'ResultHandedToStorage':
      return { ...next, resultLocation: 'provider-storage', inProviderStorageSince: event.data.occurredAt };
    case 'ResultRecalledFromStorage':
      return {
        ...next,
        resultLocation: 'state-corporation',
        atStateCorporationSince: event.data.occurredAt,
        inProviderStorageSince: undefined,
      };
    case 'AppealFiled':
      return {
        ...next,
        appeals: [...state.appeals, { appealId: event.data.appealId, filedAt: event.data.occurredAt, dueAt: event.data.dueAt }],
      };
    case 'AppealForwarded':
      return {
        ...next,
        appeals: state.appeals.map((a) => (a.appealId === event.data.appealId ? { ...a, forwardedTo: event.data.to } : a)),
      };
    case 'AppealDecided':
      return {
        ...next,
        appeals: state.appeals.map((a) => (a.appealId === event.data.appealId ? { ...a, decision: event.data.decision } : a)),
      };
    default: {
      // Unreachable by type; an event this code does not know changes nothing but the count.
      const unknown: never = event;
      void unknown;
      return next;
    }
  }
}

/**
 * Pure fold: the same events always give the same state (write side, audit
 * replay). Every event is counted (the count is the stream revision + 1); an
 * event before the receipt changes nothing else.
 */
export function evolve(state: CaseState, event: CaseEvent): CaseState {
  const eventCount = state.eventCount + 1;
  if (event.type === 'ApplicationReceived' || event.type === 'AcceptanceRefused') return receipt(state, event, eventCount);
  if (!isReceived(state)) return { ...state, eventCount };
  return later(state, event, eventCount);
}

export const foldCase = (events: CaseEvent[]): CaseState => events.reduce(evolve, initialCaseState());
