import { decide } from '../../domain/case.decide';
import { foldCase } from '../../domain/case.state';
import { clerk, hours, operator } from '../../domain/testing/decide-fixtures';
import { given } from '../../domain/testing/decider-spec';
import {
  actorOf,
  at,
  handedAt,
  history,
  inStorage,
  RECALL,
  resultAtStateCorporation,
  sentAt,
  STORAGE,
  stranger,
} from '../../domain/testing/storage-fixtures';

describe('storage: an uncollected result goes to the provider’s storage', () => {
  it('given the result at the State Corporation over a month, when the operator hands it over, storage counts from its arrival', () => {
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

  it('given the result at the State Corporation, when handed over before the month ends, then the hand-over is recorded as early', () => {
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

  it('given a recalled result, when it is again uncollected, then it can be handed to storage again, counted from the recall', () => {
    const recalledAt = hours(24 * 41);
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
