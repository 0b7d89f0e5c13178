import { cite, fixtureVersion } from '../../regulations/catalog/regulation.fixture';
import { RegulationVersion, SpecialRule } from '../../regulations/regulation.model';
import { CaseCommand } from './case.commands';
import { Caller, decide, DecideContext } from './case.decide';
import { CaseActor, CaseEvent } from './case.events';
import { foldCase } from './case.state';
import { given } from './testing/decider-spec';
import { WorkingTime } from './working-time.port';

/** Every day works, office time is continuous: the real calendar has its own tests. */
const simpleTime: WorkingTime = {
  addDuration: (start, d) => {
    const minutes = { minutes: 1, hours: 60, 'working-days': 1440, 'calendar-days': 1440 }[d.unit] * d.value;
    return {
      dueAt: new Date(start.getTime() + minutes * 60_000),
      explanation: `+${d.value} ${d.unit}`,
    };
  },
  localDate: (instant) => instant.toISOString().slice(0, 10),
};

const ORG = 'school-7';
const SC = 'sc-kostanay-1';
const staff = (id: string, role: string, organisation: string): Caller => ({
  id,
  roles: [role],
  organisation,
  region: 'kostanay-oblast',
});
const operator = staff('u-sc', 'state-corporation-operator', SC);
const clerk = staff('u-clerk', 'clerk', ORG);
const stranger = staff('u-other', 'state-corporation-operator', 'sc-elsewhere');
const actorOf = (caller: Caller): CaseActor => ({
  id: caller.id,
  role: caller.roles[0],
  organisation: caller.organisation,
});

const T0 = new Date('2018-09-03T04:00:00Z');
const hours = (h: number) => new Date(T0.getTime() + h * 3600_000);
const at = (now: Date, caller: Caller, regulation?: RegulationVersion): DecideContext => ({
  caller,
  now,
  time: simpleTime,
  ...(regulation ? { regulation } : {}),
});

const STORAGE: SpecialRule = {
  kind: 'state-corporation-storage',
  storage: {
    kind: 'stated',
    value: 1,
    unit: 'months',
    citation: cite('7', 'one month'),
  },
  citation: cite('7', 'one month'),
};
const RECALL: SpecialRule = {
  kind: 'recall-from-provider-storage',
  within: {
    kind: 'stated',
    value: 1,
    unit: 'working-days',
    citation: cite('7', 'one working day'),
  },
  citation: cite('7', 'one working day'),
};

const receiveAtSc: CaseCommand = {
  type: 'ReceiveApplication',
  caseId: 'c-1',
  channel: 'state-corporation',
  service: 'secondary-education-duplicates',
  providerOrganisation: ORG,
  applicant: { iin: '900101300017', name: 'Иванов Иван' },
  documents: ['application'],
  consentToProtectedData: true,
};

/** The events of a case through the State Corporation, decided in turn (whole events, as the store holds them). */
function history(specialRules: SpecialRule[], steps: Array<[CaseCommand, Caller, Date]>): CaseEvent[] {
  const events = decide(receiveAtSc, foldCase([]), at(T0, operator, fixtureVersion({ specialRules })));
  for (const [command, caller, now] of steps) events.push(...decide(command, foldCase(events), at(now, caller)));
  return events;
}

const sentAt = hours(2);
/** The result prepared by the provider and back at the State Corporation since `sentAt`. */
const resultAtStateCorporation = (rules: SpecialRule[] = [STORAGE, RECALL]) =>
  history(rules, [
    [{ type: 'ForwardToProvider' }, operator, hours(1)],
    [{ type: 'SendToStateCorporation' }, clerk, sentAt],
  ]);
const handedAt = hours(24 * 40);
const inStorage = (rules: SpecialRule[] = [STORAGE, RECALL]) => [
  ...resultAtStateCorporation(rules),
  ...decide({ type: 'HandToStorage' }, foldCase(resultAtStateCorporation(rules)), at(handedAt, operator)),
];

describe('storage: an uncollected result goes to the provider’s storage', () => {
  it('given the result at the State Corporation for over a month, when the operator hands it over, then storage is recorded from its arrival', () => {
    given(resultAtStateCorporation())
      .when({ type: 'HandToStorage' }, at(handedAt, operator))
      .then([
        {
          type: 'ResultHandedToStorage',
          data: {
            caseId: 'c-1',
            actor: actorOf(operator),
            occurredAt: handedAt.toISOString(),
            storedSinceAt: sentAt.toISOString(),
            storageEndedAt: '2018-10-03T06:00:00.000Z',
            early: false,
          },
        },
      ]);
  });

  it('given the result at the State Corporation, when it is handed over before the month ends, then the hand-over is recorded as early', () => {
    const soon = hours(24 * 10);
    given(resultAtStateCorporation())
      .when({ type: 'HandToStorage' }, at(soon, operator))
      .then([
        {
          type: 'ResultHandedToStorage',
          data: {
            caseId: 'c-1',
            actor: actorOf(operator),
            occurredAt: soon.toISOString(),
            storedSinceAt: sentAt.toISOString(),
            storageEndedAt: '2018-10-03T06:00:00.000Z',
            early: true,
          },
        },
      ]);
  });

  it('given a regulation without a storage rule, then storage is refused', () => {
    given(resultAtStateCorporation([RECALL]))
      .when({ type: 'HandToStorage' }, at(handedAt, operator))
      .thenRefuses({ kind: 'conflict', code: 'storage-not-regulated' });
  });

  it('given the result still with the provider, then storage is refused', () => {
    const atProvider = history([STORAGE, RECALL], [[{ type: 'ForwardToProvider' }, operator, hours(1)]]);
    given(atProvider).when({ type: 'HandToStorage' }, at(handedAt, operator)).thenRefuses({
      kind: 'conflict',
      code: 'result-not-at-state-corporation',
    });
  });

  it('given the result already in storage, then a second hand-over is refused', () => {
    given(inStorage())
      .when({ type: 'HandToStorage' }, at(hours(24 * 41), operator))
      .thenRefuses({
        kind: 'conflict',
        code: 'result-not-at-state-corporation',
      });
  });

  it('is the State Corporation operator’s: the provider’s clerk is refused, another office does not see the case', () => {
    given(resultAtStateCorporation())
      .when({ type: 'HandToStorage' }, at(handedAt, clerk))
      .thenRefuses({ kind: 'forbidden', code: 'wrong-role' });
    given(resultAtStateCorporation())
      .when({ type: 'HandToStorage' }, at(handedAt, stranger))
      .thenRefuses({ kind: 'not-found', code: 'case-not-found' });
  });

  it('given no case, then there is nothing to store', () => {
    given([]).when({ type: 'HandToStorage' }, at(handedAt, operator)).thenRefuses({ kind: 'not-found', code: 'case-not-found' });
  });
});

describe('recall: the State Corporation asks for a stored result back', () => {
  const recalledAt = hours(24 * 41);

  it('given a result in storage, when the provider records the request, then the recall is due one working day after the request', () => {
    given(inStorage())
      .when({ type: 'RecallFromStorage', requestedAt: handedAt.toISOString() }, at(recalledAt, clerk))
      .then([
        {
          type: 'ResultRecalledFromStorage',
          data: {
            caseId: 'c-1',
            actor: actorOf(clerk),
            occurredAt: recalledAt.toISOString(),
            requestedAt: handedAt.toISOString(),
            dueAt: hours(24 * 41).toISOString(),
            late: false,
            explanation: '+1 working-days',
          },
        },
      ]);
  });

  it('given a result in storage, when the recall comes after its term, then it is recorded late', () => {
    const later = hours(24 * 43);
    given(inStorage())
      .when({ type: 'RecallFromStorage', requestedAt: handedAt.toISOString() }, at(later, clerk))
      .then([
        {
          type: 'ResultRecalledFromStorage',
          data: {
            caseId: 'c-1',
            actor: actorOf(clerk),
            occurredAt: later.toISOString(),
            requestedAt: handedAt.toISOString(),
            dueAt: hours(24 * 41).toISOString(),
            late: true,
            explanation: '+1 working-days',
          },
        },
      ]);
  });

  it('given a regulation without a recall term, then the recall is recorded without one', () => {
    given(inStorage([STORAGE]))
      .when({ type: 'RecallFromStorage', requestedAt: handedAt.toISOString() }, at(recalledAt, clerk))
      .then([
        {
          type: 'ResultRecalledFromStorage',
          data: {
            caseId: 'c-1',
            actor: actorOf(clerk),
            occurredAt: recalledAt.toISOString(),
            requestedAt: handedAt.toISOString(),
            dueAt: handedAt.toISOString(),
            late: false,
            explanation: 'the regulation states no recall term',
          },
        },
      ]);
  });

  it('given the result not in storage, then a recall is refused', () => {
    given(resultAtStateCorporation())
      .when({ type: 'RecallFromStorage', requestedAt: handedAt.toISOString() }, at(recalledAt, clerk))
      .thenRefuses({ kind: 'conflict', code: 'result-not-in-storage' });
  });

  it('refuses a request dated before the hand-over, in the future, or not a date', () => {
    const recall = (requestedAt: string) => given(inStorage()).when({ type: 'RecallFromStorage', requestedAt }, at(recalledAt, clerk));
    recall(hours(24 * 39).toISOString()).thenRefuses({
      kind: 'invalid',
      code: 'recall-before-hand-over',
      details: { handedToStorageAt: handedAt.toISOString() },
    });
    recall(hours(24 * 42).toISOString()).thenRefuses({
      kind: 'invalid',
      code: 'invalid-requested-at',
    });
    recall('yesterday').thenRefuses({
      kind: 'invalid',
      code: 'invalid-requested-at',
    });
  });

  it('is the provider’s: the State Corporation operator is refused', () => {
    given(inStorage())
      .when({ type: 'RecallFromStorage', requestedAt: handedAt.toISOString() }, at(recalledAt, operator))
      .thenRefuses({ kind: 'forbidden', code: 'wrong-role' });
  });

  it('given a recalled result, when it is again uncollected, then it can be handed to storage again, counted from the recall', () => {
    const recalled = [
      ...inStorage(),
      ...decide({ type: 'RecallFromStorage', requestedAt: handedAt.toISOString() }, foldCase(inStorage()), at(recalledAt, clerk)),
    ];
    const again = hours(24 * 80);
    given(recalled)
      .when({ type: 'HandToStorage' }, at(again, operator))
      .then([
        {
          type: 'ResultHandedToStorage',
          data: {
            caseId: 'c-1',
            actor: actorOf(operator),
            occurredAt: again.toISOString(),
            storedSinceAt: recalledAt.toISOString(),
            storageEndedAt: '2018-11-14T04:00:00.000Z',
            early: false,
          },
        },
      ]);
  });
});
