import { createHash } from 'node:crypto';
import { uuidFromName } from '../common/ids';
import { perObject } from '../common/per-object';
import type { EventStore, NewEvent, RecordedEvent } from '../event-store/event-store.port';
import type { CaseEvent } from './domain/case.events';
import { isCasePlan } from './domain/case-event-codec';
import { isRecord } from './domain/event-checks';
import type { CasePlan } from './domain/plan';

/**
 * Plans by reference (case events at schema version 2). A receipt used to carry
 * its whole plan (about 13 KB of JSON), so every reader of the log parsed the same
 * few dozen plans again and again. Now the plan is stored once, as the one event
 * of the stream `plan-<digest>`, and a receipt names it by that digest, which its
 * own hash-chained data binds. Readers load the plans a page of events names
 * (loadPlansFor) and then decode synchronously through knownPlan.
 */

export const PLAN_STREAM_PREFIX = 'plan-';
export const PLAN_EVENT_TYPE = 'CasePlanRecorded';
const PLAN_EVENT_SCHEMA_VERSION = 1;
/** More plans than any catalog holds (versions × channels): past it the oldest loaded goes first. */
const MAX_KNOWN_PLANS = 10_000;

/**
 * JSON with every object's keys in code-point order: the same plan gives the
 * same text whatever order its keys were built or stored in (jsonb reorders them).
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The digest of a plan's canonical JSON text: what the bundle's verifier checks a carried plan's text against. */
export const digestOfPlanText = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** A plan's content address: sha256 of its canonical JSON, in hex (once per plan object: plans are never changed in place). */
export const planDigest: (plan: CasePlan) => string = perObject((plan: CasePlan) => digestOfPlanText(canonicalJson(plan)));

export const planStreamId = (digest: string): string => `${PLAN_STREAM_PREFIX}${digest}`;

/**
 * Plans are content-addressed, so one cache serves every store in the process:
 * a digest names the same plan wherever it was read. Filled only from what a
 * store holds (or has just durably stored), never from what a writer meant to store.
 */
const known = new Map<string, CasePlan>();

export const knownPlan = (digest: string): CasePlan | undefined => known.get(digest);

function remember(digest: string, plan: CasePlan): void {
  if (known.has(digest)) return;
  if (known.size >= MAX_KNOWN_PLANS) known.delete(known.keys().next().value ?? '');
  known.set(digest, plan);
}

/** For tests of the loading path: forget every plan. */
export function forgetKnownPlans(): void {
  known.clear();
}

const RECEIPT_TYPES: ReadonlySet<string> = new Set<CaseEvent['type']>(['ApplicationReceived', 'AcceptanceRefused']);

const DIGEST = /^[0-9a-f]{64}$/;

/** The plan digest a stored receipt names, if it names one that could be a digest (anything else is never looked up, and fails to decode). */
export function planDigestOf(event: Pick<RecordedEvent, 'type' | 'data'>): string | undefined {
  if (!RECEIPT_TYPES.has(event.type) || !isRecord(event.data)) return undefined;
  const digest = event.data.planDigest;
  return typeof digest === 'string' && DIGEST.test(digest) ? digest : undefined;
}

/** The plan a plan stream's event holds, when its content matches the digest it is stored under. */
function planIn(event: RecordedEvent | undefined, digest: string): CasePlan | undefined {
  if (!event || event.type !== PLAN_EVENT_TYPE || !isRecord(event.data)) return undefined;
  const plan = event.data.plan;
  return isCasePlan(plan, 'plan', []) && planDigest(plan) === digest ? plan : undefined;
}

/**
 * Loads, into knownPlan, every plan the events name that is not known yet: one
 * stream read per new digest, so about one per catalog version and channel per
 * process. A plan missing from the store (or not matching its digest) stays
 * unknown, and the receipt naming it then fails to decode, naming the digest.
 */
export async function loadPlansFor(
  store: Pick<EventStore, 'readStream'>,
  events: readonly Pick<RecordedEvent, 'type' | 'data'>[],
): Promise<void> {
  const missing = new Set<string>();
  for (const event of events) {
    const digest = planDigestOf(event);
    if (digest !== undefined && !known.has(digest)) missing.add(digest);
  }
  for (const digest of missing) {
    const [event] = await store.readStream(planStreamId(digest), { maxCount: 1 });
    const plan = planIn(event, digest);
    if (plan) remember(digest, plan);
  }
}

/** The event that stores a plan: its id is the digest's, so storing it again is a no-op. */
export function planEvent(digest: string, plan: CasePlan, metadata: NewEvent['metadata']): NewEvent {
  return {
    id: uuidFromName(`plan:${digest}`),
    type: PLAN_EVENT_TYPE,
    schemaVersion: PLAN_EVENT_SCHEMA_VERSION,
    data: { digest, plan },
    metadata,
  };
}

/** Every plan the case events carry, once each, by digest. */
export function plansOf(events: readonly CaseEvent[]): Map<string, CasePlan> {
  const plans = new Map<string, CasePlan>();
  for (const event of events) {
    if (event.type === 'ApplicationReceived' || event.type === 'AcceptanceRefused') plans.set(planDigest(event.data.plan), event.data.plan);
  }
  return plans;
}

/** Per store, the digests this process has stored or found there: a plan is appended once per store and process. */
const storedIn = new WeakMap<object, Set<string>>();

/**
 * Stores the plans the case events carry before the events themselves are
 * appended (a receipt must never name a plan the store lacks). The plan's event
 * id is its digest's, so a plan another process stored first makes the append a
 * no-op; a crash between the two appends leaves a plan no receipt names, which
 * is harmless.
 */
export async function storePlans(
  store: Pick<EventStore, 'append'>,
  events: readonly CaseEvent[],
  metadata: NewEvent['metadata'],
): Promise<void> {
  let stored = storedIn.get(store);
  if (!stored) storedIn.set(store, (stored = new Set()));
  for (const [digest, plan] of plansOf(events)) {
    if (stored.has(digest)) continue;
    await store.append(planStreamId(digest), [planEvent(digest, plan, metadata)], 'any');
    stored.add(digest);
    remember(digest, plan);
  }
}

/** After the events' plans were stored some other way (an import, a test's in-memory store): readers in this process know them. */
export function rememberPlansOf(events: readonly CaseEvent[]): void {
  for (const [digest, plan] of plansOf(events)) remember(digest, plan);
}
