import { loadCalendarDataset } from '../../calendar/calendar-data.loader';
import { DAY_ONE_RULE } from '../../calendar/day-one-rule';
import { WorkingCalendar } from '../../calendar/working-calendar.service';
import { loadCatalogFiles } from '../../regulations/catalog/load-catalog';
import { RegulationCatalog } from '../../regulations/catalog/regulation-catalog';
import { Channel, SpecialRule } from '../../regulations/regulation.model';
import { workingTimeFrom } from '../working-time.adapter';
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

const planFor = (channel: Channel): CasePlan => buildPlan(catalog.inForce('kostanay-oblast', 'secondary-education-duplicates', channel, '2019-03-04'), channel);
const stepOf = (plan: CasePlan, action: string) => {
  const step = plan.steps.find((s) => s.action === action);
  if (!step) throw new Error(`no ${action} step in ${plan.regulationVersionId}`);
  return step;
};

describe('"the day of acceptance is not counted" (Kostanay duplicates, para 8, 2)): the State Corporation route only', () => {
  it('office: a visa on Mon 04.03.2019 makes the executor due Tue 26.03 (day 1 is the visa day), and the explanation says why', () => {
    const plan = planFor('provider-office');
    const due = deadlineFor(stepOf(plan, 'draft-prepared'), SAME_DAY, plan, RECEIVED, time);
    expect(due.dueAt).toBe('2019-03-26T12:30:00.000Z');
    expect(due.explanation).toContain('the day of acceptance counts: «День приема документов не входит в срок оказания государственной услуги» (para 8, 2)) governs the state-corporation channel only, not provider-office');
    expect(due.explanation).toContain('reading: Para 8, sub-para 2)');
    expect(due.explanation).toContain('acceptance day Mon 2019-03-04 counted as day 1');
  });

  it('State Corporation: the provider’s 13 working days forwarded on the day of acceptance start on Tue 05.03 and end Wed 27.03', () => {
    const plan = planFor('state-corporation');
    const due = deadlineFor(stepOf(plan, 'result-prepared'), SAME_DAY, plan, RECEIVED, time);
    expect(due.dueAt).toBe('2019-03-27T12:30:00.000Z');
    expect(due.explanation).toContain('the day of acceptance is not counted on the state-corporation channel: «День приема документов не входит в срок оказания государственной услуги» (para 8, 2))');
    expect(due.explanation).toContain('not counted: day 1 is Tue 2019-03-05');
  });

  it('a case received before the reading was recorded keeps its rule (no channels): it still governs the office channel', () => {
    const plan = planFor('provider-office');
    const legacy: SpecialRule[] = plan.specialRules.map((r) => (r.kind === 'acceptance-day-not-counted' ? { kind: r.kind, citation: r.citation } : r));
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

  it('a day count that skips the acceptance day names day 1 once, with the text that says so', () => {
    const plan = planFor('state-corporation');
    const due = deadlineFor(stepOf(plan, 'result-prepared'), SAME_DAY, plan, RECEIVED, time);
    expect(due.explanation.match(/\bday 1\b/g)).toHaveLength(1);
    expect(due.explanation).not.toContain('ASSUMPTION');
  });
});
