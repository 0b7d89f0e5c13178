import { channelOf, describeSeed001Version, loadSeedText, loadVersion, scopeOf, stepTable } from './seed-001.spec-support';

const FILE = 'school-admission.v1.json';
describeSeed001Version(FILE, '3');

describe('Almaty oblast: acceptance of documents and admission to schools (decree № 332, regulation 3)', () => {
  const v = loadVersion(FILE);
  const scope = scopeOf(loadSeedText(), '3');

  it('is provided by schools, electronically or on paper, resulting in an admission order', () => {
    expect(v.service.code).toBe('school-admission');
    expect(v.providerKind).toEqual(['school']);
    expect(v.form.kind).toEqual(['electronic', 'paper']);
    expect(v.result.text.kk).toContain('қабылдау туралы бұйрық');
  });

  it('is available at the provider and on the portal, not through the centre', () => {
    expect(channelOf(v, 'provider-office').available).toBe(true);
    expect(channelOf(v, 'portal')).toMatchObject({ available: true, wording: 'full' });
    expect(channelOf(v, 'state-corporation')).toMatchObject({ available: false, steps: [] });
    expect(channelOf(v, 'state-corporation').note).toMatch(/does not list/);
  });

  it('has the four provider procedures of para 5, durations left to para 4 of the Standard', () => {
    expect(stepTable(v, 'provider-office')).toEqual([
      ['office-1', 'clerk', 'inferred', 'registered', 'not-stated', '3.5.1', 'main'],
      ['office-2', 'head', 'inferred', 'visa-imposed', 'not-stated', '3.5.2', 'main'],
      ['office-3', 'executor', 'inferred', 'draft-prepared', 'not-stated', '3.5.3', 'main'],
      ['office-4', 'clerk', 'inferred', 'issued', 'not-stated', '3.5.4', 'main'],
    ]);
    for (const step of channelOf(v, 'provider-office').steps) {
      expect(step.duration.citation?.quote).toContain('Стандарттың 4-тармағына сәйкес');
    }
  });

  it('has the portal steps of para 8, bringing in para 5 as para 8(3) says', () => {
    expect(stepTable(v, 'portal')).toEqual([
      ['portal-1', 'applicant', 'stated', 'request-submitted', 'not-stated', '3.8.1', 'main'],
      ['portal-2', 'information-system', 'inferred', 'status-notified', 'not-stated', '3.8.2', 'main'],
      ['portal-3', 'clerk', 'inferred', 'registered', 'not-stated', '3.5.1', 'main'],
      ['portal-4', 'head', 'inferred', 'visa-imposed', 'not-stated', '3.5.2', 'main'],
      ['portal-5', 'executor', 'inferred', 'draft-prepared', 'not-stated', '3.5.3', 'main'],
      ['portal-6', 'provider', 'inferred', 'sent-to-portal', 'not-stated', '3.8.4', 'main'],
    ]);
    expect(scope).toContain('осы регламенттің 5-тармағына сәйкес жүзеге асырылады');
  });

  it('states no enrolment window, overall deadline, special rule or refusal ground', () => {
    expect(v.windows).toEqual([]);
    // the only day-month dates in this regulation: the Standard's approval (9 June 2014) and the
    // decree's date in the next regulation's approval stamp (12 September 2014); no window
    expect(scope.match(/\d+\s+(қаңтар|ақпан|наурыз|сәуір|мамыр|маусым|шілде|тамыз|қыркүйек|қазан|қараша|желтоқсан)/g)).toEqual([
      '9 маусым',
      '12 қыркүйек',
    ]);
    expect(v.notes.join(' ')).toMatch(/No enrolment window/);
    expect(v.overallDeadline).toBeUndefined();
    expect(v.specialRules).toEqual([]);
    expect(v.refusalGrounds).toEqual([]);
  });
});
