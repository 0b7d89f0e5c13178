import { loadCatalogFiles } from '../../regulations/catalog/load-catalog';
import { StepRole } from '../../regulations/regulation.model';
import { CaseCommand } from './case.commands';
import { CaseEvent } from './case.events';
import { foldCase } from './case.state';
import { Caller, decide, FULFILS, PERFORMERS } from './case.decide';
import { buildPlan } from './plan';
import { WorkingTime } from './working-time.port';
import { firstDayToApply } from '../../../test/support/catalog-days';

const simpleTime: WorkingTime = {
  addDuration: (start, d) => ({ dueAt: new Date(start.getTime() + d.value * 60_000), explanation: 'test' }),
  localDate: (instant) => instant.toISOString().slice(0, 10),
};

const commandFor = (action: string): CaseCommand => {
  const type = Object.entries(FULFILS).find(([, actions]) => actions.includes(action as never))?.[0];
  if (!type) throw new Error(`no command fulfils ${action}`);
  const extra: Record<string, unknown> = { ImposeVisa: { executorId: 'u-executor' }, IssueResult: { to: 'applicant' } }[type] ?? {};
  return { type, ...extra } as CaseCommand;
};

/** Every regulation of the catalog, on every channel it allows, can be driven from receipt to its last step. */
describe('driving every regulation of the catalog', () => {
  const versions = loadCatalogFiles();
  const cases = versions.flatMap((v) =>
    v.channels.filter((c) => c.available && c.wording === 'full').map((c) => [v.id, c.channel, v] as const),
  );

  it('has channels to drive', () => expect(cases.length).toBeGreaterThan(10));

  it.each(cases)('%s via %s', (_id, channel, version) => {
    const plan = buildPlan(version, channel);
    const callerFor = (role: StepRole): Caller => {
      const tokenRole = PERFORMERS[role][0];
      if (!tokenRole) throw new Error(`step role ${role} has no performer`);
      const sc = tokenRole === 'state-corporation-operator';
      return {
        id: tokenRole === 'executor' ? 'u-executor' : `u-${tokenRole}`,
        roles: [tokenRole],
        organisation: sc ? 'sc-1' : 'org-1',
        region: version.region,
      };
    };
    let now = firstDayToApply(version);
    const history: CaseEvent[] = [];
    const receive: CaseCommand = {
      type: 'ReceiveApplication',
      caseId: 'c-1',
      channel,
      service: version.service.code,
      providerOrganisation: 'org-1',
      applicant: { iin: '870515400707', name: 'Test' },
      documents: ['application'],
      consentToProtectedData: true,
      ...(version.windows[0] ? { category: version.windows[0].category } : {}),
    };
    history.push(
      ...decide(receive, foldCase(history), { caller: callerFor(plan.steps[0].role), now, time: simpleTime, regulation: version }),
    );
    for (const step of plan.steps.slice(1)) {
      now = new Date(now.getTime() + 60_000);
      history.push(...decide(commandFor(step.action), foldCase(history), { caller: callerFor(step.role), now, time: simpleTime }));
    }
    const state = foldCase(history);
    expect(state.status).toBe('completed');
    expect(history).toHaveLength(plan.steps.length);
  });
});
