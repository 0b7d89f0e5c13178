import { CHANNELS, REGIONS, STEP_ACTIONS, STEP_ROLES } from '../../regulations/regulation.model';
import { CASE_EVENT_SCHEMA_VERSION, CaseEvent, CaseEventType, EventOf } from './case.events';
import { arrayOf, bool, Check, isRecord, obj, oneOf, optional, recorded, str } from './event-checks';
import { CasePlan } from './plan';

/**
 * The one way from a stored event to a CaseEvent, for every reader (the write
 * side's fold, the audit, the projections): upcast from the event's schema
 * version to the current one, then check the fields the case logic reads.
 */

/** An event as the store gives it (RecordedEvent and NewEvent both fit). */
export interface StoredCaseEvent {
  type: string;
  data: unknown;
  schemaVersion: number;
}

export interface DecodeFailure {
  kind: 'decode-failure';
  type: string;
  schemaVersion: number;
  problems: string[];
}

/** Turns data of `type` at version v into its shape at version v + 1. */
export type Upcaster = (data: Record<string, unknown>) => Record<string, unknown>;
/** Per event type, the upcaster from each version whose successor changed the type's shape; a missing step leaves the data as it is. */
export type Upcasters = { [T in CaseEventType]?: Record<number, Upcaster> };

/** The version events are written at, and how older ones are read. */
export interface EventSchema {
  version: number;
  upcasters: Upcasters;
}

/**
 * Version 2 changed no event's shape as the case logic reads it: a receipt
 * written at 2 names its plan by digest (`planDigest`, see plan-codec.ts) where
 * version 1 carried the plan inline, and decoding puts the plan back (withPlan).
 */
export const CASE_EVENT_SCHEMA: EventSchema = {
  version: CASE_EVENT_SCHEMA_VERSION,
  upcasters: {},
};

const citation = obj({
  paragraph: str,
  quote: str,
  appendix: optional(str),
  subparagraph: optional(str),
});
const action = oneOf(STEP_ACTIONS);
const actor = obj({ id: str, role: str, organisation: str });
const step = obj({
  stepId: str,
  action,
  citation,
  late: bool,
  dueAt: optional(str),
  withinStep: optional(str),
});
const deadline = obj({
  stepId: str,
  action,
  role: str,
  explanation: str,
  dueAt: optional(str),
  citation: optional(citation),
});
const applicant = obj({ iin: str, name: str });
const representative = obj({
  name: str,
  iin: optional(str),
  powerOfAttorney: obj({ number: str, date: str, notarised: optional(bool) }),
});
const organisation = obj({ organisation: str });
const anyObject: Check<Record<string, unknown>> = (v, at, p): v is Record<string, unknown> =>
  isRecord(v) || (p.push(`${at} is not an object`), false);
const plan: Check<CasePlan> = recorded<CasePlan>('a case plan', {
  regulationVersionId: str,
  region: oneOf(REGIONS),
  service: str,
  channel: oneOf(CHANNELS),
  steps: arrayOf(obj({ id: str, action, role: oneOf(STEP_ROLES), citation })),
  windows: arrayOf(anyObject),
  specialRules: arrayOf(anyObject),
});

/** For plans read on their own (the plan streams of schema version 2). */
export const isCasePlan = (value: unknown, at: string, problems: string[]): value is CasePlan => plan(value, at, problems);

/** The plan stored under a digest, when the reader has it loaded. */
export type PlanLookup = (digest: string) => CasePlan | undefined;
const noPlans: PlanLookup = () => undefined;

const base = { caseId: str, actor, occurredAt: str };
const progress = { ...base, step, next: optional(deadline) };
const receipt = {
  ...base,
  plan,
  provider: organisation,
  applicant,
  representative: optional(representative),
  documents: arrayOf(str),
};

/** Every event type with the checks of its data; the compiler holds each check to the type's data. */
const DATA_CHECKS: { [T in CaseEventType]: Check<EventOf<T>['data']> } = {
  ApplicationReceived: obj({
    ...progress,
    ...receipt,
    consentToProtectedData: bool,
    stateCorporation: optional(organisation),
    overall: optional(deadline),
  }),
  AcceptanceRefused: obj({
    ...receipt,
    missingDocuments: arrayOf(str),
    step: optional(step),
  }),
  ForwardedToProvider: obj(progress),
  RegisteredAtProvider: obj(progress),
  RegisteredAtStateCorporation: obj(progress),
  DocumentsReviewed: obj(progress),
  VisaImposed: obj({ ...progress, executorId: str }),
  ExecutorReassigned: obj({
    ...base,
    previousExecutorId: str,
    executorId: str,
    reason: str,
  }),
  DraftPrepared: obj(progress),
  ResultSigned: obj(progress),
  ResultSentToStateCorporation: obj(progress),
  ResultIssued: obj({
    ...progress,
    to: oneOf(['applicant', 'representative']),
  }),
  ServiceRefused: obj({ ...base, grounds: str, step: optional(step) }),
  ResultHandedToStorage: obj({ ...base, storedSinceAt: str, early: bool }),
  ResultRecalledFromStorage: obj({
    ...base,
    requestedAt: str,
    dueAt: str,
    late: bool,
    explanation: str,
  }),
  AppealFiled: obj({
    ...base,
    appealId: str,
    grounds: str,
    dueAt: str,
    explanation: str,
  }),
  AppealForwarded: obj({ ...base, appealId: str, to: str }),
  AppealDecided: obj({
    ...base,
    appealId: str,
    decision: oneOf(['upheld', 'rejected']),
    reasoning: str,
    dueAt: str,
    late: bool,
  }),
};

export const CASE_EVENT_TYPES = Object.keys(DATA_CHECKS);
const isCaseEventType = (type: string): type is CaseEventType => Object.hasOwn(DATA_CHECKS, type);

export const isDecodeFailure = (decoded: CaseEvent | DecodeFailure): decoded is DecodeFailure => 'kind' in decoded;

function upcast(type: CaseEventType, data: Record<string, unknown>, from: number, schema: EventSchema): Record<string, unknown> {
  let current = data;
  for (let version = from; version < schema.version; version++) current = schema.upcasters[type]?.[version]?.(current) ?? current;
  return current;
}

/**
 * A receipt that names its plan by digest, with the plan put in from `plans`;
 * any other data as it is. A string when the named plan is not loaded.
 */
function withPlan(data: Record<string, unknown>, plans: PlanLookup): Record<string, unknown> | string {
  if (data.plan !== undefined || typeof data.planDigest !== 'string') return data;
  const found = plans(data.planDigest);
  return found
    ? { ...data, plan: found }
    : `the plan ${data.planDigest} it names is not loaded (no matching stream plan-${data.planDigest})`;
}

/** The checked event, or `undefined` with the problems filled in. */
function checked(type: CaseEventType, data: unknown, problems: string[]): CaseEvent | undefined {
  const at = 'data';
  switch (type) {
    case 'ApplicationReceived':
      return DATA_CHECKS[type](data, at, problems) ? { type, data } : undefined;
    case 'AcceptanceRefused':
      return DATA_CHECKS[type](data, at, problems) ? { type, data } : undefined;
    case 'ForwardedToProvider':
      return DATA_CHECKS[type](data, at, problems) ? { type, data } : undefined;
    case 'RegisteredAtProvider':
      return DATA_CHECKS[type](data, at, problems) ? { type, data } : undefined;
    case 'RegisteredAtStateCorporation':
      return DATA_CHECKS[type](data, at, problems) ? { type, data } : undefined;
    case 'DocumentsReviewed':
      return DATA_CHECKS[type](data, at, problems) ? { type, data } : undefined;
    case 'VisaImposed':
      return DATA_CHECKS[type](data, at, problems) ? { type, data } : undefined;
    case 'ExecutorReassigned':
      return DATA_CHECKS[type](data, at, problems) ? { type, data } : undefined;
    case 'DraftPrepared':
      return DATA_CHECKS[type](data, at, problems) ? { type, data } : undefined;
    case 'ResultSigned':
      return DATA_CHECKS[type](data, at, problems) ? { type, data } : undefined;
    case 'ResultSentToStateCorporation':
      return DATA_CHECKS[type](data, at, problems) ? { type, data } : undefined;
    case 'ResultIssued':
      return DATA_CHECKS[type](data, at, problems) ? { type, data } : undefined;
    case 'ServiceRefused':
      return DATA_CHECKS[type](data, at, problems) ? { type, data } : undefined;
    case 'ResultHandedToStorage':
      return DATA_CHECKS[type](data, at, problems) ? { type, data } : undefined;
    case 'ResultRecalledFromStorage':
      return DATA_CHECKS[type](data, at, problems) ? { type, data } : undefined;
    case 'AppealFiled':
      return DATA_CHECKS[type](data, at, problems) ? { type, data } : undefined;
    case 'AppealForwarded':
      return DATA_CHECKS[type](data, at, problems) ? { type, data } : undefined;
    case 'AppealDecided':
      return DATA_CHECKS[type](data, at, problems) ? { type, data } : undefined;
    default: {
      const unknown: never = type;
      problems.push(`${String(unknown)} has no checks`);
      return undefined;
    }
  }
}

/** Decodes a stored case event; never throws. */
export function decodeCaseEvent(
  stored: StoredCaseEvent,
  schema: EventSchema = CASE_EVENT_SCHEMA,
  plans: PlanLookup = noPlans,
): CaseEvent | DecodeFailure {
  const { type, data, schemaVersion } = stored;
  const failure = (...problems: string[]): DecodeFailure => ({
    kind: 'decode-failure',
    type,
    schemaVersion,
    problems,
  });
  if (!isCaseEventType(type)) return failure(`${type} is not a case event type`);
  if (!Number.isInteger(schemaVersion) || schemaVersion < 1) return failure(`schema version ${schemaVersion} is not a version`);
  if (schemaVersion > schema.version) return failure(`schema version ${schemaVersion} is newer than this code reads (${schema.version})`);
  if (!isRecord(data)) return failure('data is not an object');
  const problems: string[] = [];
  const current = withPlan(upcast(type, data, schemaVersion, schema), plans);
  if (typeof current === 'string') return failure(current);
  return checked(type, current, problems) ?? failure(...problems);
}

/** A stored event that does not decode: readers that cannot go on without it throw this, naming the event. */
export class UndecodableCaseEvent extends Error {
  constructor(readonly failure: DecodeFailure) {
    super(`${failure.type} (schema version ${failure.schemaVersion}) does not decode: ${failure.problems.join('; ')}`);
    this.name = 'UndecodableCaseEvent';
  }
}

/**
 * For readers that fold a whole stream (the write side, the audit) and for the
 * projections: an undecodable event stops the read. A projection then holds at
 * the event (blocked, recorded in its checkpoint row) until an admin retries
 * after a fix or skips it, as for any event it cannot apply.
 */
export function decodeOrThrow(stored: StoredCaseEvent, plans: PlanLookup = noPlans): CaseEvent {
  const decoded = decodeCaseEvent(stored, CASE_EVENT_SCHEMA, plans);
  if (isDecodeFailure(decoded)) throw new UndecodableCaseEvent(decoded);
  return decoded;
}
