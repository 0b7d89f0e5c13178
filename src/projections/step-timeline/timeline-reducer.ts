import { createHash } from 'node:crypto';
import type { CaseActor, CaseEvent, EventOf, RecordedDeadline } from '../../cases/domain/case.events';
import { APPEAL_TERM } from '../../cases/domain/deadlines';
import type { CasePlan, PlannedStep } from '../../cases/domain/plan';
import type { Region } from '../../regulations/regulation.model';
import { perObject } from '../../common/per-object';
import {
  allowedOfficeMinutes,
  isPastDue,
  isStated,
  minutesPastDue,
  progressOf,
  receiptOf,
  refusalOf,
  termOf,
  type ProgressMove,
  type Term,
} from '../../timeline/step-timeline';
import type { CaseTrack, OpenStep, StepStatus, TimelineRow } from './timeline.model';

/** Working-time questions the reducer asks (OfficeTimeMeter answers them). */
export interface TimeMeter {
  elapsedMinutes(from: Date, to: Date, region: Region): number | null;
  localMonth(at: Date, region: Region): string;
}

/** A case event with the stream revision it was recorded at. */
export interface RevisedEvent {
  event: CaseEvent;
  revision: number;
}

export interface Reduction {
  /** The case's state after the event; undefined when the event was ignored. */
  track: CaseTrack | undefined;
  /** Rows created or changed (whole rows: the last one for a key wins). */
  rows: TimelineRow[];
}

const RECEIPT_UNMEASURED = 'the receipt is the first step: its own duration has no known start';
const ACCEPTANCE_REFUSAL_UNMEASURED = 'a refusal at acceptance is the first and only step: its duration has no known start';

const APPEAL_DURATION: Term = { value: APPEAL_TERM.value, unit: APPEAL_TERM.unit };

function planSteps(plan: CasePlan): CaseTrack['steps'] {
  const steps: CaseTrack['steps'] = {};
  const add = (s: PlannedStep | undefined) => {
    if (s) steps[s.id] = { role: s.role, action: s.action, term: termOf(s.duration) };
  };
  plan.steps.forEach(add);
  add(plan.acceptanceRefusal);
  add(plan.serviceRefusal);
  return steps;
}

function recallTermOf(plan: CasePlan): Term | null {
  const rule = plan.specialRules.find((r) => r.kind === 'recall-from-provider-storage');
  return rule && rule.kind === 'recall-from-provider-storage' ? termOf(rule.within) : null;
}

function opened(next: RecordedDeadline, startedAt: string, seq: number): OpenStep {
  return {
    rowKey: next.stepId,
    seq,
    kind: 'step',
    stepId: next.stepId,
    action: next.action,
    role: next.role,
    startedAt,
    dueAt: next.dueAt ?? null,
    dueExplanation: next.explanation,
  };
}

/** The regulated duration of a step in progress (appeals: the law's term). */
export const openTerm = (track: CaseTrack, open: OpenStep): Term | null =>
  open.kind === 'appeal' ? APPEAL_DURATION : (track.steps[open.stepId]?.term ?? null);

function inProgressRow(track: CaseTrack, open: OpenStep): TimelineRow {
  const term = openTerm(track, open);
  return {
    caseId: track.caseId,
    rowKey: open.rowKey,
    seq: open.seq,
    kind: open.kind,
    stepId: open.stepId,
    action: open.action,
    role: open.role,
    withinStep: null,
    term,
    dueAt: open.dueAt,
    dueExplanation: open.dueExplanation,
    startedAt: open.startedAt,
    endedAt: null,
    elapsedOfficeMinutes: null,
    allowedOfficeMinutes: allowedOfficeMinutes(term),
    overrunMinutes: null,
    overrunBasis: null,
    status: 'in-progress',
    actorId: null,
    actorRole: null,
    closedBy: null,
  };
}

/** Status of an ended step: against the recorded due instant when there is one. */
function statusOf(term: Term | null, dueAt: string | null, late: boolean): StepStatus {
  if (dueAt !== null) return late ? 'late' : 'on-time';
  return isStated(term) ? 'not-measured' : 'not-regulated';
}

/** Fills end, elapsed time, overrun and status of a row. */
function ended(
  row: TimelineRow,
  end: string,
  meter: TimeMeter,
  region: Region,
  closing: { actor: CaseActor; closedBy: string; late?: boolean; status?: StepStatus },
): TimelineRow {
  const elapsed = meter.elapsedMinutes(new Date(row.startedAt), new Date(end), region);
  const late = closing.late ?? (row.dueAt !== null && isPastDue(row.dueAt, end));
  const status = closing.status ?? statusOf(row.term, row.dueAt, late);
  let overrunMinutes: number | null = null;
  let overrunBasis: TimelineRow['overrunBasis'] = null;
  if (status === 'on-time' || status === 'late') {
    if (row.allowedOfficeMinutes !== null && elapsed !== null) {
      overrunMinutes = elapsed - row.allowedOfficeMinutes;
      overrunBasis = 'office-minutes';
    } else if (row.dueAt !== null) {
      overrunMinutes = minutesPastDue(row.dueAt, end);
      overrunBasis = 'end-minus-due';
    }
  }
  return {
    ...row,
    endedAt: end,
    elapsedOfficeMinutes: elapsed,
    overrunMinutes,
    overrunBasis,
    status,
    actorId: closing.actor.id,
    actorRole: closing.actor.role,
    closedBy: closing.closedBy,
  };
}

/** A plan step begun at `at` with no due instant; the event's own action and role where the plan lacks the step. */
function planStepAt(
  track: CaseTrack,
  stepId: string,
  fallback: { action: string; role: string },
  seq: number,
  at: string,
  dueExplanation: string | null,
): OpenStep {
  const step = track.steps[stepId];
  return {
    rowKey: stepId,
    seq,
    kind: 'step',
    stepId,
    action: step?.action ?? fallback.action,
    role: step?.role ?? fallback.role,
    startedAt: at,
    dueAt: null,
    dueExplanation,
  };
}

/** A step that starts and ends at one instant (the receipt, a refusal at acceptance). */
function instantRow(
  track: CaseTrack,
  stepId: string,
  fallback: { action: string; role: string },
  seq: number,
  at: string,
  actor: CaseActor,
  closedBy: string,
  unmeasured: string,
  meter: TimeMeter,
): TimelineRow {
  const stated = isStated(track.steps[stepId]?.term ?? null);
  const row = inProgressRow(track, planStepAt(track, stepId, fallback, seq, at, stated ? unmeasured : null));
  // Its start is unknown: no elapsed time rather than a misleading zero.
  return { ...ended(row, at, meter, track.region, { actor, closedBy }), elapsedOfficeMinutes: null };
}

/** Content hash of a plan's terms (stable across processes: the key of the stored plan). */
export function planKeyOf(steps: CaseTrack['steps'], recallTerm: Term | null): string {
  return createHash('sha1').update(JSON.stringify({ steps, recallTerm })).digest('base64url');
}

/**
 * What a track takes from its case's plan, once per plan object: receipts that
 * name their plan by digest (case events at schema version 2) share one decoded
 * plan, so a rebuild derives and hashes it once instead of once per case. Tracks
 * only read their steps, never change them, so sharing them is safe.
 */
const trackPlanOf = perObject((plan: CasePlan): Pick<CaseTrack, 'steps' | 'recallTerm' | 'planKey'> => {
  const steps = planSteps(plan);
  const recallTerm = recallTermOf(plan);
  return { steps, recallTerm, planKey: planKeyOf(steps, recallTerm) };
});

function newTrack(
  d: EventOf<'ApplicationReceived'>['data'] | EventOf<'AcceptanceRefused'>['data'],
  scOrg: string | null,
  outcome: CaseTrack['outcome'],
  meter: TimeMeter,
): CaseTrack {
  const month = meter.localMonth(new Date(d.occurredAt), d.plan.region);
  const { steps, recallTerm, planKey } = trackPlanOf(d.plan);
  return {
    caseId: d.caseId,
    region: d.plan.region,
    providerOrg: d.provider.organisation,
    scOrg,
    service: d.plan.service,
    channel: d.plan.channel,
    regulationVersionId: d.plan.regulationVersionId,
    planKey,
    steps,
    recallTerm,
    outcome,
    receivedAt: d.occurredAt,
    receivedMonth: month,
    closedAt: outcome === 'open' ? null : d.occurredAt,
    closedMonth: outcome === 'open' ? null : month,
    open: null,
    lastWithinAt: null,
    appeals: {},
  };
}

function close(track: CaseTrack, outcome: CaseTrack['outcome'], at: string, meter: TimeMeter): CaseTrack {
  return { ...track, outcome, closedAt: at, closedMonth: meter.localMonth(new Date(at), track.region), open: null, lastWithinAt: null };
}

function received(e: EventOf<'ApplicationReceived'>, revision: number, meter: TimeMeter): Reduction {
  const d = e.data;
  const receipt = receiptOf(e);
  const track = newTrack(d, d.stateCorporation?.organisation ?? null, 'open', meter);
  const row = instantRow(
    track,
    receipt.step.stepId,
    { action: receipt.step.action, role: receipt.actor.role },
    revision * 2,
    receipt.at,
    receipt.actor,
    e.type,
    RECEIPT_UNMEASURED,
    meter,
  );
  if (!receipt.next) return { track: close(track, 'completed', receipt.at, meter), rows: [row] };
  const open = opened(receipt.next, receipt.at, revision * 2 + 1);
  return { track: { ...track, open }, rows: [row, inProgressRow(track, open)] };
}

function acceptanceRefused(e: EventOf<'AcceptanceRefused'>, revision: number, meter: TimeMeter): Reduction {
  const d = e.data;
  const refusal = refusalOf(e);
  const track = newTrack(d, null, 'acceptance-refused', meter);
  const stepId = refusal.step?.stepId ?? d.plan.acceptanceRefusal?.id ?? 'acceptance-refusal';
  const fallback = { action: 'acceptance-refused', role: refusal.actor.role };
  const row = instantRow(track, stepId, fallback, revision * 2, refusal.at, refusal.actor, e.type, ACCEPTANCE_REFUSAL_UNMEASURED, meter);
  return { track, rows: [row] };
}

/** The open step's row, or one rebuilt from the event when the track lost it (never in a consistent log). */
function openRowFor(
  track: CaseTrack,
  stepId: string,
  revision: number,
  at: string,
  fallback: { action: string; role: string },
): TimelineRow {
  if (track.open && track.open.stepId === stepId) return inProgressRow(track, track.open);
  return inProgressRow(track, planStepAt(track, stepId, fallback, revision * 2, at, null));
}

function stepDone(track: CaseTrack, move: ProgressMove, closedBy: string, revision: number, meter: TimeMeter): Reduction {
  if (move.kind === 'within-step') {
    const enclosing = track.open;
    const startedAt = track.lastWithinAt ?? enclosing?.startedAt ?? move.at;
    const row: TimelineRow = {
      ...inProgressRow(track, {
        rowKey: `${move.withinStep}@${revision}`,
        seq: revision * 2,
        kind: 'within-step',
        stepId: move.withinStep,
        action: move.action,
        role: move.actor.role,
        startedAt,
        dueAt: null,
        dueExplanation: null,
      }),
      term: null,
      allowedOfficeMinutes: null,
      withinStep: move.withinStep,
    };
    return {
      track: { ...track, lastWithinAt: move.at },
      rows: [ended(row, move.at, meter, track.region, { actor: move.actor, closedBy, status: 'within-step' })],
    };
  }
  const { step, actor, at } = move;
  const open = openRowFor(track, step.stepId, revision, at, { action: step.action, role: actor.role });
  const due = step.dueAt ?? open.dueAt;
  const done = ended({ ...open, dueAt: due }, at, meter, track.region, { actor, closedBy, late: step.late });
  if (move.closesCase || !move.next) return { track: close(track, 'completed', at, meter), rows: [done] };
  const next = opened(move.next, at, revision * 2 + 1);
  return { track: { ...track, open: next, lastWithinAt: null }, rows: [done, inProgressRow(track, next)] };
}

/** A new executor for the open step: noted on it, its start and due instant untouched; no row ends. */
function executorReassigned(track: CaseTrack, e: EventOf<'ExecutorReassigned'>): Reduction {
  const open = track.open;
  if (!open) return { track, rows: [] };
  const d = e.data;
  const reassignment = { at: d.occurredAt, by: d.actor.id, from: d.previousExecutorId, to: d.executorId, reason: d.reason };
  return { track: { ...track, open: { ...open, reassignments: [...(open.reassignments ?? []), reassignment] } }, rows: [] };
}

function serviceRefused(track: CaseTrack, e: EventOf<'ServiceRefused'>, meter: TimeMeter): Reduction {
  const { actor, at } = refusalOf(e);
  // The refusal is the provider's answer within the running step: that step ends with it,
  // judged against its own due instant (the texts give the refusal the same term).
  const rows = track.open ? [ended(inProgressRow(track, track.open), at, meter, track.region, { actor, closedBy: e.type })] : [];
  return { track: close(track, 'service-refused', at, meter), rows };
}

function recalled(track: CaseTrack, e: EventOf<'ResultRecalledFromStorage'>, revision: number, meter: TimeMeter): Reduction {
  const d = e.data;
  const regulated = track.recallTerm !== null && isStated(track.recallTerm);
  const row: TimelineRow = {
    ...inProgressRow(track, {
      rowKey: `recall@${revision}`,
      seq: revision * 2,
      kind: 'recall',
      stepId: 'recall',
      action: 'recalled-from-storage',
      role: 'provider',
      startedAt: d.requestedAt,
      dueAt: regulated ? d.dueAt : null,
      dueExplanation: d.explanation,
    }),
    term: track.recallTerm,
    allowedOfficeMinutes: allowedOfficeMinutes(track.recallTerm),
  };
  return { track, rows: [ended(row, d.occurredAt, meter, track.region, { actor: d.actor, closedBy: e.type, late: regulated && d.late })] };
}

function appealFiled(track: CaseTrack, e: EventOf<'AppealFiled'>, revision: number): Reduction {
  const d = e.data;
  const open: OpenStep = {
    rowKey: `appeal:${d.appealId}`,
    seq: revision * 2,
    kind: 'appeal',
    stepId: 'appeal',
    action: 'appeal-decided',
    role: 'head',
    startedAt: d.occurredAt,
    dueAt: d.dueAt,
    dueExplanation: d.explanation,
  };
  return { track: { ...track, appeals: { ...track.appeals, [d.appealId]: open } }, rows: [inProgressRow(track, open)] };
}

function appealDecided(track: CaseTrack, e: EventOf<'AppealDecided'>, meter: TimeMeter): Reduction {
  const d = e.data;
  const open = track.appeals[d.appealId];
  if (!open) return { track, rows: [] };
  const { [d.appealId]: _decided, ...rest } = track.appeals;
  const row = ended(inProgressRow(track, open), d.occurredAt, meter, track.region, { actor: d.actor, closedBy: e.type, late: d.late });
  return { track: { ...track, appeals: rest }, rows: [row] };
}

/**
 * Pure: the timeline rows one case event creates or changes, given what is known
 * of the case. Elapsed office time is computed here, once, so queries only read.
 */
export function reduceCaseEvent(track: CaseTrack | undefined, { event, revision }: RevisedEvent, meter: TimeMeter): Reduction {
  if (event.type === 'ApplicationReceived') return track ? { track, rows: [] } : received(event, revision, meter);
  if (event.type === 'AcceptanceRefused') return track ? { track, rows: [] } : acceptanceRefused(event, revision, meter);
  if (!track) return { track, rows: [] };
  switch (event.type) {
    case 'ServiceRefused':
      return serviceRefused(track, event, meter);
    case 'ExecutorReassigned':
      return executorReassigned(track, event);
    case 'ResultRecalledFromStorage':
      return recalled(track, event, revision, meter);
    case 'AppealFiled':
      return appealFiled(track, event, revision);
    case 'AppealDecided':
      return appealDecided(track, event, meter);
    case 'ResultHandedToStorage':
    case 'AppealForwarded':
      return { track, rows: [] };
    default:
      // Exhaustive: progressOf takes exactly the step events, so a new event type fails to compile here.
      return stepDone(track, progressOf(event), event.type, revision, meter);
  }
}
