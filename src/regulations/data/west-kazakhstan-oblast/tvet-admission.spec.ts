import {
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

describe('west-kazakhstan-oblast/tvet-admission (seed 003, appendix 1 of resolution No. 188)', () => {
  const text = seedText();
  const v1 = loadVersion('tvet-admission.v1.json');

  it('is the only version, the consolidated wording, bound to its seed', () => {
    expect(v1.id).toBe('west-kazakhstan-oblast/tvet-admission/v1');
    expect(v1.version).toBe(1);
    expect(v1.source).toEqual({ file: SEED_FILE, language: 'kk', appendix: '1' });
    expect(v1.wording.kind).toBe('consolidated');
    expect(v1.legal.amendments).toEqual([]);
    expect(v1.service.name.kk).toBe('Техникалық және кәсіптік, орта білімнен кейінгі білім беретін ұйымдарға құжаттар қабылдау');
    expect(v1.providerKind).toEqual(['college']);
  });

  it('quotes only what the text says, and every stated duration quotes its number and unit', () => {
    expect(findUncitedQuotes(v1, text)).toEqual([]);
    const durations = statedDurations(v1);
    expect(durations.length).toBeGreaterThan(0);
    for (const d of durations) expect(quoteStatesDuration(d)).toBe(true);
  });

  it('runs from the act taking effect (assumed publication on registration) to the repeal', () => {
    expectResolution188Facts(v1, text);
    expect(RESOLUTION_188_EFFECTIVE).toBe('2015-09-08');
    expect(v1.effectiveFrom).toMatchObject({ date: RESOLUTION_188_EFFECTIVE, basis: 'assumed' });
    expect(v1.effectiveTo).toMatchObject({ date: '2020-06-01', basis: 'assumed' });
  });

  it('is paper-based, its result is the receipt of accepted documents', () => {
    expect(v1.form.kind).toEqual(['paper']);
    expect(v1.form.citation).toMatchObject({ appendix: '1', paragraph: '2' });
    expect(v1.result.text.kk).toContain('құжаттардың қабылданғаны туралы қолхат');
    expect(v1.result.citation.paragraph).toBe('3');
    expect(v1.refusalGrounds).toEqual([]);
  });

  it("accepts applications only at the provider's office (paragraph 1)", () => {
    expect(v1.channels.map((c) => [c.channel, c.available, c.wording, c.citation.paragraph])).toEqual([
      ['provider-office', true, 'full', '1'],
      ['state-corporation', false, 'full', '1'],
      ['portal', false, 'full', '1'],
    ]);
    expect(channelOf(v1, 'state-corporation').note).toMatch(/does not list/);
    expect(channelOf(v1, 'portal').note).toMatch(/does not list/);
  });

  it('has the two office steps of paragraph 5: submission, then acceptance with a receipt in 15 minutes', () => {
    expect(channelOf(v1, 'provider-office').steps.map(stepFacts)).toEqual([
      ['office-1', 'applicant', 'stated', 'request-submitted', 'not-stated', undefined, '5', '1', undefined],
      ['office-2', 'executor', 'stated', 'received', 15, 'minutes', '5', '2', undefined],
    ]);
  });

  it('states no overall deadline', () => {
    expect(v1.overallDeadline).toBeUndefined();
    expect(v1.notes.join(' ')).toMatch(/No overall deadline/);
  });

  it('has the seasonal windows of paragraph 5.1: full-time to 20 August, evening and correspondence to 20 September', () => {
    expect(v1.windows.map((w) => [w.from, w.to, w.appliesTo.kk, w.citation.paragraph, w.citation.subparagraph])).toEqual([
      ['06-20', '08-20', 'күндізгі оқу нысаны', '5', '1'],
      ['06-20', '09-20', 'кешкі және сырттай оқу нысаны', '5', '1'],
    ]);
    expect(v1.windows[0].citation.quote).toContain('20 маусым мен 20 тамыз');
    expect(v1.windows[1].citation.quote).toContain('20 маусым 20 қыркүйек');
  });

  it('is free of charge and has no State Corporation rules', () => {
    expect(v1.specialRules.map((r) => [r.kind, r.citation.paragraph])).toEqual([
      ['other', '1'],
      ['other', '9'],
    ]);
    expect(v1.specialRules[0].citation.quote).toContain('тегін');
  });

  it('records the appeal clause of paragraph 9 (section 3 of the standard)', () => {
    expectAppealClause(v1, text, '1', '9');
  });
});
