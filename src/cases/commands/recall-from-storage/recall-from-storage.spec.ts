import { fixtureVersion } from '../../../regulations/catalog/regulation.fixture';
import { CaseEvent } from '../../domain/case.events';
import { clerk, hours, operator, receipt, run, T0, violation } from '../../domain/testing/decide-fixtures';
import { given } from '../../domain/testing/decider-spec';
import { actorOf, at, handedAt, inStorage, RECALL, resultAtStateCorporation, STORAGE } from '../../domain/testing/storage-fixtures';

const receiveAtSc = receipt({ channel: 'state-corporation' });

describe('recall from storage (#15)', () => {
  const storageRules = fixtureVersion({ specialRules: [STORAGE, RECALL] });
  /** Given a result handed to the provider's storage at `handedAt`. */
  const stored = (handedAt: Date): CaseEvent[] => {
    const history = run([], receiveAtSc, operator, T0, storageRules);
    history.push(...run(history, { type: 'ForwardToProvider' }, operator, hours(1)));
    history.push(...run(history, { type: 'SendToStateCorporation' }, clerk, hours(2)));
    history.push(...run(history, { type: 'HandToStorage' }, operator, handedAt));
    return history;
  };

  it('given a result in storage, when the recall was requested before the hand-over, then it is refused', () => {
    const history = stored(handedAt);
    const refused = violation(() =>
      run(history, { type: 'RecallFromStorage', requestedAt: hours(24 * 39).toISOString() }, clerk, hours(24 * 41)),
    );
    expect(refused).toMatchObject({
      kind: 'invalid',
      code: 'recall-before-hand-over',
      details: { handedToStorageAt: handedAt.toISOString() },
    });
  });

  it('given a result in storage, when the recall was requested after the hand-over and not in the future, then it is recorded', () => {
    const history = stored(handedAt);
    const [recalled] = run(history, { type: 'RecallFromStorage', requestedAt: handedAt.toISOString() }, clerk, hours(24 * 41));
    expect(recalled.type).toBe('ResultRecalledFromStorage');
    expect(
      violation(() => run(history, { type: 'RecallFromStorage', requestedAt: hours(24 * 42).toISOString() }, clerk, hours(24 * 41))),
    ).toMatchObject({ code: 'invalid-requested-at' });
  });
});

describe('recall: the State Corporation asks for a stored result back', () => {
  const recalledAt = hours(24 * 41);
  /** The recall recorded at `occurredAt` of the request made at the hand-over, with its term. */
  const recalled = (occurredAt: Date, term: { dueAt: Date; late: boolean; explanation: string }): CaseEvent[] => [
    {
      type: 'ResultRecalledFromStorage',
      data: {
        caseId: 'c-1',
        actor: actorOf(clerk),
        occurredAt: occurredAt.toISOString(),
        requestedAt: handedAt.toISOString(),
        dueAt: term.dueAt.toISOString(),
        late: term.late,
        explanation: term.explanation,
      },
    },
  ];

  it('given a result in storage, when the provider records the request, then the recall is due one working day after the request', () => {
    given(inStorage())
      .when({ type: 'RecallFromStorage', requestedAt: handedAt.toISOString() }, at(recalledAt, clerk))
      .then(recalled(recalledAt, { dueAt: hours(24 * 41), late: false, explanation: '+1 working-days' }));
  });

  it('given a result in storage, when the recall comes after its term, then it is recorded late', () => {
    const later = hours(24 * 43);
    given(inStorage())
      .when({ type: 'RecallFromStorage', requestedAt: handedAt.toISOString() }, at(later, clerk))
      .then(recalled(later, { dueAt: hours(24 * 41), late: true, explanation: '+1 working-days' }));
  });

  it('given a regulation without a recall term, then the recall is recorded without one', () => {
    given(inStorage([STORAGE]))
      .when({ type: 'RecallFromStorage', requestedAt: handedAt.toISOString() }, at(recalledAt, clerk))
      .then(recalled(recalledAt, { dueAt: handedAt, late: false, explanation: 'the regulation states no recall term' }));
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
});
