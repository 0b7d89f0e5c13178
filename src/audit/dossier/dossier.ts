import { Principal, Role } from '../../auth/principal';
import { foldRecorded, toCaseEvent } from '../../cases/case-stream';
import { CaseActor } from '../../cases/domain/case.events';
import { CaseStatus, evolve, initialCaseState } from '../../cases/domain/case.state';
import { RecordedEvent } from '../../event-store/event-store.port';
import { Citation, DatedFact, LegalAct, LocalizedText, RegulationVersion } from '../../regulations/regulation.model';
import { EventSummary, occurredAtOf, summarize } from '../case-event-summary';
import type { StreamAnchor } from '../anchor/case-anchor';
import { DAY_ONE_RULE } from '../../calendar/day-one-rule';
import { StreamVerdict } from '../integrity/stream-verdict';
import { IntegrityStatement, integrityStatement } from './integrity-statement';
import { personalDataFor, PersonalDataView } from '../../personal-data/personal-data-policy';
import { regulationOf, RegulationView } from '../regulation-view';
import { Breach, buildTimeline, DeadlineLine, OfficeMinutes, StepLine } from '../replay/case-timeline';

/** The act behind the version, from the catalog entry with the case's version id (the steps come from the case's own snapshot). */
export interface LegalView {
  source: 'catalog';
  serviceName: LocalizedText;
  approvingAct: LegalAct;
  registration: { body: string; date?: string; number: string } | null;
  amendments: Array<{ act: LegalAct; effectiveFrom: DatedFact | null }>;
  repeal: { act: LegalAct; effectiveFrom: DatedFact } | null;
  effectiveFrom: DatedFact;
  effectiveTo: DatedFact | null;
  text: { file: string; language: 'ru' | 'kk'; appendix: string };
}

export function legalOf(version: RegulationVersion): LegalView {
  return {
    source: 'catalog',
    serviceName: version.service.name,
    approvingAct: version.legal.approvingAct,
    registration: version.legal.registration ?? null,
    amendments: version.legal.amendments.map((a) => ({ act: a.act, effectiveFrom: a.effectiveFrom ?? null })),
    repeal: version.legal.repeal ? { act: version.legal.repeal.act, effectiveFrom: version.legal.repeal.effectiveFrom } : null,
    effectiveFrom: version.effectiveFrom,
    effectiveTo: version.effectiveTo ?? null,
    text: version.source,
  };
}

export interface OutcomeView {
  kind: CaseStatus;
  at: string | null;
  by: CaseActor | null;
  revision: number | null;
  issuedTo: 'applicant' | 'representative' | null;
  grounds: string | null;
  missingDocuments: string[];
  citation: Citation | null;
  /** Storage at the State Corporation / provider after issue was due. */
  storage: EventSummary[];
}

export interface ActorView {
  id: string;
  role: string;
  organisation: string;
  actions: Array<{ type: string; revision: number; occurredAt: string; stepId: string | null }>;
}

export interface AppealView {
  appealId: string;
  filedAt: string;
  filedBy: CaseActor;
  grounds: string;
  dueAt: string;
  explanation: string;
  forwardedTo: string | null;
  forwardedAt: string | null;
  forwardedBy: CaseActor | null;
  decision: 'upheld' | 'rejected' | null;
  decidedAt: string | null;
  decidedBy: CaseActor | null;
  reasoning: string | null;
  late: boolean | null;
  overdue: boolean | null;
}

/** The head renamed the executor the visa named; the step's recorded deadline did not move. */
export interface ReassignmentView {
  at: string;
  by: CaseActor;
  revision: number;
  from: string;
  to: string;
  reason: string;
  stepId: string | null;
}

export interface CaseDossier {
  caseId: string;
  generatedAt: string;
  generatedFor: { userId: string; role: Role; personalDataMasked: boolean };
  revision: number;
  status: CaseStatus;
  receivedAt: string | null;
  providerOrganisation: string | null;
  stateCorporationOrganisation: string | null;
  personalData: PersonalDataView;
  documents: string[];
  consentToProtectedData: boolean | null;
  regulation: RegulationView | null;
  legal: LegalView | null;
  timeline: StepLine[];
  deadlines: DeadlineLine[];
  breaches: Breach[];
  outcome: OutcomeView;
  actors: ActorView[];
  appeals: AppealView[];
  reassignments: ReassignmentView[];
  integrity: StreamVerdict;
  /** The stream against the latest signed checkpoint; null when the transparency log was not consulted. */
  anchor: StreamAnchor | null;
  /** What was checked, in Russian and English, and never more. */
  integrityStatement: IntegrityStatement;
  events: EventSummary[];
  notes: string[];
}

export interface DossierContext {
  caseId: string;
  principal: Principal;
  /** The role the access was granted in. */
  role: Role;
  now: Date;
  officeMinutes?: OfficeMinutes;
  integrity: StreamVerdict;
  anchor?: StreamAnchor | null;
  legal: LegalView | null;
}

export const DOSSIER_NOTES = [
  'Times are the service clock at the moment each action was recorded (occurredAt), shown in UTC and in the provider region’s local time.',
  'Deadlines and late flags are those recorded with the events when each step began and ended; they are never recomputed.',
  'Office time counts the education standard’s hours (9:00–18:30, lunch 13:00–14:30) on working days of the region’s calendar.',
  'Open steps and complaints are judged overdue against the time the dossier was generated.',
  `Periods counted in days: ${DAY_ONE_RULE.en}.`,
];

/** How the case ended: the event that took it out of 'open' (or 'new'), folded with the write side's evolve. */
function outcomeOf(events: RecordedEvent[], status: CaseStatus): OutcomeView {
  const outcome: OutcomeView = {
    kind: status,
    at: null,
    by: null,
    revision: null,
    issuedTo: null,
    grounds: null,
    missingDocuments: [],
    citation: null,
    storage: [],
  };
  let state = initialCaseState();
  for (const recorded of events) {
    const event = toCaseEvent(recorded);
    const before = state.status;
    state = evolve(state, event);
    if (event.type === 'ResultHandedToStorage' || event.type === 'ResultRecalledFromStorage') {
      outcome.storage.push(summarize(recorded));
      continue;
    }
    if (state.status === before || state.status === 'open') continue;
    Object.assign(outcome, { at: occurredAtOf(recorded), by: event.data.actor, revision: recorded.revision });
    if ('step' in event.data) outcome.citation = event.data.step?.citation ?? null;
    if (event.type === 'AcceptanceRefused') outcome.missingDocuments = event.data.missingDocuments;
    if (event.type === 'ServiceRefused') outcome.grounds = event.data.grounds;
    if (event.type === 'ResultIssued') outcome.issuedTo = event.data.to;
  }
  return outcome;
}

function actorsOf(events: RecordedEvent[]): ActorView[] {
  const byKey = new Map<string, ActorView>();
  for (const recorded of events) {
    const event = toCaseEvent(recorded);
    const actor = event.data.actor;
    if (!actor) continue;
    const key = `${actor.id}\u0000${actor.role}\u0000${actor.organisation}`;
    const view = byKey.get(key) ?? { id: actor.id, role: actor.role, organisation: actor.organisation, actions: [] };
    byKey.set(key, view);
    view.actions.push({
      type: recorded.type,
      revision: recorded.revision,
      occurredAt: occurredAtOf(recorded),
      stepId: 'step' in event.data ? (event.data.step?.stepId ?? null) : null,
    });
  }
  return [...byKey.values()];
}

function appealsOf(events: RecordedEvent[], now: Date): AppealView[] {
  const appeals = new Map<string, AppealView>();
  for (const recorded of events) {
    const event = toCaseEvent(recorded);
    const at = occurredAtOf(recorded);
    if (event.type === 'AppealFiled') {
      appeals.set(event.data.appealId, {
        appealId: event.data.appealId,
        filedAt: at,
        filedBy: event.data.actor,
        grounds: event.data.grounds,
        dueAt: event.data.dueAt,
        explanation: event.data.explanation,
        forwardedTo: null,
        forwardedAt: null,
        forwardedBy: null,
        decision: null,
        decidedAt: null,
        decidedBy: null,
        reasoning: null,
        late: null,
        overdue: now.getTime() > Date.parse(event.data.dueAt),
      });
    } else if (event.type === 'AppealForwarded') {
      Object.assign(appeals.get(event.data.appealId) ?? {}, { forwardedTo: event.data.to, forwardedAt: at, forwardedBy: event.data.actor });
    } else if (event.type === 'AppealDecided') {
      Object.assign(appeals.get(event.data.appealId) ?? {}, {
        decision: event.data.decision,
        decidedAt: at,
        decidedBy: event.data.actor,
        reasoning: event.data.reasoning,
        late: event.data.late,
        overdue: null,
      });
    }
  }
  return [...appeals.values()];
}

function reassignmentsOf(events: RecordedEvent[]): ReassignmentView[] {
  return events.flatMap((recorded) => {
    const event = toCaseEvent(recorded);
    if (event.type !== 'ExecutorReassigned') return [];
    const d = event.data;
    return [
      {
        at: occurredAtOf(recorded),
        by: d.actor,
        revision: recorded.revision,
        from: d.previousExecutorId,
        to: d.executorId,
        reason: d.reason,
        stepId: d.stepId ?? null,
      },
    ];
  });
}

/** The appeal file of one case, from its own events only (plus the act's legal metadata from the catalog). */
export function buildDossier(events: RecordedEvent[], ctx: DossierContext): CaseDossier {
  const state = foldRecorded(events);
  const timeline = buildTimeline(events, { asOf: ctx.now, officeMinutes: ctx.officeMinutes });
  const personalData = personalDataFor(ctx.principal, state.applicant, state.representative);
  const first = events[0] ? toCaseEvent(events[0]) : undefined;
  const intake = first && (first.type === 'ApplicationReceived' || first.type === 'AcceptanceRefused') ? first.data : undefined;
  return {
    caseId: ctx.caseId,
    generatedAt: ctx.now.toISOString(),
    generatedFor: { userId: ctx.principal.userId, role: ctx.role, personalDataMasked: personalData.masked },
    revision: events.length - 1,
    status: state.status,
    receivedAt: state.receivedAt ?? null,
    providerOrganisation: state.providerOrganisation ?? null,
    stateCorporationOrganisation: state.stateCorporationOrganisation ?? null,
    personalData,
    documents: intake?.documents ?? [],
    consentToProtectedData: intake && 'consentToProtectedData' in intake ? intake.consentToProtectedData : null,
    regulation: state.plan ? regulationOf(state.plan) : null,
    legal: ctx.legal,
    timeline: timeline.steps,
    deadlines: timeline.deadlines,
    breaches: timeline.breaches,
    outcome: outcomeOf(events, state.status),
    actors: actorsOf(events),
    appeals: appealsOf(events, ctx.now),
    reassignments: reassignmentsOf(events),
    integrity: ctx.integrity,
    anchor: ctx.anchor ?? null,
    integrityStatement: integrityStatement(ctx.integrity, ctx.anchor ?? null),
    events: events.map(summarize),
    notes: DOSSIER_NOTES,
  };
}
