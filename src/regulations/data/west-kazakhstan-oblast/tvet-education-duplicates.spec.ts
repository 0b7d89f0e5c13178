import { squash } from '../../catalog/citations';
import {
  addDays,
  channelOf,
  expectAppealClause,
  expectResolution188Facts,
  loadVersion,
  quoteStatesDuration,
  RESOLUTION_188_EFFECTIVE,
  SEED_FILE,
  seedText,
  statedDurations,
  stepFacts,
} from './tvet-seed-003.support';
import { findUncitedQuotes } from '../seeds.spec-support';

describe('west-kazakhstan-oblast/tvet-education-duplicates (seed 003, appendix 3 of resolution No. 188)', () => {
  const text = seedText();
  const v1 = loadVersion('tvet-education-duplicates.v1.json');
  const v2 = loadVersion('tvet-education-duplicates.v2.json');
  // Resolution No. 53 of 01.03.2016: ten full calendar days after publication, publication assumed on the act's date.
  const AMENDMENT_EFFECTIVE = addDays('2016-03-01', 11);

  describe.each([
    ['v1', v1],
    ['v2', v2],
  ])('%s: common facts', (_, version) => {
    it('is bound to its seed and quotes only what the text says', () => {
      expect(version.source).toEqual({ file: SEED_FILE, language: 'kk', appendix: '3' });
      expect(findUncitedQuotes(version, text)).toEqual([]);
      for (const d of statedDurations(version)) expect(quoteStatesDuration(d)).toBe(true);
    });

    it('carries resolution No. 188, its registration, the repeal and the rewording by resolution No. 53', () => {
      expectResolution188Facts(version, text);
      expect(version.legal.amendments).toHaveLength(1);
      const [amendment] = version.legal.amendments;
      expect(amendment.act).toEqual({ body: 'Батыс Қазақстан облысы әкімдігі', kind: 'қаулы', date: '2016-03-01', number: '53' });
      expect(amendment.effectiveFrom).toMatchObject({ date: '2016-03-12', basis: 'assumed' });
      expect(amendment.paragraphsReworded).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11']);
      expect(amendment.paragraphsChanged).toEqual([]);
      expect(amendment.citation).toMatchObject({ appendix: '3', paragraph: 'Ескерту' });
      expect(squash(amendment.citation.quote)).toContain(squash('Регламент жаңа редакцияда'));
      expect(squash(amendment.citation.quote)).toContain(squash('күнтізбелік он күн өткен соң'));
    });
  });

  it('splits the period at the amendment without a gap or overlap', () => {
    expect(AMENDMENT_EFFECTIVE).toBe('2016-03-12');
    expect(v1.effectiveFrom).toMatchObject({ date: RESOLUTION_188_EFFECTIVE, basis: 'assumed' });
    expect(v1.effectiveTo).toMatchObject({ date: AMENDMENT_EFFECTIVE, basis: 'assumed' });
    expect(v2.effectiveFrom).toMatchObject({ date: AMENDMENT_EFFECTIVE, basis: 'assumed' });
    expect(v2.effectiveTo).toMatchObject({ date: '2020-06-01', basis: 'assumed' });
  });

  describe('v1: the original wording, replaced as a whole and not in the seed', () => {
    it("keeps only the act's name for the service and guesses nothing else", () => {
      expect(v1.id).toBe('west-kazakhstan-oblast/tvet-education-duplicates/v1');
      expect(v1.wording.kind).toBe('original');
      expect(v1.service.name.kk).toBe('Техникалық және кәсіптік білім туралы құжаттардың телнұсқаларын беру');
      expect(squash(text)).toContain(squash('3) "Техникалық және кәсіптік білім туралы құжаттардың телнұсқаларын беру'));
      expect(v1.providerKind).toEqual([]);
      expect(v1.form.kind).toEqual([]);
      expect(v1.refusalGrounds).toEqual([]);
      expect(v1.windows).toEqual([]);
      expect(v1.specialRules).toEqual([]);
      expect(v1.overallDeadline).toBeUndefined();
    });

    it('marks every channel as not in the seeds, naming resolution No. 53', () => {
      expect(v1.channels.map((c) => [c.channel, c.available, c.wording, c.steps.length])).toEqual([
        ['provider-office', true, 'not-in-seeds', 0],
        ['state-corporation', true, 'not-in-seeds', 0],
        ['portal', true, 'not-in-seeds', 0],
      ]);
      for (const c of v1.channels) expect(c.note).toContain('No. 53');
    });
  });

  describe('v2: the consolidated wording of resolution No. 53', () => {
    it('is the duplicate of TVET documents, on paper, by the TVET organisation', () => {
      expect(v2.id).toBe('west-kazakhstan-oblast/tvet-education-duplicates/v2');
      expect(v2.wording.kind).toBe('consolidated');
      expect(v2.service.name.kk).toBe('Техникалық және кәсіптік білім беру туралы құжаттардың телнұсқаларын беру');
      expect(v2.providerKind).toEqual(['college']);
      expect(v2.form.kind).toEqual(['paper']);
      expect(v2.result.text.kk).toContain('телнұсқалары');
      expect(v2.result.citation.paragraph).toBe('3');
    });

    it('accepts applications at the office and the State Corporation, not on the portal (paragraph 1)', () => {
      expect(v2.channels.map((c) => [c.channel, c.available, c.wording, c.citation.paragraph, c.citation.subparagraph])).toEqual([
        ['provider-office', true, 'full', '1', '1'],
        ['state-corporation', true, 'full', '1', '2'],
        ['portal', false, 'full', '1', undefined],
      ]);
      expect(channelOf(v2, 'portal').note).toMatch(/does not list/);
    });

    it('has the five office steps of paragraph 5, in calendar days', () => {
      expect(channelOf(v2, 'provider-office').steps.map(stepFacts)).toEqual([
        ['office-1', 'clerk', 'stated', 'registered', 30, 'minutes', '5', '1', undefined],
        ['office-2', 'head', 'stated', 'visa-imposed', 1, 'calendar-days', '5', '2', undefined],
        ['office-3', 'executor', 'stated', 'draft-prepared', 18, 'calendar-days', '5', '3', undefined],
        ['office-4', 'head', 'stated', 'signed', 1, 'calendar-days', '5', '4', undefined],
        ['office-5', 'clerk', 'stated', 'issued', 10, 'minutes', '5', '5', undefined],
      ]);
    });

    it('has the State Corporation and information-system processes of paragraphs 9 and 10, in minutes', () => {
      expect(channelOf(v2, 'state-corporation').steps.map(stepFacts)).toEqual([
        ['sc-1', 'state-corporation-operator', 'stated', 'received', 2, 'minutes', '9', '1', undefined],
        ['sc-2', 'state-corporation-operator', 'stated', 'system-processing', 1, 'minutes', '9', '2', undefined],
        ['sc-3', 'state-corporation-operator', 'stated', 'system-processing', 1, 'minutes', '9', '3', undefined],
        ['sc-4', 'information-system', 'inferred', 'system-processing', 1, 'minutes', '9', '4', undefined],
        ['sc-5', 'information-system', 'inferred', 'system-processing', 1, 'minutes', '9', '5', undefined],
        ['sc-6', 'information-system', 'inferred', 'system-processing', 1, 'minutes', '9', '6', 'acceptance-refusal'],
        ['sc-7', 'state-corporation-operator', 'stated', 'forwarded-to-provider', 2, 'minutes', '9', '7', undefined],
        ['sc-8', 'information-system', 'inferred', 'registered', 2, 'minutes', '10', '1', undefined],
        ['sc-9', 'provider', 'stated', 'documents-reviewed', 2, 'minutes', '10', '2', undefined],
        ['sc-10', 'provider', 'inferred', 'service-refused', 1, 'minutes', '10', '3', 'service-refusal'],
        ['sc-11', 'state-corporation-operator', 'stated', 'issued', 1, 'minutes', '10', '4', undefined],
      ]);
      expect(channelOf(v2, 'state-corporation').note).toMatch(/not stated/);
    });

    it('refuses the service for deficiencies in the documents (paragraph 10.3)', () => {
      expect(v2.refusalGrounds).toHaveLength(1);
      expect(v2.refusalGrounds[0].citation).toMatchObject({ appendix: '3', paragraph: '10', subparagraph: '3' });
      expect(v2.refusalGrounds[0].citation.quote).toContain('кемшіліктердің болуына');
    });

    it('states no overall deadline and no windows; free of charge', () => {
      expect(v2.overallDeadline).toBeUndefined();
      expect(v2.windows).toEqual([]);
      expect(v2.specialRules.map((r) => [r.kind, r.citation.paragraph])).toEqual([
        ['other', '1'],
        ['other', '11'],
      ]);
    });

    it('step sc-3 (para 9, 3)) says a representative needs a notarised power of attorney, as the text does', () => {
      const step = channelOf(v2, 'state-corporation').steps.find((s) => s.id === 'sc-3');
      expect(step?.citation).toMatchObject({ appendix: '3', paragraph: '9', subparagraph: '3' });
      expect(step?.representative).toEqual({
        powerOfAttorney: 'notarised',
        citation: {
          appendix: '3',
          paragraph: '9',
          subparagraph: '3',
          quote: expect.stringContaining('нотариалды куәландырылған сенімхаттың болуы қажет'),
        },
      });
      expect(squash(text)).toContain(squash(`3) 2-процесс – ${step?.citation.quote.slice('3) 2-процесс – '.length) ?? ''}`));
      expect(step?.description.kk).toContain('нотариалды куәландырылған сенімхат қажет');
    });

    it('records the appeal clause of paragraph 11 (section 3 of the standard)', () => {
      expectAppealClause(v2, text, '3', '11');
    });
  });
});
