import { CaseCommand } from '../../domain/case.commands';
import { foldCase } from '../../domain/case.state';
import { ORG, clerk, operator, applicant, T0, run, violation, withSteps } from '../../domain/testing/decide-fixtures';

const refuseAt = (channel: 'provider-office' | 'state-corporation'): CaseCommand => ({
  type: 'RefuseAcceptance',
  caseId: 'c-1',
  channel,
  service: 'secondary-education-duplicates',
  providerOrganisation: ORG,
  applicant,
  documents: ['application'],
  missingDocuments: ['photo'],
});

describe('refuse acceptance', () => {
  it("given an office channel without a refusal of acceptance, a clerk's refusal is refused, citing the State Corporation clause", () => {
    const refused = violation(() => run([], refuseAt('provider-office'), clerk));
    expect(refused).toMatchObject({ kind: 'conflict', code: 'acceptance-refusal-not-regulated' });
    expect(refused.message).toContain('state-corporation');
    expect(refused.message).toContain('step sc-1r 3 minutes');
    expect(refused.details).toMatchObject({
      channel: 'provider-office',
      givenOn: [{ channel: 'state-corporation', role: 'state-corporation-operator' }],
    });
  });

  it('given a regulation that gives the office a refusal of acceptance, when the clerk refuses, then the text is followed', () => {
    const regulation = withSteps('provider-office', (steps) => [
      ...steps,
      { ...steps[0], id: 'office-1r', action: 'acceptance-refused', role: 'provider', branch: 'acceptance-refusal' },
    ]);
    const [event] = run([], refuseAt('provider-office'), clerk, T0, regulation);
    expect(event.type).toBe('AcceptanceRefused');
    expect(event.type === 'AcceptanceRefused' && event.data.step?.stepId).toBe('office-1r');
  });

  it('refuses acceptance of an incomplete package with a refusal receipt', () => {
    const [event] = run([], refuseAt('state-corporation'), operator);
    expect(event.type).toBe('AcceptanceRefused');
    if (event.type !== 'AcceptanceRefused') return;
    expect(event.data.step?.stepId).toBe('sc-1r');
    expect(foldCase([event]).status).toBe('acceptance-refused');
  });
});
