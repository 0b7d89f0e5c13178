import { RecordedDeadline } from '../../cases/domain/case.events';
import { AppealState, CaseState, CaseStatus, ResultLocation } from '../../cases/domain/case.state';

const STATE_CORPORATION_ROLES = new Set(['state-corporation-operator', 'state-corporation-courier']);
/** Step roles whose work the executor named in the visa carries. */
const EXECUTOR_ROLES = new Set(['executor', 'commission', 'provider']);

export interface Responsible {
  /** The regulation's role for the step. */
  role: string;
  organisation: string | null;
  /** The executor the head named in the visa, where the step is the executor's work. */
  executorId: string | null;
}

export interface CurrentStepView extends RecordedDeadline {
  /** When the step began: the previous step's completion. */
  since: string | null;
  responsible: Responsible;
  /** Whether the recorded deadline had passed at the replay instant (absent without an instant). */
  overdue?: boolean;
}

/** A case state without the plan and the applicant (both given once beside it). */
export interface StateSnapshot {
  revision: number;
  status: CaseStatus;
  receivedAt: string | null;
  currentStep: CurrentStepView | null;
  overallDeadline: RecordedDeadline | null;
  namedExecutor: string | null;
  signed: boolean;
  resultLocation: ResultLocation;
  appeals: AppealState[];
}

export function responsibleFor(role: string, state: CaseState): Responsible {
  return {
    role,
    organisation: (STATE_CORPORATION_ROLES.has(role) ? state.stateCorporationOrganisation : state.providerOrganisation) ?? null,
    executorId: EXECUTOR_ROLES.has(role) ? (state.executorId ?? null) : null,
  };
}

export function snapshotOf(state: CaseState, asOf?: Date): StateSnapshot {
  const current = state.current;
  return {
    revision: state.eventCount - 1,
    status: state.status,
    receivedAt: state.receivedAt ?? null,
    currentStep: current
      ? {
          ...current,
          since: state.currentSince ?? null,
          responsible: responsibleFor(current.role, state),
          ...(asOf && current.dueAt ? { overdue: asOf.getTime() > Date.parse(current.dueAt) } : {}),
        }
      : null,
    overallDeadline: state.overall ?? null,
    namedExecutor: state.executorId ?? null,
    signed: state.signed,
    resultLocation: state.resultLocation,
    appeals: state.appeals,
  };
}
