import { fixtureVersion } from '../../regulations/catalog/regulation.fixture';
import { CaseCommand } from './case.commands';
import { Caller, decide, DecideContext } from './case.decide';
import { CaseEvent } from './case.events';
import { CaseRuleViolation } from './case-error';
import { evolve, foldCase, initialCaseState } from './case.state';
import { given } from './testing/decider-spec';
import { WorkingTime } from './working-time.port';

const simpleTime: WorkingTime = {
  addDuration: (start, d) => ({
    dueAt: new Date(start.getTime() + d.value * 3600_000),
    explanation: `+${d.value} ${d.unit}`,
  }),
  localDate: (instant) => instant.toISOString().slice(0, 10),
};
const clerk: Caller = {
  id: 'u-clerk',
  roles: ['clerk'],
  organisation: 'school-7',
  region: 'kostanay-oblast',
};
const T0 = new Date('2018-09-03T04:00:00Z');
const ctx = (regulation = fixtureVersion()): DecideContext => ({
  caller: clerk,
  now: T0,
  time: simpleTime,
  regulation,
});
const receive: CaseCommand = {
  type: 'ReceiveApplication',
  caseId: 'c-1',
  channel: 'provider-office',
  service: 'secondary-education-duplicates',
  providerOrganisation: 'school-7',
  applicant: { iin: '900101300017', name: 'Иванов Иван' },
  documents: ['application'],
  consentToProtectedData: true,
};
const received = decide(receive, initialCaseState(), ctx());

describe('case state and decide: what the types hold', () => {
  it('evolve leaves the state as it was, but counted, for an event it does not know', () => {
    const state = foldCase(received);
    // As a stored event could arrive were it not decoded first: JSON.parse gives `any`.
    const stray: CaseEvent = JSON.parse('{"type":"ResultTeleported","data":{"caseId":"c-1"}}');
    expect(evolve(state, stray)).toEqual({
      ...state,
      eventCount: state.eventCount + 1,
    });
  });

  it('an event before any receipt changes nothing but the count: the case still does not exist', () => {
    const [, ...later] = [
      ...received,
      ...decide({ type: 'ImposeVisa', executorId: 'u-exec' }, foldCase(received), {
        ...ctx(),
        caller: { ...clerk, id: 'u-head', roles: ['head'] },
      }),
    ];
    expect(later.map((e) => e.type)).toEqual(['VisaImposed']);
    expect(foldCase(later)).toEqual({ ...initialCaseState(), eventCount: 1 });
    given(later).when({ type: 'SignResult' }, ctx()).thenRefuses({ kind: 'not-found', code: 'case-not-found' });
  });

  it('a received case has its id and plan', () => {
    const state = foldCase(received);
    expect(state.status).toBe('open');
    if (state.status === 'new') return;
    expect(state.caseId).toBe('c-1');
    expect(state.plan.steps.length).toBeGreaterThan(1);
  });

  it('a command the types do not know is a compile error, and refused at run time rather than taken for a step', () => {
    // @ts-expect-error 'ForwardToProvder' is not a case command
    const mistyped: CaseCommand = { type: 'ForwardToProvder' };
    given([]).when(mistyped, ctx()).thenRefuses({ kind: 'invalid', code: 'unknown-command' });
    given(received).when(mistyped, ctx()).thenRefuses({ kind: 'invalid', code: 'unknown-command' });
  });

  it('a receipt without the regulation in force is a rule violation, not a bare error', () => {
    const error = (() => {
      try {
        decide(receive, initialCaseState(), {
          ...ctx(),
          regulation: undefined,
        });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(CaseRuleViolation);
    expect(error).toMatchObject({
      kind: 'conflict',
      code: 'no-regulation-in-force',
    });
  });
});

describe('decider spec helper', () => {
  it('then fails on events that differ in any field, and on a refusal', () => {
    const [event] = received;
    given([]).when(receive, ctx()).then([event]);
    if (event.type !== 'ApplicationReceived') throw new Error('the receipt comes first');
    const changed: CaseEvent = { ...event, data: { ...event.data, occurredAt: '2018-09-03T04:00:01.000Z' } };
    expect(() => given([]).when(receive, ctx()).then([changed])).toThrow();
    expect(() => given(received).when(receive, ctx()).then([event])).toThrow(
      /expected events ApplicationReceived, got refusal case-exists/,
    );
  });

  it('thenRefuses fails on events, on another code, and on other details', () => {
    given(received).when(receive, ctx()).thenRefuses({ kind: 'conflict', code: 'case-exists' });
    expect(() => given([]).when(receive, ctx()).thenRefuses({ kind: 'conflict', code: 'case-exists' })).toThrow(
      /expected refusal case-exists, got events ApplicationReceived/,
    );
    expect(() => given(received).when(receive, ctx()).thenRefuses({ kind: 'conflict', code: 'case-closed' })).toThrow();
    expect(() =>
      given(received)
        .when(receive, ctx())
        .thenRefuses({
          kind: 'conflict',
          code: 'case-exists',
          details: { x: 1 },
        }),
    ).toThrow();
  });
});
