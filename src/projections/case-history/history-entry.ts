import { createHash } from 'node:crypto';
import type { CaseEvent, CaseEventType, StepFulfilment } from '../../cases/domain/case.events';
import type { CasePlan } from '../../cases/domain/plan';
import { perObject } from '../../common/per-object';
import type { Citation, Duration, SpecialRule } from '../../regulations/regulation.model';

/** One action in a case's chronicle (a row of rm_case_history_entries). */
export interface HistoryEntry {
  caseId: string;
  revision: number;
  /** Global position (string: beyond 2^53). */
  position: string;
  type: CaseEventType;
  occurredAt: string;
  recordedAt: string;
  actor: { id: string; role: string; organisation: string };
  /** The regulation step the action fulfils, absent for actions outside the steps (storage, appeals). */
  step: { stepId: string; action: string; withinStep: string | null } | null;
  /**
   * The text the action rests on: the step's, or the special rule's for
   * storage. Absent from a stored entry whose step's citation the case's plan
   * holds, word for word (HistoryPlan.stepCitations): the view puts it back
   * (toEntryView). A third of an entry's bytes were its quote.
   */
  citation?: Citation | null;
  /** Due instant of the action; null when none is regulated (or none applies). */
  dueAt: string | null;
  /**
   * The duration the case's regulation gives the step, so that a step without a due
   * instant says why (not stated, or counter time that is not recorded). Not stored
   * in new rows: the view takes it from the case's plan (see HistoryPlan); absent for
   * actions outside the steps.
   */
  regulatedDuration?: Duration;
  /** null when there was nothing to be late for. */
  late: boolean | null;
  /** Type-specific facts (executor named, grounds, next step, appeal decision...), never personal data. */
  details: Record<string, unknown>;
}

/** The case as a whole (rm_case_history_cases): what access and masking are decided on. */
export interface HistoryCase {
  caseId: string;
  region: string;
  providerOrganisation: string;
  stateCorporationOrganisation: string | null;
  service: string;
  channel: string;
  regulationVersionId: string;
  applicant: { iin: string; name: string };
  representative: { name: string; iin?: string } | null;
  receivedAt: string;
  status: 'open' | 'acceptance-refused' | 'service-refused' | 'completed';
  /** The case's HistoryPlan in rm_case_history_plans. */
  planKey: string;
  revision: number;
  position: string;
}

/**
 * What the chronicle needs of the case's regulation plan beside its entries,
 * from the receipt. Stored once per distinct plan (rm_case_history_plans),
 * keyed by a hash of its content, instead of in every header and entry: the
 * citations are most of a plan's bytes, and a header is rewritten whenever
 * its case moves.
 */
export interface HistoryPlan {
  /** The citations of storage and recall. */
  specialRules: SpecialRule[];
  /** Step durations by step id (empty for cases whose headers predate them). */
  stepDurations: Record<string, Duration>;
  /** Step citations by step id (absent from plans stored before entries left them out: their entries keep theirs). */
  stepCitations?: Record<string, Citation>;
}

/** Content-addressed: equal plans share a key, and a key never names two plans (hashed once per plan object). */
export const historyPlanKeyOf: (plan: HistoryPlan) => string = perObject((plan: HistoryPlan) =>
  createHash('sha1').update(JSON.stringify(plan)).digest('base64url'),
);

/**
 * The plan a receipt binds its case to, once per plan object: receipts that name
 * their plan by digest (case events at schema version 2) share one decoded plan.
 * Readers never change a HistoryPlan, so sharing it is safe.
 */
export const historyPlanOf = (event: Extract<CaseEvent, { type: 'ApplicationReceived' | 'AcceptanceRefused' }>): HistoryPlan =>
  historyPlanOfPlan(event.data.plan);

const historyPlanOfPlan = perObject((plan: CasePlan): HistoryPlan => {
  const steps = [
    ...plan.steps,
    ...(plan.acceptanceRefusal ? [plan.acceptanceRefusal] : []),
    ...(plan.serviceRefusal ? [plan.serviceRefusal] : []),
  ];
  return {
    specialRules: plan.specialRules,
    stepDurations: Object.fromEntries(steps.map((s) => [s.id, s.duration])),
    stepCitations: Object.fromEntries(steps.map((s) => [s.id, s.citation])),
  };
});

/** Every case event type, checked against the union: a new type fails compilation here until the chronicle knows it. */
const CHRONICLED: Record<CaseEventType, true> = {
  ApplicationReceived: true,
  AcceptanceRefused: true,
  ForwardedToProvider: true,
  RegisteredAtProvider: true,
  RegisteredAtStateCorporation: true,
  DocumentsReviewed: true,
  VisaImposed: true,
  ExecutorReassigned: true,
  DraftPrepared: true,
  ResultSigned: true,
  ResultSentToStateCorporation: true,
  ResultIssued: true,
  ServiceRefused: true,
  ResultHandedToStorage: true,
  ResultRecalledFromStorage: true,
  AppealFiled: true,
  AppealForwarded: true,
  AppealDecided: true,
};
/** The projection's server-side filter: events of other types are never delivered to it. */
export const HISTORY_EVENT_TYPES: string[] = Object.keys(CHRONICLED);

export interface RecordedMeta {
  revision: number;
  position: bigint;
  recordedAt: Date;
}

const fromStep = (step: StepFulfilment | undefined) => ({
  step: step ? { stepId: step.stepId, action: step.action, withinStep: step.withinStep ?? null } : null,
  citation: step?.citation ?? null,
  dueAt: step?.dueAt ?? null,
  // A step with no regulated due instant cannot be late: null, not false.
  late: step && step.dueAt !== undefined ? step.late : null,
});

const ruleCitation = (rules: SpecialRule[] | undefined, kind: SpecialRule['kind']): Citation | null =>
  rules?.find((r) => r.kind === kind)?.citation ?? null;

/**
 * The chronicle entry of one event, as stored; `plan` is the case's (its
 * special rules come from the receipt). The step's citation is left to the
 * plan when the plan holds the same one.
 */
export function historyEntryOf(event: CaseEvent, meta: RecordedMeta, plan: HistoryPlan | undefined): HistoryEntry {
  const entry = fullEntryOf(event, meta, plan);
  const planned = entry.step ? plan?.stepCitations?.[entry.step.stepId] : undefined;
  if (planned === undefined || !entry.citation || !sameCitation(entry.citation, planned)) return entry;
  const { citation: _left, ...rest } = entry;
  return rest;
}

/** Field for field, whatever order the keys came in (a citation is flat: strings only). */
function sameCitation(a: Citation, b: Citation): boolean {
  if (a === b) return true;
  const theirs = Object.entries(b);
  const ours = new Map(Object.entries(a));
  return ours.size === theirs.length && theirs.every(([key, value]) => ours.has(key) && ours.get(key) === value);
}

function fullEntryOf(event: CaseEvent, meta: RecordedMeta, plan: HistoryPlan | undefined): HistoryEntry {
  const d = event.data;
  const rules = plan?.specialRules;
  const base = {
    caseId: d.caseId,
    revision: meta.revision,
    position: meta.position.toString(),
    type: event.type,
    occurredAt: d.occurredAt,
    recordedAt: meta.recordedAt.toISOString(),
    actor: { id: d.actor.id, role: d.actor.role, organisation: d.actor.organisation },
  };
  const next = (n: { stepId: string; action: string; role: string; dueAt?: string; explanation: string } | undefined) =>
    n ? { next: { stepId: n.stepId, action: n.action, role: n.role, dueAt: n.dueAt ?? null, explanation: n.explanation } } : {};
  switch (event.type) {
    case 'ApplicationReceived': {
      const e = event.data;
      return {
        ...base,
        ...fromStep(e.step),
        details: {
          regulationVersionId: e.plan.regulationVersionId,
          channel: e.plan.channel,
          documents: e.documents,
          consentToProtectedData: e.consentToProtectedData,
          byRepresentative: e.representative !== undefined,
          ...(e.overall ? { overall: { dueAt: e.overall.dueAt ?? null, explanation: e.overall.explanation } } : {}),
          ...next(e.next),
        },
      };
    }
    case 'AcceptanceRefused':
      return {
        ...base,
        ...fromStep(event.data.step),
        details: { missingDocuments: event.data.missingDocuments, documents: event.data.documents },
      };
    case 'ForwardedToProvider':
    case 'DocumentsReviewed':
    case 'DraftPrepared':
    case 'ResultSigned':
    case 'RegisteredAtProvider':
    case 'RegisteredAtStateCorporation':
    case 'VisaImposed':
    case 'ResultSentToStateCorporation':
    case 'ResultIssued': {
      const e = event.data;
      const extra: Record<string, unknown> = {};
      if (event.type === 'VisaImposed') extra.executorId = event.data.executorId;
      if ((event.type === 'RegisteredAtProvider' || event.type === 'RegisteredAtStateCorporation') && event.data.registrationNumber) {
        extra.registrationNumber = event.data.registrationNumber;
      }
      if (event.type === 'DraftPrepared' && event.data.summary) extra.summary = event.data.summary;
      if (event.type === 'ResultSentToStateCorporation' && event.data.deliverBy) extra.deliverBy = event.data.deliverBy;
      if (event.type === 'ResultIssued') extra.to = event.data.to;
      return { ...base, ...fromStep(e.step), details: { ...extra, ...next(e.next) } };
    }
    case 'ServiceRefused':
      return { ...base, ...fromStep(event.data.step), details: { grounds: event.data.grounds } };
    case 'ExecutorReassigned': {
      const e = event.data;
      // Not a regulated step: no due instant of its own (the step's stays as recorded).
      return {
        ...base,
        step: null,
        citation: null,
        dueAt: null,
        late: null,
        details: {
          previousExecutorId: e.previousExecutorId,
          executorId: e.executorId,
          reason: e.reason,
          ...(e.stepId ? { duringStep: e.stepId } : {}),
        },
      };
    }
    case 'ResultHandedToStorage': {
      const e = event.data;
      return {
        ...base,
        step: null,
        citation: ruleCitation(rules, 'state-corporation-storage'),
        dueAt: null,
        late: null,
        details: { storedSinceAt: e.storedSinceAt, storageEndedAt: e.storageEndedAt ?? null, early: e.early },
      };
    }
    case 'ResultRecalledFromStorage': {
      const e = event.data;
      return {
        ...base,
        step: null,
        citation: ruleCitation(rules, 'recall-from-provider-storage'),
        dueAt: e.dueAt,
        late: e.late,
        details: { requestedAt: e.requestedAt, explanation: e.explanation },
      };
    }
    case 'AppealFiled': {
      const e = event.data;
      // The decision is due by dueAt; filing itself has no deadline to miss.
      return {
        ...base,
        step: null,
        citation: null,
        dueAt: null,
        late: null,
        details: { appealId: e.appealId, grounds: e.grounds, decisionDueAt: e.dueAt, explanation: e.explanation },
      };
    }
    case 'AppealForwarded':
      return {
        ...base,
        step: null,
        citation: null,
        dueAt: null,
        late: null,
        details: { appealId: event.data.appealId, to: event.data.to },
      };
    case 'AppealDecided': {
      const e = event.data;
      return {
        ...base,
        step: null,
        citation: null,
        dueAt: e.dueAt,
        late: e.late,
        details: { appealId: e.appealId, decision: e.decision, reasoning: e.reasoning },
      };
    }
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

/** The case header after one event (undefined until the receipt). */
export function evolveHistoryCase(current: HistoryCase | undefined, event: CaseEvent, meta: RecordedMeta): HistoryCase | undefined {
  const stamp = { revision: meta.revision, position: meta.position.toString() };
  if (event.type === 'ApplicationReceived' || event.type === 'AcceptanceRefused') {
    const d = event.data;
    const completed = event.type === 'ApplicationReceived' && !event.data.next;
    return {
      caseId: d.caseId,
      region: d.plan.region,
      providerOrganisation: d.provider.organisation,
      stateCorporationOrganisation: event.type === 'ApplicationReceived' ? (event.data.stateCorporation?.organisation ?? null) : null,
      service: d.plan.service,
      channel: d.plan.channel,
      regulationVersionId: d.plan.regulationVersionId,
      applicant: d.applicant,
      representative: d.representative
        ? { name: d.representative.name, ...(d.representative.iin ? { iin: d.representative.iin } : {}) }
        : null,
      receivedAt: d.occurredAt,
      status: event.type === 'AcceptanceRefused' ? 'acceptance-refused' : completed ? 'completed' : 'open',
      planKey: historyPlanKeyOf(historyPlanOf(event)),
      ...stamp,
    };
  }
  if (!current) return undefined;
  switch (event.type) {
    case 'ServiceRefused':
      return { ...current, status: 'service-refused', ...stamp };
    case 'ResultIssued':
      return { ...current, status: 'completed', ...stamp };
    case 'ForwardedToProvider':
    case 'RegisteredAtProvider':
    case 'RegisteredAtStateCorporation':
    case 'DocumentsReviewed':
    case 'VisaImposed':
    case 'DraftPrepared':
    case 'ResultSigned':
    case 'ResultSentToStateCorporation': {
      const ended = event.data.step.withinStep === undefined && !event.data.next;
      return { ...current, ...(ended ? { status: 'completed' as const } : {}), ...stamp };
    }
    default:
      return { ...current, ...stamp };
  }
}
