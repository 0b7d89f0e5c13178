import { APPLICANT, clerk, driveCase, head, SCHOOL, staff } from '../../audit/testing/case-history';
import { decodeOrThrow } from '../../cases/domain/case-event-codec';
import type { CaseEvent } from '../../cases/domain/case.events';
import { knownPlan } from '../../cases/plan-codec';
import type { Citation } from '../../regulations/regulation.model';
import { historyEntryOf, HistoryPlan, historyPlanOf } from './history-entry';
import { toEntryView } from './history-view';

const executor = staff('u-exec', 'executor');
/** An office case up to the visa: a receipt, then a step whose citation the plan holds. */
function officeCase(): { receipt: CaseEvent; visa: CaseEvent; plan: HistoryPlan } {
  const [receipt, visa] = driveCase('c-1', [
    {
      at: '2019-03-04T04:00:00Z',
      caller: clerk,
      command: {
        type: 'ReceiveApplication',
        caseId: 'c-1',
        channel: 'provider-office',
        service: 'secondary-education-duplicates',
        providerOrganisation: SCHOOL,
        applicant: APPLICANT,
        documents: ['заявление'],
        consentToProtectedData: true,
      },
    },
    { at: '2019-03-04T06:00:00Z', caller: head, command: { type: 'ImposeVisa', executorId: executor.id } },
  ]).map((e) => decodeOrThrow(e, knownPlan));
  if (!receipt || !visa || (receipt.type !== 'ApplicationReceived' && receipt.type !== 'AcceptanceRefused')) throw new Error('no receipt');
  return { receipt, visa, plan: historyPlanOf(receipt) };
}

const meta = { revision: 1, position: 2n, recordedAt: new Date('2019-03-04T06:00:00Z') };
const citationOf = (event: CaseEvent): Citation | undefined => ('step' in event.data ? event.data.step?.citation : undefined);

describe('a chronicle entry leaves its step citation to the case plan', () => {
  it('leaves it out when the plan holds the same words, whatever the order of their fields, and the view puts it back', () => {
    const { visa, plan } = officeCase();
    const cited = citationOf(visa);
    expect(cited).toMatchObject({ quote: expect.stringMatching(/\S/) });
    const stored = historyEntryOf(visa, meta, plan);
    expect(stored).not.toHaveProperty('citation');
    expect(toEntryView(stored, plan).citation).toEqual(cited);

    const stepId = stored.step?.stepId ?? '';
    const reordered = Object.fromEntries(Object.entries(plan.stepCitations?.[stepId] ?? {}).reverse());
    const shuffled = { ...plan, stepCitations: { ...plan.stepCitations, [stepId]: { quote: '', paragraph: '', ...reordered } } };
    expect(historyEntryOf(visa, meta, shuffled)).not.toHaveProperty('citation');
  });

  it('keeps it when the plan quotes other words, or holds no citations (plans stored before)', () => {
    const { visa, plan } = officeCase();
    const cited = citationOf(visa);
    const stepId = historyEntryOf(visa, meta, plan).step?.stepId ?? '';
    const other = { ...plan, stepCitations: { ...plan.stepCitations, [stepId]: { paragraph: '9', quote: 'other words' } } };
    expect(historyEntryOf(visa, meta, other).citation).toEqual(cited);
    expect(toEntryView(historyEntryOf(visa, meta, other), other).citation).toEqual(cited);

    const { stepCitations: _none, ...older } = plan;
    expect(historyEntryOf(visa, meta, older).citation).toEqual(cited);
    expect(historyEntryOf(visa, meta, undefined).citation).toEqual(cited);
  });

  it('an entry without a step keeps what it has, and a view of it with a plan says null, not a step citation', () => {
    const { receipt, plan } = officeCase();
    const stored = historyEntryOf(receipt, { ...meta, revision: 0 }, plan);
    const view = toEntryView({ ...stored, step: null, citation: null }, plan);
    expect(view.citation).toBeNull();
  });
});
