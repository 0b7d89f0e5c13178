import { Citation, StepAction } from '../../regulations/regulation.model';
import { CasePlan } from './plan';

/** Who acted: always from the verified token, never from the request body. */
export interface CaseActor {
  id: string;
  role: string;
  organisation: string;
}

/** The regulation step an event fulfils, with its due instant as computed when the step began. */
export interface StepFulfilment {
  stepId: string;
  action: StepAction;
  citation: Citation;
  /** Absent when the regulation states no duration for the step ("not regulated"). */
  dueAt?: string;
  late: boolean;
  /** Set when the action happens inside a step the text regulates as a whole (e.g. the provider's 13 working days). */
  withinStep?: string;
}

/** A deadline as a recorded fact: a later calendar change never rewrites it. */
export interface RecordedDeadline {
  stepId: string;
  action: StepAction;
  role: string;
  /** Absent when the regulation states no duration. */
  dueAt?: string;
  explanation: string;
  citation?: Citation;
}

interface Base {
  caseId: string;
  actor: CaseActor;
  occurredAt: string;
}

interface Progress extends Base {
  step: StepFulfilment;
  /** The step that is due next, with its deadline computed now; absent at the end of the path. */
  next?: RecordedDeadline;
}

export interface Applicant {
  iin: string;
  name: string;
}

export interface Representative {
  name: string;
  iin?: string;
  /** `notarised`: as stated at receipt; absent in events recorded before it was asked, which is "not stated". */
  powerOfAttorney: { number: string; date: string; notarised?: boolean };
}

export type CaseEvent =
  | {
      type: 'ApplicationReceived';
      data: Progress & {
        plan: CasePlan;
        provider: { organisation: string };
        stateCorporation?: { organisation: string };
        applicant: Applicant;
        representative?: Representative;
        documents: string[];
        consentToProtectedData: boolean;
        category?: string;
        overall?: RecordedDeadline;
      };
    }
  | {
      type: 'AcceptanceRefused';
      data: Base & {
        plan: CasePlan;
        provider: { organisation: string };
        applicant: Applicant;
        representative?: Representative;
        documents: string[];
        missingDocuments: string[];
        step?: StepFulfilment;
      };
    }
  | { type: 'ForwardedToProvider'; data: Progress }
  /** The provider registered the package (office, or the provider's step on another route). */
  | { type: 'RegisteredAtProvider'; data: Progress & { registrationNumber?: string } }
  /**
   * The State Corporation registered the package in its own system (ИИС ЦОН). Recorded
   * as RegisteredAtProvider before #17: those events keep their type and read the same.
   */
  | { type: 'RegisteredAtStateCorporation'; data: Progress & { registrationNumber?: string } }
  | { type: 'DocumentsReviewed'; data: Progress }
  | { type: 'VisaImposed'; data: Progress & { executorId: string } }
  /**
   * The head names another executor for the visa's work (the named one is absent,
   * mistyped, overloaded). Not a regulated step: the case stays at its step and
   * the step's recorded deadline does not move.
   */
  | { type: 'ExecutorReassigned'; data: Base & { previousExecutorId: string; executorId: string; reason: string; stepId?: string } }
  | { type: 'DraftPrepared'; data: Progress & { summary?: string } }
  | { type: 'ResultSigned'; data: Progress }
  | { type: 'ResultSentToStateCorporation'; data: Progress & { deliverBy?: string } }
  | { type: 'ResultIssued'; data: Progress & { to: 'applicant' | 'representative' } }
  | { type: 'ServiceRefused'; data: Base & { grounds: string; step?: StepFulfilment } }
  | { type: 'ResultHandedToStorage'; data: Base & { storedSinceAt: string; storageEndedAt?: string; early: boolean } }
  | { type: 'ResultRecalledFromStorage'; data: Base & { requestedAt: string; dueAt: string; late: boolean; explanation: string } }
  | { type: 'AppealFiled'; data: Base & { appealId: string; grounds: string; dueAt: string; explanation: string } }
  | { type: 'AppealForwarded'; data: Base & { appealId: string; to: string } }
  | {
      type: 'AppealDecided';
      data: Base & { appealId: string; decision: 'upheld' | 'rejected'; reasoning: string; dueAt: string; late: boolean };
    };

export type CaseEventType = CaseEvent['type'];
export type EventOf<T extends CaseEventType> = Extract<CaseEvent, { type: T }>;

/** 2: receipts name their plan by digest (plan-codec.ts); 1: receipts carry it inline. Both decode. */
export const CASE_EVENT_SCHEMA_VERSION = 2;
export const CASE_STREAM_PREFIX = 'case-';
export const caseStreamId = (caseId: string): string => `${CASE_STREAM_PREFIX}${caseId}`;
