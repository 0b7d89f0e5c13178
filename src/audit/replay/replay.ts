import { Principal } from '../../auth/principal';
import { foldRecorded, toCaseEvent } from '../../cases/case-stream';
import { evolve, initialCaseState } from '../../cases/domain/case.state';
import { RecordedEvent } from '../../event-store/event-store.port';
import { EventSummary, summarize } from '../case-event-summary';
import { personalDataFor, PersonalDataView } from '../../personal-data/personal-data-policy';
import { regulationOf, RegulationView } from '../regulation-view';
import { Breach, buildTimeline, DeadlineLine, StepLine } from './case-timeline';
import { ReplayPoint, selectEvents } from './replay-point';
import { snapshotOf, StateSnapshot } from './state-snapshot';

export type ReplayPointView = { kind: 'latest' } | { kind: 'at'; at: string } | { kind: 'revision'; revision: number };

interface ReplayHeader {
  caseId: string;
  point: ReplayPointView;
  /** Last stream revision folded; -1 when the case had no event yet at the point. */
  revision: number;
  /** False when the point lies before the case was received. */
  received: boolean;
  providerOrganisation: string | null;
  stateCorporationOrganisation: string | null;
  personalData: PersonalDataView;
  /** From the plan snapshot in the case's first event, with citations. */
  regulation: RegulationView | null;
  warnings: string[];
}

export interface CaseReplay extends ReplayHeader, StateSnapshot {
  /** The instant open deadlines are judged at: `at`, or now for the latest state; null for a revision. */
  asOf: string | null;
  steps: StepLine[];
  deadlines: DeadlineLine[];
  breaches: Breach[];
  events: EventSummary[];
}

export interface ReplayStep {
  event: EventSummary;
  before: StateSnapshot;
  after: StateSnapshot;
}

export interface CaseReplaySteps extends ReplayHeader {
  steps: ReplayStep[];
}

export interface ReplayContext {
  caseId: string;
  principal: Principal;
  now: Date;
}

const pointView = (point: ReplayPoint): ReplayPointView =>
  point.kind === 'at'
    ? { kind: 'at', at: point.at.toISOString() }
    : point.kind === 'revision'
      ? { kind: 'revision', revision: point.revision }
      : { kind: 'latest' };

function header(selected: RecordedEvent[], point: ReplayPoint, warnings: string[], ctx: ReplayContext): ReplayHeader {
  const state = foldRecorded(selected);
  return {
    caseId: ctx.caseId,
    point: pointView(point),
    revision: selected.length - 1,
    received: state.status !== 'new',
    providerOrganisation: state.providerOrganisation ?? null,
    stateCorporationOrganisation: state.stateCorporationOrganisation ?? null,
    personalData: personalDataFor(ctx.principal, state.applicant, state.representative),
    regulation: state.plan ? regulationOf(state.plan) : null,
    warnings,
  };
}

/**
 * The case as it stood at the point, rebuilt from its own events with the
 * write side's fold: never from a read model.
 */
export function replayCase(events: RecordedEvent[], point: ReplayPoint, ctx: ReplayContext): CaseReplay {
  const { events: selected, warnings } = selectEvents(events, point);
  const asOf = point.kind === 'at' ? point.at : point.kind === 'latest' ? ctx.now : undefined;
  const timeline = buildTimeline(selected, { asOf });
  return {
    ...header(selected, point, warnings, ctx),
    ...snapshotOf(foldRecorded(selected), asOf),
    asOf: asOf?.toISOString() ?? null,
    steps: timeline.steps,
    deadlines: timeline.deadlines,
    breaches: timeline.breaches,
    events: selected.map(summarize),
  };
}

/** Each event of the prefix with the state before and after it, through the same evolve. */
export function replaySteps(events: RecordedEvent[], point: ReplayPoint, ctx: ReplayContext): CaseReplaySteps {
  const { events: selected, warnings } = selectEvents(events, point);
  let state = initialCaseState();
  const steps = selected.map((recorded) => {
    const before = snapshotOf(state);
    state = evolve(state, toCaseEvent(recorded));
    return { event: summarize(recorded), before, after: snapshotOf(state) };
  });
  return { ...header(selected, point, warnings, ctx), steps };
}
