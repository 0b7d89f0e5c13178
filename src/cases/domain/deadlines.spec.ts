import { loadCalendarDataset } from '../../calendar/calendar-data.loader';
import { DAY_ONE_RULE } from '../../calendar/day-one-rule';
import { WorkingCalendar } from '../../calendar/working-calendar.service';
import { loadCatalogFiles } from '../../regulations/catalog/load-catalog';
import { RegulationCatalog } from '../../regulations/catalog/regulation-catalog';
import { Channel, SpecialRule } from '../../regulations/regulation.model';
import { workingTimeFrom } from '../working-time.adapter';
import { CaseCommand } from './case.commands';
import { Caller, decide } from './case.decide';
import { CaseEvent } from './case.events';
import { foldCase } from './case.state';
import { deadlineFor } from './deadlines';
import { buildPlan, CasePlan } from './plan';

/**
 * Deadlines with the real catalog and calendar. Kostanay duplicates (v2, in force
 * 2019): received Mon 4 Mar 2019 10:00 local (UTC+6), the executor's 13 working
 * days start the same day; 8 Mar, 21-22 Mar and 25 Mar (for Sat 23 Mar) are off.
 */
const time = workingTimeFrom(new WorkingCalendar(loadCalendarDataset({})));
const catalog = new RegulationCatalog(loadCatalogFiles());
const RECEIVED = new Date('2019-03-04T04:00:00Z');
const SAME_DAY = new Date('2019-03-04T06:00:00Z');

const planFor = (channel: Channel): CasePlan =>
  buildPlan(catalog.inForce('kostanay-oblast', 'secondary-education-duplicates', channel, '2019-03-04'), channel);
const stepOf = (plan: CasePlan, action: string) => {
  const step = plan.steps.find((s) => s.action === action);
  if (!step) throw new Error(`no ${action} step in ${plan.regulationVersionId}`);
  return step;
};

describe('"the day of acceptance is not counted" (Kostanay duplicates, para 8, 2)): the State Corporation route only', () => {
  it('office: a visa on Mon 04.03.2019 makes the executor due Tue 26.03 (day 1 is the visa day), and the explanation says why', () => {
    const plan = planFor('provider-office');
    const due = deadlineFor(stepOf(plan, 'draft-prepared'), SAME_DAY, plan, RECEIVED, time, 'VisaImposed');
    expect(due.dueAt).toBe('2019-03-26T12:30:00.000Z');
    expect(due.explanation).toContain(
      'the day of acceptance counts: «День приема документов не входит в срок оказания государственной услуги» (para 8, 2)) governs the state-corporation channel only, not provider-office',
    );
    expect(due.explanation).toContain('reading: Para 8, sub-para 2)');
    expect(due.explanation).toContain('start day Mon 2019-03-04 counted as day 1');
  });

  it('State Corporation: the provider’s 13 working days forwarded on the day of acceptance start on Tue 05.03 and end Wed 27.03', () => {
    const plan = planFor('state-corporation');
    const due = deadlineFor(stepOf(plan, 'result-prepared'), SAME_DAY, plan, RECEIVED, time);
    expect(due.dueAt).toBe('2019-03-27T12:30:00.000Z');
    expect(due.explanation).toContain(
      'the day of acceptance is not counted on the state-corporation channel: «День приема документов не входит в срок оказания государственной услуги» (para 8, 2))',
    );
    expect(due.explanation).toContain('not counted: day 1 is Tue 2019-03-05');
  });

  it('a case received before the reading was recorded keeps its rule (no channels): it still governs the office channel', () => {
    const plan = planFor('provider-office');
    const legacy: SpecialRule[] = plan.specialRules.map((r) =>
      r.kind === 'acceptance-day-not-counted' ? { kind: r.kind, citation: r.citation } : r,
    );
    const due = deadlineFor(stepOf(plan, 'draft-prepared'), SAME_DAY, { ...plan, specialRules: legacy }, RECEIVED, time);
    expect(due.dueAt).toBe('2019-03-27T12:30:00.000Z');
    expect(due.explanation).toContain('the day of acceptance is not counted: «День приема');
  });

  it('a step started on a later day does not cite the acceptance-day rule', () => {
    const plan = planFor('provider-office');
    const due = deadlineFor(stepOf(plan, 'draft-prepared'), new Date('2019-03-05T05:00:00Z'), plan, RECEIVED, time);
    expect(due.explanation).not.toContain('День приема');
  });
});

describe('which day is day 1 (#17 items 5 and 11)', () => {
  it('a day count that counts its first day states the rule and that it is an assumption, and names day 1 once', () => {
    const plan = planFor('provider-office');
    const due = deadlineFor(stepOf(plan, 'draft-prepared'), SAME_DAY, plan, RECEIVED, time);
    expect(due.explanation).toContain(`counted as day 1 (${DAY_ONE_RULE.en})`);
    expect(DAY_ONE_RULE.en).toMatch(/^ASSUMPTION, no text we hold says how a period is counted/);
    expect(due.explanation.match(/\bday 1\b/g)).toHaveLength(1);
  });

  it('the State Corporation’s "1 (один) день" to forward the package, acceptance day not counted, names day 1 once', () => {
    const plan = planFor('state-corporation');
    const due = deadlineFor(stepOf(plan, 'forwarded-to-provider'), SAME_DAY, plan, RECEIVED, time, 'RegisteredAtStateCorporation');
    expect(due.dueAt).toBe('2019-03-05T17:59:59.999Z');
    expect(due.explanation.match(/\bday 1\b/g)).toHaveLength(1);
    expect(due.explanation).toContain('not counted: day 1 is Tue 2019-03-05');
  });

  it('a day count that skips the acceptance day names day 1 once, with the text that says so', () => {
    const plan = planFor('state-corporation');
    const due = deadlineFor(stepOf(plan, 'result-prepared'), SAME_DAY, plan, RECEIVED, time);
    expect(due.explanation.match(/\bday 1\b/g)).toHaveLength(1);
    expect(due.explanation).not.toContain('ASSUMPTION');
  });
});

describe("a step's start is named by the event that started it (#17 item 7)", () => {
  const walk = (): CaseEvent[] => {
    const history: CaseEvent[] = [];
    const step = (command: CaseCommand, caller: Caller, at: string) =>
      history.push(...decide(command, foldCase(history), { caller, now: new Date(at), time }));
    const staff = (role: string): Caller => ({
      id: role === 'executor' ? 'u-exec' : `u-${role}`,
      roles: [role],
      organisation: 'school-7',
      region: 'kostanay-oblast',
    });
    history.push(
      ...decide(
        {
          type: 'ReceiveApplication',
          caseId: 'c-1',
          channel: 'provider-office',
          service: 'secondary-education-duplicates',
          providerOrganisation: 'school-7',
          applicant: { iin: '900101300017', name: 'Test' },
          documents: ['заявление'],
          consentToProtectedData: true,
        },
        foldCase([]),
        {
          caller: staff('clerk'),
          now: RECEIVED,
          time,
          regulation: catalog.inForce('kostanay-oblast', 'secondary-education-duplicates', 'provider-office', '2019-03-04'),
        },
      ),
    );
    step({ type: 'ImposeVisa', executorId: 'u-exec' }, staff('head'), '2019-03-04T06:00:00Z');
    step({ type: 'PrepareDraft' }, staff('executor'), '2019-03-06T05:00:00Z');
    step({ type: 'FileAppeal', appealId: 'a-1', grounds: 'срок' }, staff('clerk'), '2019-03-07T05:00:00Z');
    return history;
  };

  it('the receipt starts the visa step: "received"; the visa starts the draft and the draft the signing, each named', () => {
    const [received, visa, draft, appeal] = walk();
    const next = (e: CaseEvent) => ('next' in e.data ? e.data.next?.explanation : undefined) ?? '';
    expect(next(received)).toContain('received Mon 2019-03-04 10:00');
    expect(next(visa)).toContain('started by VisaImposed at Mon 2019-03-04 12:00');
    expect(next(visa)).not.toContain('received');
    expect(next(draft)).toContain('started by DraftPrepared at Wed 2019-03-06 11:00');
    expect(next(draft)).toContain('the clock starts then');
    expect(next(draft)).not.toContain('received');
    expect(appeal.type === 'AppealFiled' && appeal.data.explanation).toContain('started by AppealFiled at Thu 2019-03-07 11:00');
  });
});
