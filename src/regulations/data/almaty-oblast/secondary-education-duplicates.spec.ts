import { channelOf, describeSeed001Version, loadSeedText, loadVersion, scopeOf, stepTable } from './seed-001.spec-support';

const FILE = 'secondary-education-duplicates.v1.json';
describeSeed001Version(FILE, '1');

describe('Almaty oblast: duplicates of basic / general secondary education documents (decree № 332, regulation 1)', () => {
  const v = loadVersion(FILE);

  it('is provided by schools, on paper, resulting in a duplicate', () => {
    expect(v.service.code).toBe('secondary-education-duplicates');
    expect(v.service.name.kk).toBe('Негізгі орта, жалпы орта білім туралы құжаттардың телнұсқаларын беру');
    expect(v.providerKind).toEqual(['school']);
    expect(v.form.kind).toEqual(['paper']);
    expect(v.result.citation.paragraph).toBe('3');
    expect(v.result.text.kk).toContain('телнұсқа');
  });

  it('is available at the provider and the population service centre, not on the portal', () => {
    expect(channelOf(v, 'provider-office').available).toBe(true);
    expect(channelOf(v, 'state-corporation')).toMatchObject({ available: true, wording: 'full' });
    expect(channelOf(v, 'state-corporation').citation.paragraph).toBe('8');
    expect(channelOf(v, 'portal')).toMatchObject({ available: false, steps: [] });
    expect(channelOf(v, 'portal').note).toMatch(/does not list/);
    expect(scopeOf(loadSeedText(), '1')).not.toMatch(/портал/i);
  });

  it('has the four provider procedures of para 5, durations left to para 4 of the Standard', () => {
    expect(stepTable(v, 'provider-office')).toEqual([
      ['office-1', 'clerk', 'inferred', 'registered', 'not-stated', '1.5.1', 'main'],
      ['office-2', 'head', 'inferred', 'visa-imposed', 'not-stated', '1.5.2', 'main'],
      ['office-3', 'executor', 'inferred', 'draft-prepared', 'not-stated', '1.5.3', 'main'],
      ['office-4', 'clerk', 'inferred', 'issued', 'not-stated', '1.5.4', 'main'],
    ]);
    for (const step of channelOf(v, 'provider-office').steps) {
      expect(step.duration.kind).toBe('not-stated');
      expect(step.duration.citation?.quote).toContain('Стандарттың 4-тармағына сәйкес');
    }
  });

  it('has only the centre steps the text gives: submission (para 8) and result through the centre (para 9)', () => {
    expect(stepTable(v, 'state-corporation')).toEqual([
      ['sc-1', 'state-corporation-operator', 'inferred', 'received', 'not-stated', '1.8', 'main'],
      ['sc-2', 'state-corporation-operator', 'inferred', 'issued', 'not-stated', '1.9', 'main'],
    ]);
  });

  it('gives the centre steps to its operator as inferred, like Astana: paras 8 and 9 name no operator ("қызметкер")', () => {
    const steps = v.channels.find((c) => c.channel === 'state-corporation')?.steps ?? [];
    expect(steps).toHaveLength(2);
    for (const step of steps) {
      expect(step.roleBasis).toBe('inferred');
      expect(step.citation.quote).not.toMatch(/қызметкер/i);
    }
  });

  it('states no overall deadline, window, special rule or refusal ground', () => {
    expect(v.overallDeadline).toBeUndefined();
    expect(v.windows).toEqual([]);
    expect(v.specialRules).toEqual([]);
    expect(v.refusalGrounds).toEqual([]);
    expect(v.notes.join(' ')).toMatch(/No overall deadline/);
  });
});
