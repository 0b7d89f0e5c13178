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

describe('west-kazakhstan-oblast/tvet-dormitory (seed 003, appendix 2 of resolution No. 188)', () => {
  const text = seedText();
  const v1 = loadVersion('tvet-dormitory.v1.json');

  it('is the only version, the consolidated wording, bound to its seed', () => {
    expect(v1.id).toBe('west-kazakhstan-oblast/tvet-dormitory/v1');
    expect(v1.source).toEqual({ file: SEED_FILE, language: 'kk', appendix: '2' });
    expect(v1.wording.kind).toBe('consolidated');
    expect(v1.legal.amendments).toEqual([]);
    expect(v1.service.name.kk).toBe('Техникалық және кәсіптік білім беру ұйымдарында білім алушыларға жатақхана беру');
    expect(v1.providerKind).toEqual(['college']);
  });

  it('quotes only what the text says, and every stated duration quotes its number and unit', () => {
    expect(findUncitedQuotes(v1, text)).toEqual([]);
    const durations = statedDurations(v1);
    expect(durations).toHaveLength(5);
    for (const d of durations) expect(quoteStatesDuration(d)).toBe(true);
  });

  it('runs from the act taking effect (assumed publication on registration) to the repeal', () => {
    expectResolution188Facts(v1, text);
    expect(v1.effectiveFrom).toMatchObject({ date: RESOLUTION_188_EFFECTIVE, basis: 'assumed' });
    expect(v1.effectiveTo).toMatchObject({ date: '2020-06-01', basis: 'assumed' });
  });

  it('is paper-based, its result is the dormitory referral', () => {
    expect(v1.form.kind).toEqual(['paper']);
    expect(v1.form.citation).toMatchObject({ appendix: '2', paragraph: '2' });
    expect(v1.result.text.kk).toContain('жатақхана беру туралы жолдама');
    expect(v1.result.citation).toMatchObject({ appendix: '2', paragraph: '3' });
    expect(v1.refusalGrounds).toEqual([]);
  });

  it("accepts applications only at the provider's office (paragraph 1)", () => {
    expect(v1.channels.map((c) => [c.channel, c.available, c.wording, c.citation.paragraph])).toEqual([
      ['provider-office', true, 'full', '1'],
      ['state-corporation', false, 'full', '1'],
      ['portal', false, 'full', '1'],
    ]);
  });

  it('has the five office steps of paragraph 5 with their durations (working days for head and executor)', () => {
    expect(channelOf(v1, 'provider-office').steps.map(stepFacts)).toEqual([
      ['office-1', 'clerk', 'stated', 'registered', 30, 'minutes', '5', '1', undefined],
      ['office-2', 'head', 'stated', 'visa-imposed', 1, 'working-days', '5', '2', undefined],
      ['office-3', 'executor', 'stated', 'draft-prepared', 8, 'working-days', '5', '3', undefined],
      ['office-4', 'head', 'stated', 'signed', 1, 'working-days', '5', '4', undefined],
      ['office-5', 'clerk', 'stated', 'issued', 15, 'minutes', '5', '5', undefined],
    ]);
  });

  it('reads the garbled paragraph 5.4 as signing, as paragraph 6.4 states', () => {
    expect(text.replace(/\s+/g, '')).toContain('басшысыныңжолдамағақолқоюы');
    expect(v1.notes.join(' ')).toMatch(/garbled/);
  });

  it('states no overall deadline, no windows, and is free of charge', () => {
    expect(v1.overallDeadline).toBeUndefined();
    expect(v1.windows).toEqual([]);
    expect(v1.specialRules.map((r) => [r.kind, r.citation.paragraph])).toEqual([
      ['other', '1'],
      ['other', '9'],
    ]);
  });

  it('records the appeal clause of paragraph 9 (section 3 of the standard)', () => {
    expectAppealClause(v1, text, '2', '9');
  });
});
