import { fixtureVersion } from '../../regulations/catalog/regulation.fixture';
import { availableActions } from './available-actions';
import { CaseCommand } from './case.commands';
import { CaseEvent } from './case.events';
import { Caller, decide } from './case.decide';
import { foldCase } from './case.state';
import { WorkingTime } from './working-time.port';

const simpleTime: WorkingTime = {
  addDuration: (start, d) => {
    const minutes = { minutes: 1, hours: 60, 'working-days': 1440, 'calendar-days': 1440 }[d.unit] * d.value;
    return { dueAt: new Date(start.getTime() + minutes * 60_000), explanation: `+${d.value} ${d.unit}` };
  },
  localDate: (instant) => instant.toISOString().slice(0, 10),
};

const ORG = 'school-7';
const staff = (id: string, role: string, organisation = ORG, region = 'kostanay-oblast'): Caller => ({
  id,
  roles: [role],
  organisation,
  region,
});
const clerk = staff('u-clerk', 'clerk');
const head = staff('u-head', 'head');
const executor = staff('u-exec', 'executor');
const T0 = new Date('2018-09-03T04:00:00Z');

const receive: CaseCommand = {
  type: 'ReceiveApplication',
  caseId: 'c-1',
  channel: 'provider-office',
  service: 'secondary-education-duplicates',
  providerOrganisation: ORG,
  applicant: { iin: '900101300017', name: 'Иванов Иван' },
  documents: ['application'],
  consentToProtectedData: true,
};

function history(...steps: Array<[CaseCommand, Caller]>): CaseEvent[] {
  const events: CaseEvent[] = [];
  for (const [command, caller] of steps)
    events.push(...decide(command, foldCase(events), { caller, now: T0, time: simpleTime, regulation: fixtureVersion() }));
  return events;
}

const typesFor = (events: CaseEvent[], caller: Caller) =>
  availableActions(foldCase(events), { caller, now: T0, time: simpleTime }).map((a) => a.type);

describe('availableActions: what decide() would accept now', () => {
  const received = history([receive, clerk]);

  it('offers the head the visa and the refusal after the receipt, and the clerk only what the rules give a clerk', () => {
    expect(typesFor(received, head)).toEqual(['ImposeVisa', 'RefuseService', 'FileAppeal']);
    expect(typesFor(received, clerk)).toEqual(['FileAppeal']);
    expect(typesFor(received, executor)).toEqual([]);
  });

  it('offers the draft only to the executor the visa named', () => {
    const visa = history([receive, clerk], [{ type: 'ImposeVisa', executorId: 'u-exec' }, head]);
    expect(typesFor(visa, executor)).toContain('PrepareDraft');
    expect(typesFor(visa, staff('u-other', 'executor'))).not.toContain('PrepareDraft');
    expect(typesFor(visa, head)).toContain('ReassignExecutor');
  });

  it('offers nothing to another organisation, another region or a reader', () => {
    expect(typesFor(received, staff('u-head-2', 'head', 'school-8'))).toEqual([]);
    expect(typesFor(received, staff('u-head-3', 'head', ORG, 'astana'))).toEqual([]);
    expect(typesFor(received, staff('u-appeals', 'appeal-reviewer'))).toEqual([]);
  });

  it('offers appeal commands per appeal, and none once decided', () => {
    const appealId = '0b6c2f1e-9a11-4c1e-9d3a-5f0c7a1e2b1c';
    const filed = history([receive, clerk], [{ type: 'FileAppeal', appealId, grounds: 'Не выдан в срок' }, clerk]);
    expect(availableActions(foldCase(filed), { caller: head, now: T0, time: simpleTime })).toContainEqual({
      type: 'DecideAppeal',
      appealId,
    });
    expect(availableActions(foldCase(filed), { caller: clerk, now: T0, time: simpleTime })).toContainEqual({
      type: 'ForwardAppeal',
      appealId,
    });
    const decided = history(
      [receive, clerk],
      [{ type: 'FileAppeal', appealId, grounds: 'Не выдан в срок' }, clerk],
      [{ type: 'DecideAppeal', appealId, decision: 'rejected', reasoning: 'Срок соблюдён' }, head],
    );
    expect(typesFor(decided, head)).not.toContain('DecideAppeal');
  });
});
