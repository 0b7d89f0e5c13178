/**
 * Kostanay oblast, "Выдача дубликатов документов об основном среднем, общем среднем
 * образовании": appendix 2 of resolution № 285 (seed 002). Resolution 04.07.2018 № 313
 * reworded paras 1, 3, 8 (and the appendix), 21.12.2018 № 557 changed para 1: v1 keeps the
 * office procedure (paras 5, 7) and the portal refusal (para 10), not the State Corporation
 * procedure nor its special rules (para 8). v3 (the № 313 wording, 2018-07-15 – 2019-01-01)
 * has paras 3 and 8 as the seed gives them; only para 1 (changed again by № 557) is unknown.
 */
import { RegulationCatalog } from '../../catalog/regulation-catalog';
import {
  channel,
  commonVersionTests,
  footnotes,
  loadVersion,
  paragraphText,
  squash,
  stepRows,
  type StepRow,
} from './kostanay-seed.spec-support';
import type { SpecialRule } from '../../regulation.model';

const FILES = [
  'secondary-education-duplicates.v1.json',
  'secondary-education-duplicates.v2.json',
  'secondary-education-duplicates.v3.json',
];
const [v1, v2, v3] = FILES.map(loadVersion);

commonVersionTests('2', FILES);

describe('duplicates: the text', () => {
  it('has the footnotes of № 313 (paras 1, 3, 8, the appendix) and № 557 (para 1 changed)', () => {
    expect(footnotes('2')).toEqual([
      { target: '1', kind: 'reworded', actDate: '2018-07-04' },
      { target: '1', kind: 'changed', actDate: '2018-12-21' },
      { target: '3', kind: 'reworded', actDate: '2018-07-04' },
      { target: '8', kind: 'reworded', actDate: '2018-07-04' },
      { target: 'приложение', kind: 'reworded', actDate: '2018-07-04' },
    ]);
  });
});

const OFFICE_STEPS: StepRow[] = [
  ['office-1', 'clerk', 'registered', '15 minutes', '5.1'],
  ['office-2', 'head', 'visa-imposed', '3 hours', '5.2'],
  ['office-3', 'executor', 'draft-prepared', '13 working-days', '5.3'],
  ['office-4', 'head', 'signed', '3 hours', '5.4'],
  ['office-5', 'clerk', 'issued', '15 minutes', '5.5'],
];

describe.each([
  ['v1', v1],
  ['v2', v2],
  ['v3', v3],
])('duplicates %s: paras 2, 5, 7, 10 (untouched by the amendments)', (_, v) => {
  it('takes the office procedure from para 5: 15 min, 3 h, 13 working days, 3 h, 15 min', () => {
    expect(channel(v, 'provider-office')).toMatchObject({ available: true, wording: 'full' });
    expect(stepRows(v, 'provider-office')).toEqual(OFFICE_STEPS);
  });

  it('finds every office step, with its duration, worded again in the same sub-paragraph of para 7', () => {
    for (const s of channel(v, 'provider-office').steps) {
      expect(paragraphText('2', '7', s.citation.subparagraph)).toContain(squash(s.citation.quote));
    }
  });

  it('is not provided through the portal (para 10)', () => {
    expect(channel(v, 'portal')).toMatchObject({ available: false, wording: 'full', steps: [] });
    expect(channel(v, 'portal').citation).toMatchObject({ paragraph: '10' });
    expect(channel(v, 'portal').citation.quote).toContain('не оказывается');
  });

  it('is a paper service without an overall deadline or window', () => {
    expect(v.form.kind).toEqual(['paper']);
    expect(v.overallDeadline).toBeUndefined();
    expect(v.windows).toEqual([]);
  });
});

describe('duplicates v2 (consolidated, from 2019-01-01)', () => {
  it('is provided by schools through the office and the State Corporation (para 1)', () => {
    expect(v2.providerKind).toEqual(['school']);
    expect(channel(v2, 'provider-office').citation).toMatchObject({ paragraph: '1', subparagraph: '1' });
    expect(channel(v2, 'state-corporation')).toMatchObject({ available: true, wording: 'full' });
    expect(channel(v2, 'state-corporation').citation).toMatchObject({ paragraph: '1', subparagraph: '2' });
  });

  it('runs through the State Corporation as para 8 says', () => {
    expect(stepRows(v2, 'state-corporation')).toEqual([
      ['sc-1', 'state-corporation-operator', 'received', '2 minutes', '8.1'],
      ['sc-1-refusal', 'state-corporation-operator', 'acceptance-refused', '3 minutes', '8.1', 'acceptance-refusal'],
      ['sc-2', 'state-corporation-operator', 'registered', '5 minutes', '8.1'],
      ['sc-3', 'state-corporation-operator', 'consent-obtained', 'not-stated', '8.1'],
      ['sc-4', 'state-corporation-operator', 'forwarded-to-provider', '1 days', '8.2'],
      ['sc-5', 'provider', 'result-prepared', '13 working-days', '8.3'],
      ['sc-6', 'state-corporation-operator', 'issued', '5 minutes', '8.4'],
    ]);
  });

  it('encodes the four special rules of para 8, each with its clause', () => {
    const byKind = new Map<SpecialRule['kind'], SpecialRule>(v2.specialRules.map((r) => [r.kind, r]));
    expect([...byKind.keys()]).toEqual([
      'acceptance-day-not-counted',
      'deliver-to-state-corporation-before-deadline',
      'state-corporation-storage',
      'recall-from-provider-storage',
    ]);

    const dayOff = byKind.get('acceptance-day-not-counted');
    expect(dayOff?.citation).toMatchObject({ paragraph: '8', subparagraph: '2' });
    expect(dayOff?.citation.quote).toBe('День приема документов не входит в срок оказания государственной услуги');

    const deliver = byKind.get('deliver-to-state-corporation-before-deadline');
    expect(deliver?.kind === 'deliver-to-state-corporation-before-deadline' && deliver.leadTime).toMatchObject({
      kind: 'stated',
      value: 1,
      unit: 'days',
    });
    expect(deliver?.citation).toMatchObject({ paragraph: '8', subparagraph: '3' });
    expect(deliver?.citation.quote).toContain('не позднее чем за сутки до истечения срока');

    const storage = byKind.get('state-corporation-storage');
    expect(storage?.kind === 'state-corporation-storage' && storage.storage).toMatchObject({ kind: 'stated', value: 1, unit: 'months' });
    expect(storage?.citation.paragraph).toBe('8');
    expect(storage?.citation.quote).toContain('в течение одного месяца');

    const recall = byKind.get('recall-from-provider-storage');
    expect(recall?.kind === 'recall-from-provider-storage' && recall.within).toMatchObject({
      kind: 'stated',
      value: 1,
      unit: 'working-days',
    });
    expect(recall?.citation.paragraph).toBe('8');
    expect(recall?.citation.quote).toContain('в течение одного рабочего дня');
  });

  it('gives a paper duplicate of the certificate (para 3) and refuses an incomplete package at the State Corporation', () => {
    expect(v2.result.form).toEqual(['paper']);
    expect(v2.result.text.ru).toMatch(/^Дубликат аттестата/);
    expect(v2.refusalGrounds.map((g) => `${g.citation.paragraph}.${g.citation.subparagraph}`)).toEqual(['8.1']);
  });
});

describe.each([
  ['v2', v2],
  ['v3', v3],
])('duplicates %s: "the day of acceptance is not counted" governs the State Corporation route only (#17 item 6)', (_, v) => {
  const rule = v.specialRules.find((r) => r.kind === 'acceptance-day-not-counted');
  const QUOTE = 'День приема документов не входит в срок оказания государственной услуги';

  it('stands in para 8, 2) (the State Corporation route), right after the State Corporation\'s "1 (один) день"', () => {
    expect(rule?.citation).toMatchObject({ appendix: '2', paragraph: '8', subparagraph: '2', quote: QUOTE });
    expect(paragraphText('2', '8', '2')).toContain(squash(`1 (один) день. ${QUOTE}`));
  });

  it('is absent from the office route (paras 4, 5 and 7)', () => {
    for (const paragraph of ['4', '5', '7'])
      expect([paragraph, paragraphText('2', paragraph).includes(squash('День приема'))]).toEqual([paragraph, false]);
  });

  it('records the channel and the reading, which quotes the text in each language', () => {
    expect(rule?.kind === 'acceptance-day-not-counted' && rule.channels).toEqual(['state-corporation']);
    const reading = rule?.kind === 'acceptance-day-not-counted' ? rule.reading : undefined;
    for (const text of [reading?.en, reading?.ru, reading?.kk]) {
      expect(text).toContain(`«${QUOTE}»`);
      expect(text).toContain('1 (один) день');
    }
    expect(reading?.en).toMatch(/paras 4, 5 and 7.*no such sentence.*State Corporation route only/);
    expect(reading?.ru).toMatch(/пункты 4, 5 и 7.*такого положения нет.*только при обращении через Государственную корпорацию/);
    expect(reading?.kk).toMatch(/4, 5 және 7-тармақтар.*мұндай ереже жоқ.*тек Мемлекеттік корпорация арқылы/);
  });
});

describe('duplicates v1 (original wording, 2016-08-05 – 2018-07-15): nothing from the reworded paras 1, 3, 8', () => {
  it('does not know the provider, the result or the State Corporation procedure', () => {
    expect(v1.providerKind).toEqual([]);
    expect(v1.result.form).toBeUndefined();
    expect(v1.result.citation.quote).toContain('в редакции');
    expect(channel(v1, 'state-corporation')).toMatchObject({ wording: 'not-in-seeds', steps: [] });
    expect(channel(v1, 'state-corporation').note).toContain('№ 313');
  });

  it('has no special rules or refusal grounds (all were in para 8)', () => {
    expect(v1.specialRules).toEqual([]);
    expect(v1.refusalGrounds).toEqual([]);
  });

  it('cites nothing from paras 1, 3, 8 except their footnotes', () => {
    const steps = v1.channels.flatMap((c) => c.steps);
    for (const s of steps) expect(['1', '3', '8']).not.toContain(s.citation.paragraph);
    expect(channel(v1, 'provider-office').citation.paragraph).toBe('5');
  });

  it('runs 2016-08-05 – 2018-07-15; v3 2018-07-15 – 2019-01-01; v2 2019-01-01 – 2020-02-09', () => {
    expect([v1, v3, v2].map((v) => [v.effectiveFrom.date, v.effectiveTo?.date])).toEqual([
      ['2016-08-05', '2018-07-15'],
      ['2018-07-15', '2019-01-01'],
      ['2019-01-01', '2020-02-09'],
    ]);
  });
});

describe('duplicates v3 (wording of № 313, 2018-07-15 – 2019-01-01)', () => {
  it('has paras 3 and 8 as the seed gives them (№ 557 changed only para 1): result, State Corporation steps, special rules, refusal', () => {
    expect(v3.wording.kind).toBe('intermediate');
    for (const key of ['form', 'result', 'refusalGrounds', 'windows', 'specialRules', 'overallDeadline'] as const)
      expect([key, v3[key]]).toEqual([key, v2[key]]);
    expect(channel(v3, 'state-corporation')).toMatchObject({ available: true, wording: 'full' });
    expect(channel(v3, 'state-corporation').steps).toEqual(channel(v2, 'state-corporation').steps);
    expect(v3.specialRules.map((r) => r.kind)).toContain('acceptance-day-not-counted');
    expect(
      footnotes('2')
        .filter((n) => n.actDate === '2018-12-21')
        .map((n) => n.target),
    ).toEqual(['1']);
  });

  it('cites nothing from para 1 (changed by № 557; its № 313 wording is not in the seed) and names no provider kind', () => {
    expect(v3.providerKind).toEqual([]);
    const cited = v3.channels.flatMap((c) => [c.citation, ...c.steps.map((st) => st.citation)]);
    expect(cited.filter((c) => c.paragraph === '1')).toEqual([]);
    expect(channel(v3, 'state-corporation').citation.paragraph).toBe('8');
    expect(paragraphText('2', '8')).toContain(squash(channel(v3, 'state-corporation').citation.quote));
    expect(channel(v3, 'provider-office').citation.paragraph).toBe('5');
  });

  it('the lookup serves the State Corporation route in the interval instead of regulation-wording-unknown', () => {
    const catalog = new RegulationCatalog([v1, v2, v3]);
    expect(catalog.inForce('kostanay-oblast', 'secondary-education-duplicates', 'state-corporation', '2018-09-03').id).toBe(v3.id);
    expect(catalog.inForce('kostanay-oblast', 'secondary-education-duplicates', 'provider-office', '2018-09-03').id).toBe(v3.id);
    expect(catalog.inForce('kostanay-oblast', 'secondary-education-duplicates', 'provider-office', '2018-07-14').id).toBe(v1.id);
  });
});
