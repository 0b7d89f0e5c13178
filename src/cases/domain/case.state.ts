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

export interface CaseState {
  caseId?: string;
  status: CaseStatus;
  plan?: CasePlan;
  providerOrganisation?: string;
  stateCorporationOrganisation?: string;
  applicant?: Applicant;
  representative?: Representative;
  receivedAt?: string;
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

export const initialCaseState = (): CaseState => ({
  status: 'new',
  cursor: 0,
  signed: false,
  resultLocation: 'none',
  appeals: [],
  eventCount: 0,
});

/** Where a step action leaves the result (for storage and issue rules). */
function locationAfter(type: CaseEvent['type'], state: CaseState): ResultLocation {
  switch (type) {
    case 'ResultSentToStateCorporation':
      return 'state-corporation';
    case 'ResultSigned':
    case 'DraftPrepared':
      return state.resultLocation === 'state-corporation' ? 'state-corporation' : 'provider';
    default:
      return state.resultLocation;
  }
}

/** Pure fold: the same events always give the same state (write side, audit replay). */
export function evolve(state: CaseState, event: CaseEvent): CaseState {
  const next: CaseState = { ...state, eventCount: state.eventCount + 1 };
  switch (event.type) {
    case 'ApplicationReceived': {
      const d = event.data;
      return {
        ...next,
        caseId: d.caseId,
        status: 'open',
        plan: d.plan,
        providerOrganisation: d.provider.organisation,
        stateCorporationOrganisation: d.stateCorporation?.organisation,
        applicant: d.applicant,
        representative: d.representative,
        receivedAt: d.occurredAt,
        cursor: 1,
        current: d.next,
        currentSince: d.occurredAt,
        overall: d.overall,
        resultLocation: 'none',
        ...(d.plan.steps.length <= 1 ? { status: 'completed' as const, current: undefined } : {}),
      };
    }
    case 'AcceptanceRefused': {
      const d = event.data;
      return {
        ...next,
        caseId: d.caseId,
        status: 'acceptance-refused',
        plan: d.plan,
        providerOrganisation: d.provider.organisation,
        applicant: d.applicant,
        representative: d.representative,
        receivedAt: d.occurredAt,
        current: undefined,
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
      const d = event.data;
      const advanced = d.step.withinStep === undefined;
      const moved: CaseState = {
        ...next,
        cursor: advanced ? state.cursor + 1 : state.cursor,
        current: advanced ? d.next : state.current,
        currentSince: advanced ? d.occurredAt : state.currentSince,
        resultLocation: locationAfter(event.type, state),
      };
      if (event.type === 'VisaImposed') moved.executorId = event.data.executorId;
      if (event.type === 'ResultSigned') moved.signed = true;
      if (event.type === 'ResultSentToStateCorporation') moved.atStateCorporationSince = d.occurredAt;
      // The path ends with its last regulated step (usually the issue; for some
      // services the receipt itself is the result).
      if (moved.plan && moved.cursor >= moved.plan.steps.length) {
        moved.status = 'completed';
        moved.current = undefined;
      }
      if (event.type === 'ResultIssued') {
        moved.status = 'completed';
        moved.resultLocation = 'applicant';
        moved.current = undefined;
      }
      return moved;
    }
    case 'ServiceRefused':
      return { ...next, status: 'service-refused', current: undefined };
    case 'ResultHandedToStorage':
      return { ...next, resultLocation: 'provider-storage', inProviderStorageSince: event.data.occurredAt };
    case 'ResultRecalledFromStorage':
      return { ...next, resultLocation: 'state-corporation', atStateCorporationSince: event.data.occurredAt, inProviderStorageSince: undefined };
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
      const unknown: never = event;
      return unknown;
    }
  }
}

export const foldCase = (events: CaseEvent[]): CaseState => events.reduce(evolve, initialCaseState());
