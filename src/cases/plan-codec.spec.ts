import { realWorld } from '../audit/testing/case-history';
import type { EventStore, NewEvent, RecordedEvent } from '../event-store/event-store.port';
import { toNewEvents } from './case-stream';
import {
  CASE_EVENT_SCHEMA,
  decodeCaseEvent,
  decodeOrThrow,
  isCasePlan,
  isDecodeFailure,
  UndecodableCaseEvent,
} from './domain/case-event-codec';
import { CaseEvent } from './domain/case.events';
import { buildPlan, CasePlan } from './domain/plan';
import {
  canonicalJson,
  forgetKnownPlans,
  knownPlan,
  loadPlansFor,
  PLAN_EVENT_TYPE,
  planDigest,
  planStreamId,
  rememberPlansOf,
  storePlans,
} from './plan-codec';
import { CaseRun } from './testing/domain-driver';
import { workingTimeFrom } from './working-time.adapter';

const META = { commandId: 'cmd', correlationId: 'corr', causationId: 'cmd' };

function receipt(caseId = 'c-1', channel: 'provider-office' | 'state-corporation' = 'provider-office'): CaseEvent {
  const { calendar, catalog } = realWorld();
  const version = catalog.inForce('kostanay-oblast', 'secondary-education-duplicates', channel, '2019-03-04');
  if (!version) throw new Error('no regulation in force');
  const run = new CaseRun(caseId, version, channel, { providerOrg: 'school-7', scOrg: 'sc-kst' }, workingTimeFrom(calendar));
  const [event] = run.receive(new Date('2019-03-04T04:00:00Z'));
  return event;
}

/** A receipt with the plan it carries and that plan's digest. */
function receiptWithPlan(): { event: CaseEvent; plan: CasePlan; digest: string } {
  const event = receipt();
  const plan = planOf(event);
  if (!plan) throw new Error('no plan');
  return { event, plan, digest: planDigest(plan) };
}

const planOf = (event: CaseEvent) =>
  event.type === 'ApplicationReceived' || event.type === 'AcceptanceRefused' ? event.data.plan : undefined;

/** A store that holds only what a test puts in, and counts its reads: enough for the plan codec's two calls. */
class PlanShelf implements Pick<EventStore, 'readStream' | 'append'> {
  readonly streams = new Map<string, NewEvent[]>();
  reads = 0;
  appends = 0;
  async readStream(streamId: string): Promise<RecordedEvent[]> {
    this.reads += 1;
    return (this.streams.get(streamId) ?? []).map((e, revision) => ({
      ...e,
      streamId,
      revision,
      position: BigInt(revision + 1),
      recordedAt: new Date(0),
      data: JSON.parse(JSON.stringify(e.data)) as unknown,
      prevHash: '',
      hash: '',
      rawData: '',
      rawMetadata: '',
    }));
  }
  async append(streamId: string, events: NewEvent[]) {
    this.appends += 1;
    const stream = this.streams.get(streamId) ?? [];
    for (const event of events) if (!stream.some((e) => e.id === event.id)) stream.push(event);
    this.streams.set(streamId, stream);
    return { nextRevision: stream.length - 1, position: BigInt(stream.length), idempotentReplay: false };
  }
}

beforeEach(() => forgetKnownPlans());

describe('canonical JSON and the plan digest', () => {
  it('orders keys and drops undefined members, so the digest ignores how a plan was built or stored', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 'x', c: null }, 2], e: undefined })).toBe('{"a":[{"c":null,"d":"x"},2],"b":1}');
    const plan = planOf(receipt());
    if (!plan) throw new Error('no plan');
    const reorder = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(reorder)
        : value !== null && typeof value === 'object'
          ? Object.fromEntries(
              Object.entries(value)
                .reverse()
                .map(([k, v]) => [k, reorder(v)]),
            )
          : value;
    const reordered = reorder(JSON.parse(JSON.stringify(plan)));
    if (!isCasePlan(reordered, 'plan', [])) throw new Error('not a plan');
    expect(canonicalJson(reordered)).toBe(canonicalJson(plan));
    expect(JSON.stringify(reordered)).not.toBe(JSON.stringify(plan));
    expect(planDigest(reordered)).toBe(planDigest(plan));
    expect(planDigest(plan)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('tells plans apart: another channel of the same regulation has another digest', () => {
    const { catalog } = realWorld();
    const version = catalog.inForce('kostanay-oblast', 'secondary-education-duplicates', 'provider-office', '2019-03-04');
    if (!version) throw new Error('no regulation in force');
    const office = buildPlan(version, 'provider-office');
    expect(planDigest(office)).toBe(planDigest(buildPlan(version, 'provider-office')));
    const other = planOf(receipt('c-2', 'state-corporation'));
    if (!other) throw new Error('no plan');
    expect(planDigest(other)).not.toBe(planDigest(office));
  });
});

describe('a receipt stored at schema version 2 names its plan by digest', () => {
  it('is written without the plan, and decodes to the same event once the plan is known', () => {
    const event = receipt();
    const plan = planOf(event);
    const [stored] = toNewEvents([event], META);
    expect(stored.schemaVersion).toBe(2);
    expect(stored.data).not.toHaveProperty('plan');
    expect(stored.data).toMatchObject({ planDigest: plan && planDigest(plan) });
    expect(JSON.stringify(stored.data).length).toBeLessThan(JSON.stringify(event.data).length / 4);

    const unknown = decodeCaseEvent(stored, CASE_EVENT_SCHEMA, knownPlan);
    expect(isDecodeFailure(unknown) && unknown.problems.join()).toMatch(/plan [0-9a-f]{64} it names is not loaded/);
    expect(() => decodeOrThrow(stored, knownPlan)).toThrow(UndecodableCaseEvent);

    rememberPlansOf([event]);
    const decoded = decodeCaseEvent(stored, CASE_EVENT_SCHEMA, knownPlan);
    expect(decoded).toEqual({ type: event.type, data: { ...event.data, planDigest: plan && planDigest(plan) } });
  });

  it('a version-1 receipt still carries its plan inline and decodes without any lookup', () => {
    const event = receipt();
    const decoded = decodeCaseEvent({ type: event.type, schemaVersion: 1, data: event.data });
    expect(decoded).toEqual(event);
  });
});

describe('loading and storing plans', () => {
  it('stores each plan once per store, in plan-<digest>, before the receipt is appended', async () => {
    const { event, plan, digest } = receiptWithPlan();
    const shelf = new PlanShelf();
    await storePlans(shelf, [event], { correlationId: 'corr' });
    await storePlans(shelf, [receipt('c-3')], { correlationId: 'corr' });
    expect(shelf.appends).toBe(1);
    const [stored] = shelf.streams.get(planStreamId(digest)) ?? [];
    expect(stored).toMatchObject({ type: PLAN_EVENT_TYPE, data: { digest, plan } });

    const another = new PlanShelf();
    await storePlans(another, [event], { correlationId: 'corr' });
    expect(another.appends).toBe(1);
  });

  it('loads a named plan from its stream once per process, and leaves a tampered plan unknown', async () => {
    const { event, plan, digest } = receiptWithPlan();
    const shelf = new PlanShelf();
    await storePlans(shelf, [event], {});
    forgetKnownPlans();
    const [stored] = toNewEvents([event], META);
    await loadPlansFor(shelf, [stored, stored]);
    await loadPlansFor(shelf, [stored]);
    expect(shelf.reads).toBe(1);
    expect(knownPlan(digest)).toEqual(plan);

    forgetKnownPlans();
    const tampered = new PlanShelf();
    await tampered.append(planStreamId(digest), [
      { id: 'x', type: PLAN_EVENT_TYPE, schemaVersion: 1, data: { digest, plan: { ...plan, steps: plan.steps.slice(1) } }, metadata: {} },
    ]);
    await loadPlansFor(tampered, [stored]);
    expect(knownPlan(digest)).toBeUndefined();
    await loadPlansFor(new PlanShelf(), [stored]);
    expect(knownPlan(digest)).toBeUndefined();

    // A digest that is not one is never looked up (no stream read with a name taken from the data).
    const shelf2 = new PlanShelf();
    await loadPlansFor(shelf2, [
      { type: 'ApplicationReceived', data: { planDigest: '../case-x' } },
      { type: 'ApplicationReceived', data: { planDigest: 7 } },
    ]);
    expect(shelf2.reads).toBe(0);
  });
});
