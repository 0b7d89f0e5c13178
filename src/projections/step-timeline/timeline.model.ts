import type { Channel, Region } from '../../regulations/regulation.model';
import type { Term } from '../../timeline/step-timeline';

/**
 * How a step went against its regulated duration.
 * - on-time / late: a due instant was recorded and the step ended before / after it;
 * - not-regulated: the regulation states no duration (never counted on time);
 * - not-measured: a duration is stated but no due instant exists (the receipt,
 *   whose start is unknown; a refusal at acceptance; a duration in months);
 * - in-progress: not ended yet;
 * - within-step: an action inside a step the text regulates as a whole.
 */
export const STEP_STATUSES = ['on-time', 'late', 'not-regulated', 'not-measured', 'in-progress', 'within-step'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

/** 'step': a step of the regulation's path; 'recall': return of a stored result; 'appeal': consideration of a complaint. */
export type RowKind = 'step' | 'within-step' | 'recall' | 'appeal';

/** 'office-minutes': elapsed minus allowed office time; 'end-minus-due': wall-clock minutes past the due instant. */
export type OverrunBasis = 'office-minutes' | 'end-minus-due';

export type { Term };

/** One step of one case, as stored in rm_step_timeline (and, when ended, as an oversight fact). */
export interface TimelineRow {
  caseId: string;
  /** The step id; `<step>@<revision>` for actions within a step and for recalls; `appeal:<id>` for appeals. */
  rowKey: string;
  /** Display order: twice the revision of the event that opened the row, +1 for a step opened by a `next`. */
  seq: number;
  kind: RowKind;
  stepId: string;
  action: string;
  /** The role the regulation assigns to the step. */
  role: string;
  withinStep: string | null;
  term: Term | null;
  dueAt: string | null;
  dueExplanation: string | null;
  startedAt: string;
  endedAt: string | null;
  elapsedOfficeMinutes: number | null;
  /** The stated duration in office minutes, for durations in minutes or hours. */
  allowedOfficeMinutes: number | null;
  overrunMinutes: number | null;
  overrunBasis: OverrunBasis | null;
  status: StepStatus;
  /** Who ended the step (the person responsible for its timing). */
  actorId: string | null;
  actorRole: string | null;
  /** The event type that ended the step. */
  closedBy: string | null;
}

/** A step the case is waiting on: what is needed to close its row without reading it back. */
export interface OpenStep {
  rowKey: string;
  seq: number;
  kind: RowKind;
  stepId: string;
  action: string;
  role: string;
  startedAt: string;
  dueAt: string | null;
  dueExplanation: string | null;
  /** Executors renamed while the step was open (its due instant stays as recorded). */
  reassignments?: Reassignment[];
}

export interface Reassignment {
  at: string;
  by: string;
  from: string;
  to: string;
  reason: string;
}

export type CaseOutcome = 'open' | 'completed' | 'acceptance-refused' | 'service-refused';

/** What a projection remembers of a case between batches (rm_*_cases). */
export interface CaseTrack {
  caseId: string;
  region: Region;
  providerOrg: string;
  scOrg: string | null;
  service: string;
  channel: Channel;
  regulationVersionId: string;
  /** Hash of `steps` and `recallTerm`: the plan terms are stored once per distinct plan. */
  planKey: string;
  /** Role, action and duration of every step of the plan (main path and refusal branches), by step id. */
  steps: Record<string, { role: string; action: string; term: Term }>;
  recallTerm: Term | null;
  outcome: CaseOutcome;
  receivedAt: string;
  receivedMonth: string;
  closedAt: string | null;
  closedMonth: string | null;
  open: OpenStep | null;
  /** End of the last action inside the open step: the next such action starts there. */
  lastWithinAt: string | null;
  appeals: Record<string, OpenStep>;
}
