import { caseCountDeltas, caseCounts } from './oversight-rollups';
import type { CaseOutcome } from '../step-timeline/timeline.model';

const track = (caseId: string, outcome: CaseOutcome, receivedMonth: string, closedMonth: string | null = null) => ({
  caseId,
  region: 'kostanay-oblast' as const,
  providerOrg: 'school-7',
  service: 'secondary-education-duplicates',
  outcome,
  receivedMonth,
  closedMonth,
});

describe('oversight case counts', () => {
  it('counts a case at its month of receipt, and a completion or a refusal of the service at its month of closing', () => {
    expect(caseCounts(track('a', 'open', '2019-03')).map((c) => [c.key.month, c.counter])).toEqual([['2019-03', 'received']]);
    expect(caseCounts(track('b', 'completed', '2019-03', '2019-04')).map((c) => [c.key.month, c.counter])).toEqual([
      ['2019-03', 'received'],
      ['2019-04', 'completed'],
    ]);
    expect(caseCounts(track('c', 'service-refused', '2019-03', '2019-03')).map((c) => c.counter)).toEqual(['received', 'refused_service']);
    // Refused at acceptance: counted as such at receipt, never as a closing.
    expect(caseCounts(track('d', 'acceptance-refused', '2019-03', '2019-03')).map((c) => c.counter)).toEqual(['refused_at_acceptance']);
  });

  it('moves the counters by what each case counts after the batch less what it counted before', () => {
    const before = new Map([['b', track('b', 'open', '2019-03')]]);
    const deltas = caseCountDeltas([track('a', 'open', '2019-03'), track('b', 'completed', '2019-03', '2019-05')], before);
    // b's receipt nets to zero in March (counted before and after); a is new; b completes in May.
    expect(deltas.map((d) => [d.month, d.counts])).toEqual([
      ['2019-03', { received: 1, refused_at_acceptance: 0, completed: 0, refused_service: 0 }],
      ['2019-05', { received: 0, refused_at_acceptance: 0, completed: 1, refused_service: 0 }],
    ]);
  });

  it('takes a closing back when a case reopens, and leaves out keys that net to zero', () => {
    const before = new Map([['b', track('b', 'completed', '2019-03', '2019-05')]]);
    const reopened = caseCountDeltas([track('b', 'open', '2019-03')], before);
    expect(reopened.map((d) => [d.month, d.counts.completed])).toEqual([['2019-05', -1]]);
    expect(caseCountDeltas([track('b', 'completed', '2019-03', '2019-05')], before)).toEqual([]);
  });
});
