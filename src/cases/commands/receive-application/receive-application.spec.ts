import { fixtureVersion } from '../../../regulations/catalog/regulation.fixture';
import { CaseCommand } from '../../domain/case.commands';
import { applicant, clerk, T0, run, violation, receipt, receiveAtOffice } from '../../domain/testing/decide-fixtures';

describe('receive an application: windows', () => {
  const regulation = fixtureVersion({
    windows: [
      { category: 'full-time', from: '06-20', to: '08-20', appliesTo: { ru: 'очная' }, citation: { paragraph: '5', quote: 'x' } },
      { category: 'evening', from: '06-20', to: '09-20', appliesTo: { ru: 'вечерняя' }, citation: { paragraph: '5', quote: 'x' } },
    ],
  });
  const as = (category?: string) => ({ ...receiveAtOffice, ...(category ? { category } : {}) }) as CaseCommand;

  it('applies only the window of the stated category', () => {
    const september = new Date('2018-09-03T04:00:00Z');
    expect(violation(() => run([], as('full-time'), clerk, september, regulation)).code).toBe('outside-acceptance-window');
    expect(run([], as('evening'), clerk, september, regulation)[0].type).toBe('ApplicationReceived');
    expect(run([], as('full-time'), clerk, new Date('2018-08-20T04:00:00Z'), regulation)[0].type).toBe('ApplicationReceived');
  });

  it('accepts a category the text gives no window for, and records it', () => {
    const [event] = run([], as('transfer'), clerk, new Date('2018-11-03T04:00:00Z'), regulation);
    expect(event.type === 'ApplicationReceived' && event.data.category).toBe('transfer');
  });

  it('asks for the category where the service has windows', () => {
    expect(violation(() => run([], as(), clerk, T0, regulation)).code).toBe('category-required');
  });
});

describe('receive an application: a representative (#15)', () => {
  it('given a representative, when the power of attorney is dated after the day of receipt, then the receipt is refused', () => {
    const withPowerOfAttorney = (date: string) =>
      receipt({ representative: { name: 'Петров Пётр', powerOfAttorney: { number: '2-1', date } } });
    expect(violation(() => run([], withPowerOfAttorney('2018-09-04'), clerk))).toMatchObject({
      kind: 'invalid',
      code: 'power-of-attorney-in-future',
    });
    expect(violation(() => run([], withPowerOfAttorney('2999-01-01'), clerk))).toMatchObject({ code: 'power-of-attorney-in-future' });
    expect(run([], withPowerOfAttorney('2018-09-03'), clerk)[0].type).toBe('ApplicationReceived');
  });
});

describe('receive an application: the applicant and the case', () => {
  it('refuses an invalid IIN check digit', () => {
    const bad = receipt({ applicant: { ...applicant, iin: '900101300018' } });
    expect(violation(() => run([], bad, clerk)).code).toBe('invalid-iin');
  });

  it('does not receive the same case twice', () => {
    const history = run([], receiveAtOffice, clerk);
    expect(violation(() => run(history, receiveAtOffice, clerk)).code).toBe('case-exists');
  });
});
