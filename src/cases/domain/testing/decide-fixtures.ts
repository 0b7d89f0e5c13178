import { fixtureVersion } from '../../../regulations/catalog/regulation.fixture';
import { Channel, RegulationVersion, Step } from '../../../regulations/regulation.model';
import { CaseCommand } from '../case.commands';
import { Caller, decide, DecideContext } from '../case.decide';
import { CaseEvent } from '../case.events';
import { CaseRuleViolation } from '../case-error';
import { foldCase } from '../case.state';
import { WorkingTime } from '../working-time.port';

/**
 * What the decider specs of the domain and of the command slices share: the fixture
 * regulation's people, instants and a receipt, and decide() run over a history.
 */

/** A deliberately simple working time for rule tests: every day works, office time is continuous. The real calendar has its own tests. */
export const simpleTime: WorkingTime = {
  addDuration: (start, d) => {
    const minutes = { minutes: 1, hours: 60, 'working-days': 1440, 'calendar-days': 1440 }[d.unit] * d.value;
    return { dueAt: new Date(start.getTime() + minutes * 60_000), explanation: `+${d.value} ${d.unit}` };
  },
  localDate: (instant) => instant.toISOString().slice(0, 10),
};

export const ORG = 'school-7';
export const SC = 'sc-kostanay-1';
export const staff = (id: string, role: string, organisation = ORG): Caller => ({
  id,
  roles: [role],
  organisation,
  region: 'kostanay-oblast',
});
export const clerk = staff('u-clerk', 'clerk');
export const head = staff('u-head', 'head');
export const executor = staff('u-exec', 'executor');
export const operator = staff('u-sc', 'state-corporation-operator', SC);

export const applicant = { iin: '900101300017', name: 'Иванов Иван' };
export const T0 = new Date('2018-09-03T04:00:00Z');
export const hours = (h: number) => new Date(T0.getTime() + h * 3600_000);

/** The fixture regulation with the steps of one channel changed. */
export function withSteps(channel: Channel, change: (steps: Step[]) => Step[]): RegulationVersion {
  const base = fixtureVersion();
  return fixtureVersion({ channels: base.channels.map((c) => (c.channel === channel ? { ...c, steps: change(c.steps) } : c)) });
}

/** The events `command` adds to `history`, decided by `caller` at `at` under `regulation` (needed by receipts only). */
export function run(
  history: CaseEvent[],
  command: CaseCommand,
  caller: Caller,
  at: Date = T0,
  regulation: RegulationVersion = fixtureVersion(),
): CaseEvent[] {
  const ctx: DecideContext = { caller, now: at, time: simpleTime, regulation };
  return decide(command, foldCase(history), ctx);
}

/** The refusal `fn` throws (anything else fails the spec). */
export function violation(fn: () => unknown): CaseRuleViolation {
  try {
    fn();
  } catch (error) {
    if (error instanceof CaseRuleViolation) return error;
    throw error;
  }
  throw new Error('expected a CaseRuleViolation');
}

/** A receipt typed as such, so that variants of it need no casts. */
export const receipt = (overrides: Partial<Extract<CaseCommand, { type: 'ReceiveApplication' }>> = {}): CaseCommand => ({
  type: 'ReceiveApplication',
  caseId: 'c-1',
  channel: 'provider-office',
  service: 'secondary-education-duplicates',
  providerOrganisation: ORG,
  applicant,
  documents: ['application', 'identity document'],
  consentToProtectedData: true,
  ...overrides,
});

export const receiveAtOffice: CaseCommand = receipt();
