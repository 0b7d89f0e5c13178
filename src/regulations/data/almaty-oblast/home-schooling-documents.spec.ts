import { channelOf, describeSeed001Version, loadSeedText, loadVersion, scopeOf, stepTable } from './seed-001.spec-support';

const FILE = 'home-schooling-documents.v1.json';
describeSeed001Version(FILE, '4');

describe('Almaty oblast: documents for home schooling of children unable to attend for health reasons (decree № 332, regulation 4)', () => {
  const v = loadVersion(FILE);
  const scope = scopeOf(loadSeedText(), '4');

  it('is provided by schools, on paper, resulting in a receipt', () => {
    expect(v.service.code).toBe('home-schooling-documents');
    expect(v.providerKind).toEqual(['school']);
    expect(v.form.kind).toEqual(['paper']);
    expect(v.result.text.kk).toContain('қолхат');
  });

  it('is available only at the provider: the text has no centre or portal section', () => {
    expect(channelOf(v, 'provider-office').available).toBe(true);
    for (const channel of ['state-corporation', 'portal'] as const) {
      expect(channelOf(v, channel)).toMatchObject({ available: false, steps: [] });
      expect(channelOf(v, channel).note).toMatch(/does not list/);
    }
    expect(scope).not.toMatch(/портал|орталығ/i);
  });

  it('has the two procedures of para 5, 15 minutes each, by the responsible executor', () => {
    expect(stepTable(v, 'provider-office')).toEqual([
      ['office-1', 'executor', 'inferred', 'registered', '15 minutes', '4.5.1', 'main'],
      ['office-2', 'executor', 'inferred', 'issued', '15 minutes', '4.5.2', 'main'],
    ]);
    expect(v.notes.join(' ')).toMatch(/Para 6 is self-contradictory/);
  });

  it('states no overall deadline, window, special rule or refusal ground', () => {
    expect(v.overallDeadline).toBeUndefined();
    expect(v.windows).toEqual([]);
    expect(v.specialRules).toEqual([]);
    expect(v.refusalGrounds).toEqual([]);
  });
});
