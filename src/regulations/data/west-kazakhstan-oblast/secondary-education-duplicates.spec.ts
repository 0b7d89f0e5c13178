import { Channel, ChannelRules, Duration, RegulationVersion } from '../../regulation.model';
import { addDays, channelOf, loadVersionFile, squash } from '../seeds.spec-support';
import { expectDecree54Frame, expectQuotesFromSeed004, inSeed004 as inText } from './seed-004.spec-support';

/** West Kazakhstan oblast, duplicates of school certificates: seed 004 (decree № 54 of 01.03.2016, Appendix 2). */
const load = (file: string): RegulationVersion => loadVersionFile(__dirname, file);
const v1 = load('secondary-education-duplicates.v1.json');
const v2 = load('secondary-education-duplicates.v2.json');

const channel = (v: RegulationVersion, c: Channel): ChannelRules => channelOf(v, c);
const brief = (d: Duration) => (d.kind === 'stated' ? `${d.value} ${d.unit}` : 'not-stated');

describe.each([
  ['v1', v1],
  ['v2', v2],
])('west-kazakhstan-oblast/secondary-education-duplicates %s: citations', (_name, v) => {
  it('quotes only text that is in the seed, and the number of every stated duration', () => {
    expectQuotesFromSeed004(v);
  });

  it('has the shared legal frame: approved by decree № 169, reworded whole by № 54, repealed by № 120', () => {
    expectDecree54Frame(v, {
      appendix: '2',
      amendmentSubparagraph: '2',
      paragraphsReworded: 11,
      serviceName: 'Выдача дубликатов документов об основном среднем, общем среднем образовании',
    });
    expect(v.legal.amendments[0].citation.quote).toContain('Выдача дубликатов документов об основном среднем, общем среднем образовании');
  });
});

describe('west-kazakhstan-oblast/secondary-education-duplicates: effective dates', () => {
  it('derives the dates from what the text states', () => {
    expect(inText('опубликованное от 29 августа 2015 года')).toBe(true);
    expect(v1.effectiveFrom).toMatchObject({ date: addDays('2015-08-29', 11), basis: 'assumed' });
    expect(inText('вводится в действие по истечении десяти календарных дней после дня первого официального опубликования')).toBe(true);
    expect(inText('Зарегистрировано Департаментом юстиции Западно-Казахстанской области 1 апреля 2016 года № 4314')).toBe(true);
    expect(v2.effectiveFrom).toMatchObject({ date: addDays('2016-04-01', 11), basis: 'assumed' });
    expect(v2.effectiveFrom.date).toBe('2016-04-12');
    expect(v2.effectiveTo).toMatchObject({ date: '2020-06-01', basis: 'assumed' });
  });

  it('chains the versions without a gap or overlap', () => {
    expect(v1.effectiveFrom.date).toBe('2015-09-09');
    expect(v1.effectiveTo?.date).toBe(v2.effectiveFrom.date);
    expect(v1.wording.kind).toBe('original');
    expect(v2.wording.kind).toBe('consolidated');
  });
});

describe('west-kazakhstan-oblast/secondary-education-duplicates v1 (original wording of decree № 169)', () => {
  it('keeps every channel without steps: the whole regulation was reworded and the original is not in the seeds', () => {
    expect(v1.channels.map((c) => c.channel).sort()).toEqual(['portal', 'provider-office', 'state-corporation']);
    for (const c of v1.channels) {
      expect(c.wording).toBe('not-in-seeds');
      expect(c.steps).toEqual([]);
      expect(c.note).toContain('№ 54');
    }
    expect(v1.providerKind).toEqual([]);
    expect(v1.form.kind).toEqual([]);
    expect(v1.refusalGrounds).toEqual([]);
  });
});

describe('west-kazakhstan-oblast/secondary-education-duplicates v2 (decree № 54, Appendix 2)', () => {
  it('is provided by schools, on paper, and issues a duplicate certificate or attestat (п. 1–3)', () => {
    expect(v2.providerKind).toEqual(['school']);
    expect(inText('оказывается организациями основного среднего и общего среднего образования')).toBe(true);
    expect(v2.form).toMatchObject({ kind: ['paper'], citation: { appendix: '2', paragraph: '2' } });
    expect(v2.result.text.ru).toContain('дубликата свидетельства об основном среднем образовании');
    expect(v2.result.text.ru).toContain('дубликата аттестата об общем среднем образовании');
    expect(v2.refusalGrounds.map((g) => [g.citation.paragraph, g.citation.subparagraph])).toEqual([
      ['3', undefined],
      ['10', '3'],
    ]);
  });

  it('accepts applications at the provider office and the State Corporation, not the portal (п. 1)', () => {
    expect(channel(v2, 'provider-office')).toMatchObject({
      available: true,
      wording: 'full',
      citation: { appendix: '2', paragraph: '1', subparagraph: '1' },
    });
    expect(channel(v2, 'state-corporation')).toMatchObject({
      available: true,
      wording: 'full',
      citation: { appendix: '2', paragraph: '1', subparagraph: '2' },
    });
    const portal = channel(v2, 'portal');
    expect(portal).toMatchObject({ available: false, steps: [], citation: { appendix: '2', paragraph: '1' } });
    expect(portal.note).toMatch(/does not list the portal/);
  });

  it('encodes the office steps of п. 5 with their durations', () => {
    const rows = channel(v2, 'provider-office').steps.map((s) => [
      s.id,
      s.role,
      s.roleBasis,
      s.action,
      brief(s.duration),
      s.citation.paragraph,
      s.citation.subparagraph,
    ]);
    expect(rows).toEqual([
      ['office-1', 'clerk', 'stated', 'received', '15 minutes', '5', '1'],
      ['office-2', 'head', 'stated', 'visa-imposed', '1 working-days', '5', '2'],
      ['office-3', 'executor', 'stated', 'draft-prepared', '13 working-days', '5', '3'],
      ['office-4', 'head', 'stated', 'signed', '1 working-days', '5', '4'],
      ['office-5', 'clerk', 'stated', 'issued', '15 minutes', '5', '5'],
    ]);
    const executor = channel(v2, 'provider-office').steps[2].duration;
    expect(executor.kind === 'stated' && squash(executor.citation.quote)).toContain(squash('в течение 13 (тринадцати) рабочих дней'));
  });

  it('encodes the State Corporation channel from п. 3, 9 and 10, without copying the office steps', () => {
    const rows = channel(v2, 'state-corporation').steps.map((s) => [
      s.id,
      s.role,
      s.roleBasis,
      s.action,
      brief(s.duration),
      s.citation.paragraph,
      s.citation.subparagraph,
      s.branch,
    ]);
    expect(rows).toEqual([
      ['sc-refusal', 'state-corporation-operator', 'stated', 'acceptance-refused', 'not-stated', '3', undefined, 'acceptance-refusal'],
      ['sc-1', 'applicant', 'stated', 'request-submitted', '1 minutes', '9', '1', undefined],
      ['sc-2', 'state-corporation-operator', 'stated', 'system-processing', '1 minutes', '9', '2', undefined],
      ['sc-3', 'state-corporation-operator', 'stated', 'registered', '1 minutes', '9', '3', undefined],
      ['sc-4', 'information-system', 'inferred', 'system-processing', '1 minutes', '9', '4', undefined],
      ['sc-5', 'information-system', 'inferred', 'system-processing', '1 minutes', '9', '5', undefined],
      ['sc-6', 'information-system', 'inferred', 'acceptance-refused', '1 minutes', '9', '6', 'acceptance-refusal'],
      ['sc-7', 'state-corporation-operator', 'inferred', 'forwarded-to-provider', '1 minutes', '9', '7', undefined],
      ['sc-8', 'information-system', 'inferred', 'registered', '2 minutes', '10', '1', undefined],
      ['sc-9', 'provider', 'stated', 'documents-reviewed', '2 minutes', '10', '2', undefined],
      ['sc-10', 'provider', 'inferred', 'service-refused', '2 minutes', '10', '3', 'service-refusal'],
      ['sc-11', 'state-corporation-operator', 'stated', 'issued', '2 minutes', '10', '4', undefined],
    ]);
    for (const s of channel(v2, 'state-corporation').steps) expect(s.citation.appendix).toBe('2');
  });

  it('states no overall deadline, window or timing rule', () => {
    expect(v2.overallDeadline).toBeUndefined();
    expect(v2.windows).toEqual([]);
    expect(v2.specialRules.map((r) => [r.kind, r.citation.paragraph])).toEqual([
      ['other', '1'],
      ['other', '11'],
    ]);
  });
});
