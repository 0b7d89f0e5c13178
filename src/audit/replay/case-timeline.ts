import { toCaseEvent } from '../../cases/case-stream';
import { CaseActor, CaseEvent } from '../../cases/domain/case.events';
import { CaseState, evolve, initialCaseState } from '../../cases/domain/case.state';
import { APPEAL_TERM } from '../../cases/domain/deadlines';
import { RecordedEvent } from '../../event-store/event-store.port';
import { Citation, Duration, SpecialRule, StepAction } from '../../regulations/regulation.model';
import { isPastDue, minutesPastDue, stepMoveOf } from '../../timeline/step-timeline';
import { EventSummary, occurredAtOf, summarize } from '../case-event-summary';

/** Office minutes between two instants in the case's region; null where the calendar has no data. */
export type OfficeMinutes = (from: Date, to: Date) => number | null;

export interface TimelineOptions {
  /** The instant "overdue" is judged at; without it, open deadlines are not judged. */
  asOf?: Date;
  officeMinutes?: OfficeMinutes;
}

/** One regulated step of the case's plan, measured against the deadline recorded when it began. */
export interface StepLine {
  index: number;
  stepId: string;
  action: StepAction;
  role: string;
  regulatedDuration: Duration;
  citation: Citation;
  startedAt: string | null;
  /** As recorded when the step began; null when the regulation states no duration. */
  dueAt: string | null;
  dueExplanation: string | null;
  deadlineRecordedInRevision: number | null;
  completedAt: string | null;
  completedBy: CaseActor | null;
  completedInRevision: number | null;
  state: 'done' | 'current' | 'pending' | 'not-reached';
  /** The late flag recorded with the completing event. */
  late: boolean | null;
  /** The current step's deadline had passed at `asOf`. */
  overdue: boolean | null;
  lateByMinutes: number | null;
  /** Office time from the step's start to its completion (or to `asOf` while current). */
  officeMinutes: number | null;
  lateByOfficeMinutes: number | null;
  /** Actions recorded inside a step the regulation times as a whole (visa, draft, signature inside "13 working days"). */
  within: EventSummary[];
}

export type DeadlineKind = 'overall' | 'appeal' | 'recall-from-storage' | 'deliver-to-state-corporation';

/** A recorded deadline that is not a plan step's own. */
export interface DeadlineLine {
  kind: DeadlineKind;
  /** 'overall', the appeal id, or the event id of the recall / delivery. */
  subject: string;
  dueAt: string | null;
  explanation: string | null;
  citation: Citation | string | null;
  recordedAt: string;
  recordedInRevision: number;
  metAt: string | null;
  metInRevision: number | null;
  metBy: CaseActor | null;
  late: boolean | null;
  overdue: boolean | null;
}

export type BreachKind =
  | 'step-late'
  | 'step-overdue'
  | 'overall-late'
  | 'overall-overdue'
  | 'deliver-to-state-corporation-late'
  | 'recall-from-storage-late'
  | 'appeal-late'
  | 'appeal-overdue'
  | 'storage-handed-early';

export interface Breach {
  kind: BreachKind;
  subject: string;
  action: string | null;
  /** For 'storage-handed-early': the end of the month of storage. */
  dueAt: string;
  /** Null while the deadline is still outstanding at `asOf`. */
  actualAt: string | null;
  /** Calendar minutes past the deadline (for an early hand-over: before the storage ended). */
  byMinutes: number;
  byOfficeMinutes: number | null;
  responsible: { actor: CaseActor | null; role: string | null };
  revision: number | null;
  citation: Citation | string | null;
}

export interface CaseTimeline {
  steps: StepLine[];
  deadlines: DeadlineLine[];
  breaches: Breach[];
}

const minutesLate = (dueAt: string, at: string | Date): number => Math.round(minutesPastDue(dueAt, at));
const roundOffice = (value: number | null | undefined): number | null => (value === null || value === undefined ? null : Math.round(value));
const ruleCitation = (rules: SpecialRule[], kind: SpecialRule['kind']): Citation | null =>
  rules.find((r) => r.kind === kind)?.citation ?? null;

interface Folded {
  recorded: RecordedEvent;
  event: CaseEvent;
  occurredAt: string;
  after: CaseState;
}

/** Folds with the write side's evolve, keeping the state after each event. */
function foldEach(events: RecordedEvent[]): Folded[] {
  let state = initialCaseState();
  return events.map((recorded) => {
    const event = toCaseEvent(recorded);
    state = evolve(state, event);
    return { recorded, event, occurredAt: occurredAtOf(recorded), after: state };
  });
}

function stepLines(folded: Folded[], final: CaseState, options: TimelineOptions): StepLine[] {
  const plan = final.plan;
  if (!plan) return [];
  const office = (from: string | null, to: string | Date | null) =>
    from && to ? roundOffice(options.officeMinutes?.(new Date(from), new Date(to))) : null;
  const lines: StepLine[] = plan.steps.map((s, index) => ({
    index,
    stepId: s.id,
    action: s.action,
    role: s.role,
    regulatedDuration: s.duration,
    citation: s.citation,
    startedAt: null,
    dueAt: null,
    dueExplanation: null,
    deadlineRecordedInRevision: null,
    completedAt: null,
    completedBy: null,
    completedInRevision: null,
    state: 'pending',
    late: null,
    overdue: null,
    lateByMinutes: null,
    officeMinutes: null,
    lateByOfficeMinutes: null,
    within: [],
  }));
  const byId = new Map(lines.map((l) => [l.stepId, l]));
  for (const { recorded, event, occurredAt } of folded) {
    const move = stepMoveOf(event);
    if (move.kind === 'within-step') byId.get(move.withinStep)?.within.push(summarize(recorded));
    // A refusal ends no step of the plan's path here: the steps left are not reached.
    if (move.kind !== 'step-ended') continue;
    const done = byId.get(move.step.stepId);
    if (done && done.completedAt === null) {
      done.completedAt = occurredAt;
      done.completedBy = move.actor;
      done.completedInRevision = recorded.revision;
      done.late = move.step.late;
    }
    const next = move.next;
    const line = next ? byId.get(next.stepId) : undefined;
    if (next && line && line.startedAt === null) {
      line.startedAt = occurredAt;
      line.dueAt = next.dueAt ?? null;
      line.dueExplanation = next.explanation;
      line.deadlineRecordedInRevision = recorded.revision;
    }
  }
  const asOf = options.asOf;
  for (const line of lines) {
    if (line.completedAt !== null) {
      line.state = 'done';
      line.officeMinutes = office(line.startedAt, line.completedAt);
      if (line.late && line.dueAt) {
        line.lateByMinutes = minutesLate(line.dueAt, line.completedAt);
        line.lateByOfficeMinutes = office(line.dueAt, line.completedAt);
      }
      continue;
    }
    if (final.status !== 'open') {
      line.state = 'not-reached';
      continue;
    }
    line.state = final.current?.stepId === line.stepId ? 'current' : 'pending';
    if (line.state === 'current' && asOf) {
      line.officeMinutes = office(line.startedAt, asOf);
      if (line.dueAt) {
        line.overdue = isPastDue(line.dueAt, asOf);
        if (line.overdue) {
          line.lateByMinutes = minutesLate(line.dueAt, asOf);
          line.lateByOfficeMinutes = office(line.dueAt, asOf);
        }
      }
    }
  }
  return lines;
}

function deadlineLines(folded: Folded[], final: CaseState, asOf: Date | undefined): DeadlineLine[] {
  const rules = final.plan?.specialRules ?? [];
  const lines: DeadlineLine[] = [];
  const overdue = (dueAt: string | null) => (asOf && dueAt ? isPastDue(dueAt, asOf) : null);
  const closing = folded.find((f) => f.after.status === 'completed' || f.after.status === 'service-refused');
  for (const { recorded, event, occurredAt } of folded) {
    const base = { recordedAt: occurredAt, recordedInRevision: recorded.revision };
    switch (event.type) {
      case 'ApplicationReceived': {
        const overall = event.data.overall;
        if (!overall) break;
        const dueAt = overall.dueAt ?? null;
        lines.push({
          kind: 'overall',
          subject: 'overall',
          dueAt,
          explanation: overall.explanation,
          citation: overall.citation ?? null,
          ...base,
          metAt: closing?.occurredAt ?? null,
          metInRevision: closing?.recorded.revision ?? null,
          metBy: closing?.event.data.actor ?? null,
          late: closing && dueAt ? isPastDue(dueAt, closing.occurredAt) : null,
          overdue: closing ? null : overdue(dueAt),
        });
        break;
      }
      case 'ResultSentToStateCorporation': {
        const deliverBy = event.data.deliverBy;
        if (!deliverBy) break;
        lines.push({
          kind: 'deliver-to-state-corporation',
          subject: recorded.id,
          dueAt: deliverBy,
          explanation: 'the provider delivers the result to the State Corporation no later than one day before the deadline',
          citation: ruleCitation(rules, 'deliver-to-state-corporation-before-deadline'),
          ...base,
          metAt: occurredAt,
          metInRevision: recorded.revision,
          metBy: event.data.actor,
          late: isPastDue(deliverBy, occurredAt),
          overdue: null,
        });
        break;
      }
      case 'ResultRecalledFromStorage':
        lines.push({
          kind: 'recall-from-storage',
          subject: recorded.id,
          dueAt: event.data.dueAt,
          explanation: `requested at ${event.data.requestedAt}; ${event.data.explanation}`,
          citation: ruleCitation(rules, 'recall-from-provider-storage'),
          ...base,
          metAt: occurredAt,
          metInRevision: recorded.revision,
          metBy: event.data.actor,
          late: event.data.late,
          overdue: null,
        });
        break;
      case 'AppealFiled': {
        const appealId = event.data.appealId;
        const decided = folded.find((f) => f.event.type === 'AppealDecided' && f.event.data.appealId === appealId);
        const decidedLate = decided?.event.type === 'AppealDecided' ? decided.event.data.late : null;
        lines.push({
          kind: 'appeal',
          subject: appealId,
          dueAt: event.data.dueAt,
          explanation: event.data.explanation,
          citation: APPEAL_TERM.citation,
          ...base,
          metAt: decided?.occurredAt ?? null,
          metInRevision: decided?.recorded.revision ?? null,
          metBy: decided?.event.data.actor ?? null,
          late: decidedLate,
          overdue: decided ? null : overdue(event.data.dueAt),
        });
        break;
      }
      default:
        break;
    }
  }
  return lines;
}

const DEADLINE_BREACH: Record<DeadlineKind, { late: BreachKind; overdue?: BreachKind }> = {
  overall: { late: 'overall-late', overdue: 'overall-overdue' },
  appeal: { late: 'appeal-late', overdue: 'appeal-overdue' },
  'recall-from-storage': { late: 'recall-from-storage-late' },
  'deliver-to-state-corporation': { late: 'deliver-to-state-corporation-late' },
};

function breaches(steps: StepLine[], deadlines: DeadlineLine[], folded: Folded[], final: CaseState, options: TimelineOptions): Breach[] {
  const office = (from: string, to: string | Date) => roundOffice(options.officeMinutes?.(new Date(from), new Date(to)));
  const found: Breach[] = [];
  for (const s of steps) {
    if (!s.dueAt || !(s.late || s.overdue)) continue;
    const actualAt = s.late ? s.completedAt : null;
    // Overdue is judged only with asOf (stepLines, deadlineLines), so without it a breach here is a late one.
    const until = actualAt ?? options.asOf;
    if (!until) continue;
    found.push({
      kind: s.late ? 'step-late' : 'step-overdue',
      subject: s.stepId,
      action: s.action,
      dueAt: s.dueAt,
      actualAt,
      byMinutes: minutesLate(s.dueAt, until),
      byOfficeMinutes: office(s.dueAt, until),
      responsible: { actor: s.completedBy, role: s.role },
      revision: s.completedInRevision,
      citation: s.citation,
    });
  }
  for (const d of deadlines) {
    if (!d.dueAt || !(d.late || d.overdue)) continue;
    const kind = d.late ? DEADLINE_BREACH[d.kind].late : DEADLINE_BREACH[d.kind].overdue;
    if (!kind) continue;
    const actualAt = d.late ? d.metAt : null;
    const until = actualAt ?? options.asOf;
    if (!until) continue;
    found.push({
      kind,
      subject: d.subject,
      action: null,
      dueAt: d.dueAt,
      actualAt,
      byMinutes: minutesLate(d.dueAt, until),
      byOfficeMinutes: office(d.dueAt, until),
      responsible: { actor: d.metBy, role: d.kind === 'appeal' ? 'head' : null },
      revision: d.metInRevision,
      citation: d.citation,
    });
  }
  const rules = final.plan?.specialRules ?? [];
  for (const { recorded, event, occurredAt } of folded) {
    if (event.type !== 'ResultHandedToStorage' || !event.data.early || !event.data.storageEndedAt) continue;
    found.push({
      kind: 'storage-handed-early',
      subject: recorded.id,
      action: 'handed-to-storage',
      dueAt: event.data.storageEndedAt,
      actualAt: occurredAt,
      byMinutes: minutesLate(occurredAt, event.data.storageEndedAt),
      byOfficeMinutes: office(occurredAt, event.data.storageEndedAt),
      responsible: { actor: event.data.actor, role: 'state-corporation-operator' },
      revision: recorded.revision,
      citation: ruleCitation(rules, 'state-corporation-storage'),
    });
  }
  return found;
}

/**
 * What was due when and what happened, from the case's own events only: the
 * deadlines are the ones recorded with the events (never recomputed), the
 * late flags are the recorded ones; only "overdue at asOf" compares an open
 * recorded deadline with the given instant.
 */
export function buildTimeline(events: RecordedEvent[], options: TimelineOptions = {}): CaseTimeline {
  const folded = foldEach(events);
  const final = folded.at(-1)?.after ?? initialCaseState();
  const steps = stepLines(folded, final, options);
  const deadlines = deadlineLines(folded, final, options.asOf);
  return { steps, deadlines, breaches: breaches(steps, deadlines, folded, final, options) };
}
