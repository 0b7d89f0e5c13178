import { cite, fixtureVersion } from '../../../regulations/catalog/regulation.fixture';
import { RegulationVersion, SpecialRule } from '../../../regulations/regulation.model';
import { CaseCommand } from '../case.commands';
import { Caller, decide, DecideContext } from '../case.decide';
import { CaseActor, CaseEvent } from '../case.events';
import { foldCase } from '../case.state';
import { clerk, hours, operator, ORG, simpleTime, staff, T0 } from './decide-fixtures';

/** A result that goes to the provider's storage and is recalled from it: the decider specs of both commands start from these. */

/** A State Corporation office other than the case's. */
export const stranger = staff('u-other', 'state-corporation-operator', 'sc-elsewhere');
export const actorOf = (caller: Caller): CaseActor => ({ id: caller.id, role: caller.roles[0], organisation: caller.organisation });

export const at = (now: Date, caller: Caller, regulation?: RegulationVersion): DecideContext => ({
  caller,
  now,
  time: simpleTime,
  ...(regulation ? { regulation } : {}),
});

export const STORAGE: SpecialRule = {
  kind: 'state-corporation-storage',
  storage: { kind: 'stated', value: 1, unit: 'months', citation: cite('7', 'one month') },
  citation: cite('7', 'one month'),
};
export const RECALL: SpecialRule = {
  kind: 'recall-from-provider-storage',
  within: { kind: 'stated', value: 1, unit: 'working-days', citation: cite('7', 'one working day') },
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
export function history(specialRules: SpecialRule[], steps: Array<[CaseCommand, Caller, Date]>): CaseEvent[] {
  const events = decide(receiveAtSc, foldCase([]), at(T0, operator, fixtureVersion({ specialRules })));
  for (const [command, caller, now] of steps) events.push(...decide(command, foldCase(events), at(now, caller)));
  return events;
}

export const sentAt = hours(2);
/** The result prepared by the provider and back at the State Corporation since `sentAt`. */
export const resultAtStateCorporation = (rules: SpecialRule[] = [STORAGE, RECALL]) =>
  history(rules, [
    [{ type: 'ForwardToProvider' }, operator, hours(1)],
    [{ type: 'SendToStateCorporation' }, clerk, sentAt],
  ]);
export const handedAt = hours(24 * 40);
export const inStorage = (rules: SpecialRule[] = [STORAGE, RECALL]) => [
  ...resultAtStateCorporation(rules),
  ...decide({ type: 'HandToStorage' }, foldCase(resultAtStateCorporation(rules)), at(handedAt, operator)),
];
