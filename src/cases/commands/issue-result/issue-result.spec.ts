import { cite } from '../../../regulations/catalog/regulation.fixture';
import { CaseCommand } from '../../domain/case.commands';
import { CaseEvent } from '../../domain/case.events';
import { clerk, operator, T0, hours, run, violation, receipt, withSteps } from '../../domain/testing/decide-fixtures';

describe('issue the result: a representative where the text requires a notarised power of attorney (#15)', () => {
  const notarisedAtIssue = cite('8', 'либо его представителя по нотариально удостоверенной доверенности', '4');
  const regulation = withSteps('state-corporation', (steps) =>
    steps.map((s) => (s.action === 'issued' ? { ...s, representative: { powerOfAttorney: 'notarised', citation: notarisedAtIssue } } : s)),
  );
  const representedAtSc = (notarised: boolean | undefined) =>
    receipt({
      channel: 'state-corporation',
      representative: {
        name: 'Петров Пётр',
        powerOfAttorney: { number: '2-1', date: '2018-09-01', ...(notarised === undefined ? {} : { notarised }) },
      },
    });
  /** Given a case received through the State Corporation, its result back at the State Corporation. */
  const ready = (command: CaseCommand): CaseEvent[] => {
    const history = run([], command, operator, T0, regulation);
    history.push(...run(history, { type: 'ForwardToProvider' }, operator, hours(1)));
    history.push(...run(history, { type: 'SendToStateCorporation' }, clerk, hours(2)));
    return history;
  };

  it('records the step requirement in the plan and whether the power of attorney is notarised', () => {
    const [received] = ready(representedAtSc(true));
    expect(received.type === 'ApplicationReceived' && received.data.plan.steps.find((s) => s.action === 'issued')?.representative).toEqual({
      powerOfAttorney: 'notarised',
      citation: notarisedAtIssue,
    });
    expect(received.type === 'ApplicationReceived' && received.data.representative?.powerOfAttorney.notarised).toBe(true);
  });

  it('given a power of attorney not notarised, when the result is issued to the representative, it is refused citing the clause', () => {
    for (const notarised of [false, undefined]) {
      const refused = violation(() =>
        run(ready(representedAtSc(notarised)), { type: 'IssueResult', to: 'representative' }, operator, hours(3)),
      );
      expect(refused).toMatchObject({ kind: 'conflict', code: 'power-of-attorney-not-notarised', details: { citation: notarisedAtIssue } });
      expect(refused.message).toContain('нотариально удостоверенной доверенности');
    }
  });

  it('given a notarised power of attorney, the representative is served; the applicant in person always is', () => {
    expect(run(ready(representedAtSc(true)), { type: 'IssueResult', to: 'representative' }, operator, hours(3))[0].type).toBe(
      'ResultIssued',
    );
    expect(run(ready(representedAtSc(false)), { type: 'IssueResult', to: 'applicant' }, operator, hours(3))[0].type).toBe('ResultIssued');
  });

  it('given no representative, when the result is issued to a representative, then it is refused', () => {
    const history = ready(receipt({ channel: 'state-corporation' }));
    expect(violation(() => run(history, { type: 'IssueResult', to: 'representative' }, operator, hours(3)))).toMatchObject({
      code: 'no-representative',
    });
  });
});
