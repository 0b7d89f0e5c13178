import { Channel, ChannelRules, Duration, RegulationVersion } from '../../regulation.model';
import { addDays, channelOf, loadVersionFile, squash } from '../seeds.spec-support';
import { expectDecree54Frame, expectQuotesFromSeed004, inSeed004 as inText } from './seed-004.spec-support';

/** West Kazakhstan oblast, externat permission: seed 004 (decree № 54 of 01.03.2016, Appendix 1). */
const load = (file: string): RegulationVersion => loadVersionFile(__dirname, file);
const v1 = load('externat-permission.v1.json');
const v2 = load('externat-permission.v2.json');

const channel = (v: RegulationVersion, c: Channel): ChannelRules => channelOf(v, c);
const brief = (d: Duration) => (d.kind === 'stated' ? `${d.value} ${d.unit}` : 'not-stated');

describe.each([
  ['v1', v1],
  ['v2', v2],
])('west-kazakhstan-oblast/externat-permission %s: citations', (_name, v) => {
  it('quotes only text that is in the seed, and the number of every stated duration', () => {
    expectQuotesFromSeed004(v);
  });

  it('has the shared legal frame: approved by decree № 169, reworded whole by № 54, repealed by № 120', () => {
    expectDecree54Frame(v, {
      appendix: '1',
      amendmentSubparagraph: '1',
      paragraphsReworded: 12,
      serviceName: 'Выдача разрешения на обучение в форме экстерната в организациях основного среднего, общего среднего образования',
    });
  });
});

describe('west-kazakhstan-oblast/externat-permission: effective dates', () => {
  it('derives the dates from what the text states', () => {
    // Decree № 169: published 29.08.2015; its own rule is not in the seed, № 54's ten-day rule is assumed.
    expect(inText('опубликованное от 29 августа 2015 года в газетах "Орал өңірі" и "Приуралье"')).toBe(true);
    expect(v1.effectiveFrom).toMatchObject({ date: addDays('2015-08-29', 11), basis: 'assumed' });
    // Decree № 54: ten calendar days after first publication; publication not given, registration 01.04.2016 assumed.
    expect(
      inText(
        'Настоящее постановление вводится в действие по истечении десяти календарных дней после дня первого официального опубликования.',
      ),
    ).toBe(true);
    expect(inText('Зарегистрировано Департаментом юстиции Западно-Казахстанской области 1 апреля 2016 года № 4314')).toBe(true);
    expect(v2.effectiveFrom).toMatchObject({ date: addDays('2016-04-01', 11), basis: 'assumed' });
    expect(v2.effectiveFrom.date).toBe('2016-04-12');
    // Decree № 120: from the day of first publication; none given, its own date assumed.
    expect(inText('вводится в действие со дня первого официального')).toBe(true);
    expect(v2.effectiveTo).toMatchObject({ date: '2020-06-01', basis: 'assumed' });
  });

  it('chains the versions without a gap or overlap', () => {
    expect(v1.effectiveTo?.date).toBe(v2.effectiveFrom.date);
    expect([v1.version, v2.version]).toEqual([1, 2]);
    expect(v1.wording.kind).toBe('original');
    expect(v2.wording.kind).toBe('consolidated');
  });
});

describe('west-kazakhstan-oblast/externat-permission v1 (original wording of decree № 169)', () => {
  it('keeps every channel without steps: the whole regulation was reworded and the original is not in the seeds', () => {
    for (const c of v1.channels) {
      expect(c.wording).toBe('not-in-seeds');
      expect(c.steps).toEqual([]);
      expect(c.note).toContain('№ 54');
    }
    expect(v1.channels.map((c) => c.channel).sort()).toEqual(['portal', 'provider-office', 'state-corporation']);
    expect(v1.providerKind).toEqual([]);
    expect(v1.form.kind).toEqual([]);
    expect(v1.refusalGrounds).toEqual([]);
    expect(v1.overallDeadline).toBeUndefined();
  });
});

describe('west-kazakhstan-oblast/externat-permission v2 (decree № 54, Appendix 1)', () => {
  it('is provided by city/district education departments and the oblast education department', () => {
    expect(v2.providerKind).toEqual(['district-education-department', 'regional-education-department']);
    expect(inText('отделами образования города, района, управлением образования области')).toBe(true);
  });

  it('accepts applications through the State Corporation and the portal only (п. 1)', () => {
    expect(channel(v2, 'state-corporation')).toMatchObject({
      available: true,
      wording: 'full',
      citation: { appendix: '1', paragraph: '1', subparagraph: '1' },
    });
    expect(channel(v2, 'portal')).toMatchObject({
      available: true,
      wording: 'full',
      citation: { appendix: '1', paragraph: '1', subparagraph: '2' },
    });
    const office = channel(v2, 'provider-office');
    expect(office).toMatchObject({ available: false, steps: [], citation: { appendix: '1', paragraph: '1' } });
    expect(office.note).toMatch(/not listed/);
  });

  it('states form, result and refusal grounds (п. 2, 3)', () => {
    expect(v2.form.kind).toEqual(['partially-automated', 'paper']);
    expect(v2.form.citation.paragraph).toBe('2');
    expect(v2.result.text.ru).toMatch(/^Выписка из приказа о разрешении на обучение в форме экстерната/);
    expect(v2.result.citation.paragraph).toBe('3');
    expect(v2.refusalGrounds.map((g) => [g.citation.paragraph, g.citation.subparagraph])).toEqual([
      ['3', undefined],
      ['10', '3'],
      ['11', '7'],
    ]);
  });

  it('encodes the State Corporation channel: п. 3 refusal, п. 5 document flow, п. 9–10 information-system processes', () => {
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
      ['sc-1', 'state-corporation-operator', 'stated', 'received', '15 minutes', '5', '1', undefined],
      ['sc-2', 'state-corporation-operator', 'stated', 'forwarded-to-provider', '1 working-days', '5', '1', undefined],
      ['sc-3', 'clerk', 'stated', 'registered', '15 minutes', '5', '2', undefined],
      ['sc-4', 'head', 'stated', 'visa-imposed', '1 working-days', '5', '3', undefined],
      ['sc-5', 'executor', 'stated', 'draft-prepared', '11 working-days', '5', '4', undefined],
      ['sc-6', 'head', 'stated', 'signed', '1 working-days', '5', '5', undefined],
      ['sc-7', 'clerk', 'stated', 'sent-to-state-corporation', '1 working-days', '5', '6', undefined],
      ['sc-8', 'state-corporation-operator', 'stated', 'issued', '15 minutes', '5', '7', undefined],
      ['sc-is-1', 'applicant', 'stated', 'request-submitted', '1 minutes', '9', '1', undefined],
      ['sc-is-2', 'state-corporation-operator', 'stated', 'system-processing', '1 minutes', '9', '2', undefined],
      ['sc-is-3', 'state-corporation-operator', 'stated', 'registered', '1 minutes', '9', '3', undefined],
      ['sc-is-4', 'information-system', 'inferred', 'system-processing', '1 minutes', '9', '4', undefined],
      ['sc-is-5', 'information-system', 'inferred', 'system-processing', '1 minutes', '9', '5', undefined],
      ['sc-is-6', 'information-system', 'inferred', 'acceptance-refused', '1 minutes', '9', '6', 'acceptance-refusal'],
      ['sc-is-7', 'state-corporation-operator', 'inferred', 'forwarded-to-provider', '1 minutes', '9', '7', undefined],
      ['sc-is-8', 'information-system', 'inferred', 'registered', '2 minutes', '10', '1', undefined],
      ['sc-is-9', 'provider', 'stated', 'documents-reviewed', '2 minutes', '10', '2', undefined],
      ['sc-is-10', 'provider', 'inferred', 'service-refused', '2 minutes', '10', '3', 'service-refusal'],
      ['sc-is-11', 'state-corporation-operator', 'stated', 'issued', '2 minutes', '10', '4', undefined],
    ]);
    for (const s of channel(v2, 'state-corporation').steps) expect(s.citation.appendix).toBe('1');
  });

  it('cites the exact wording of the durations of п. 5', () => {
    const quoteOf = (id: string) => {
      const d = channel(v2, 'state-corporation').steps.find((s) => s.id === id)!.duration;
      return d.kind === 'stated' ? squash(d.citation.quote) : '';
    };
    expect(quoteOf('sc-1')).toContain(squash('в течение 15 (пятнадцати) минут осуществляет их прием'));
    expect(quoteOf('sc-2')).toContain(squash('в течение 1 (одного) рабочего дня направляет в канцелярию услугодателя'));
    expect(quoteOf('sc-5')).toContain(squash('в течение 11 (одиннадцати) рабочих дней'));
    expect(quoteOf('sc-7')).toContain(squash('в течение 1 (одного) рабочего дня направляет результат'));
    expect(quoteOf('sc-is-8')).toContain(squash('(в течение 2 минут)'));
  });

  it('encodes the portal channel (п. 11) without durations', () => {
    const rows = channel(v2, 'portal').steps.map((s) => [s.id, s.role, s.action, s.citation.subparagraph, s.branch]);
    expect(rows).toEqual([
      ['portal-1', 'applicant', 'system-processing', '1', undefined],
      ['portal-2', 'applicant', 'system-processing', '2', undefined],
      ['portal-3', 'information-system', 'system-processing', '3', undefined],
      ['portal-4', 'information-system', 'acceptance-refused', '4', 'acceptance-refusal'],
      ['portal-5', 'applicant', 'request-submitted', '5', undefined],
      ['portal-6', 'information-system', 'system-processing', '6', undefined],
      ['portal-7', 'information-system', 'acceptance-refused', '7', 'acceptance-refusal'],
      ['portal-8', 'information-system', 'system-processing', '8', undefined],
      ['portal-9', 'provider', 'request-processed', '9', undefined],
      ['portal-10', 'provider', 'service-refused', '10', 'service-refusal'],
      ['portal-11', 'information-system', 'sent-to-portal', '11', undefined],
    ]);
    for (const s of channel(v2, 'portal').steps) {
      expect(s.duration.kind).toBe('not-stated');
      expect(s.citation).toMatchObject({ appendix: '1', paragraph: '11' });
    }
  });

  it('states no overall deadline, window or timing rule', () => {
    expect(v2.overallDeadline).toBeUndefined();
    expect(v2.windows).toEqual([]);
    expect(v2.specialRules.map((r) => [r.kind, r.citation.paragraph])).toEqual([
      ['other', '1'],
      ['other', '12'],
    ]);
  });
});
