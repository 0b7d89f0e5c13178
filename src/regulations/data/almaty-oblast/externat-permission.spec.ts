import { channelOf, describeSeed001Version, loadSeedText, loadVersion, scopeOf, stepTable } from './seed-001.spec-support';

const FILE = 'externat-permission.v1.json';
describeSeed001Version(FILE, '2');

describe('Almaty oblast: permission to study as an external student (decree № 332, regulation 2)', () => {
  const v = loadVersion(FILE);
  const scope = scopeOf(loadSeedText(), '2');

  it('is provided by district / city education departments, on paper, resulting in a permission', () => {
    expect(v.service.code).toBe('externat-permission');
    expect(v.service.name.kk).toBe('Негізгі орта, жалпы орта білім беру ұйымдарында экстернат нысанында оқытуға рұқсат беру');
    expect(v.providerKind).toEqual(['district-education-department']);
    expect(v.form.kind).toEqual(['paper']);
    expect(v.result.text.kk).toContain('экстернат нысанында оқуға рұқсат');
  });

  it('is available only at the provider: the text has no centre or portal section', () => {
    expect(channelOf(v, 'provider-office').available).toBe(true);
    for (const channel of ['state-corporation', 'portal'] as const) {
      expect(channelOf(v, channel)).toMatchObject({ available: false, steps: [] });
      expect(channelOf(v, channel).citation.paragraph).toBe('4');
      expect(channelOf(v, channel).note).toMatch(/does not list/);
    }
    expect(scope).not.toMatch(/портал|орталығ/i);
  });

  it('has the four procedures of para 5 with their stated maxima', () => {
    expect(stepTable(v, 'provider-office')).toEqual([
      ['office-1', 'clerk', 'inferred', 'registered', '15 minutes', '2.5.1', 'main'],
      ['office-2', 'head', 'inferred', 'visa-imposed', '30 minutes', '2.5.2', 'main'],
      ['office-3', 'executor', 'inferred', 'draft-prepared', '14 working-days', '2.5.3', 'main'],
      ['office-4', 'clerk', 'inferred', 'issued', '15 minutes', '2.5.4', 'main'],
    ]);
    const [registered, visa, draft, issued] = channelOf(v, 'provider-office').steps;
    expect(registered?.duration.citation?.quote).toContain('15 (он бес) минуттан');
    expect(visa?.duration.citation?.quote).toContain('30 (отыз) минуттан');
    expect(draft?.duration.citation?.quote).toContain('14 (он төрт) жұмыс күннен');
    expect(issued?.duration.citation?.quote).toContain('15 (он бес) минуттан');
  });

  it('states no overall deadline, window, special rule or refusal ground', () => {
    expect(v.overallDeadline).toBeUndefined();
    expect(v.windows).toEqual([]);
    expect(v.specialRules).toEqual([]);
    expect(v.refusalGrounds).toEqual([]);
    expect(scope).not.toMatch(/мерзімі|бас тарт/);
  });
});
