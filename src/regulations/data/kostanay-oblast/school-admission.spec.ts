/**
 * Kostanay oblast, "Прием документов и зачисление в организации образования … начального,
 * основного среднего, общего среднего образования": appendix 3 of resolution № 285 (seed 002).
 * Resolution 04.07.2018 № 313 reworded paras 1, 3, 4 (and Appendix 2) and changed 5, 7;
 * 21.12.2018 № 557 reworded para 8. v1 keeps only the portal procedure (para 9); v3 (the
 * № 313 wording, 2018-07-15 – 2019-01-01) is v2 but for para 8, whose earlier wording is not
 * in the seed: its State Corporation exclusion comes from para 1 (№ 313).
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

const FILES = ['school-admission.v1.json', 'school-admission.v2.json', 'school-admission.v3.json'];
const [v1, v2, v3] = FILES.map(loadVersion);

commonVersionTests('3', FILES);

describe('school admission: the text', () => {
  it('has the footnotes of № 313 (1, 3, 4, Appendix 2 reworded; 5, 7 changed) and № 557 (8 reworded)', () => {
    expect(footnotes('3')).toEqual([
      { target: '1', kind: 'reworded', actDate: '2018-07-04' },
      { target: '3', kind: 'reworded', actDate: '2018-07-04' },
      { target: '4', kind: 'reworded', actDate: '2018-07-04' },
      { target: '5', kind: 'changed', actDate: '2018-07-04' },
      { target: '7', kind: 'changed', actDate: '2018-07-04' },
      { target: '8', kind: 'reworded', actDate: '2018-12-21' },
      { target: 'приложение', kind: 'reworded', actDate: '2018-07-04' },
    ]);
  });
});

const PORTAL_STEPS: StepRow[] = [
  ['portal-1', 'applicant', 'system-processing', 'not-stated', '9.1'],
  ['portal-2', 'applicant', 'request-submitted', 'not-stated', '9.2'],
  ['portal-3', 'applicant', 'request-submitted', 'not-stated', '9.3'],
  ['portal-4', 'provider', 'request-processed', 'not-stated', '9.4'],
  ['portal-5', 'applicant', 'status-notified', 'not-stated', '9.5'],
  ['portal-6', 'provider', 'sent-to-portal', 'not-stated', '9.6'],
  ['portal-7', 'applicant', 'issued', 'not-stated', '9.7'],
];

describe.each([
  ['v1', v1],
  ['v2', v2],
  ['v3', v3],
])('school admission %s: paras 2, 9 (untouched by the amendments)', (_, v) => {
  it('runs through the portal as para 9 says, with no durations', () => {
    expect(channel(v, 'portal')).toMatchObject({ available: true, wording: 'full' });
    expect(stepRows(v, 'portal')).toEqual(PORTAL_STEPS);
  });

  it('is an electronic and paper service with no overall deadline', () => {
    expect(v.form.kind).toEqual(['electronic', 'paper']);
    expect(v.overallDeadline).toBeUndefined();
  });
});

describe('school admission v2 (consolidated, from 2019-01-01)', () => {
  it('is provided by schools through the office and the portal (para 1), not the State Corporation (para 8)', () => {
    expect(v2.providerKind).toEqual(['school']);
    expect(channel(v2, 'provider-office')).toMatchObject({ available: true, wording: 'full' });
    expect(channel(v2, 'provider-office').citation).toMatchObject({ paragraph: '1', subparagraph: '1' });
    expect(channel(v2, 'portal').citation).toMatchObject({ paragraph: '1', subparagraph: '2' });
    const sc = channel(v2, 'state-corporation');
    expect(sc).toMatchObject({ available: false, wording: 'full', steps: [] });
    expect(sc.citation.paragraph).toBe('8');
    expect(sc.citation.quote).toMatch(/не\s+оказывается/);
  });

  it('takes the office procedure from para 5: 5 min, 3 h, 4 working days, 10 min, 5 min, with both refusals', () => {
    expect(stepRows(v2, 'provider-office')).toEqual([
      ['office-1', 'clerk', 'received', '5 minutes', '5.1'],
      ['office-1-refusal', 'provider', 'acceptance-refused', '5 minutes', '5.1', 'acceptance-refusal'],
      ['office-2', 'head', 'visa-imposed', '3 hours', '5.2'],
      ['office-3', 'executor', 'draft-prepared', '4 working-days', '5.3'],
      ['office-3-refusal', 'executor', 'service-refused', '4 working-days', '5.3', 'service-refusal'],
      ['office-4', 'head', 'signed', '10 minutes', '5.4'],
      ['office-5', 'clerk', 'issued', '5 minutes', '5.5'],
    ]);
  });

  it('finds every office step and duration worded again in the same sub-paragraph of para 7', () => {
    for (const s of channel(v2, 'provider-office').steps) {
      const para7 = paragraphText('3', '7', s.citation.subparagraph);
      expect(para7).toContain(squash(s.citation.quote));
      if (s.duration.kind === 'stated') expect(para7).toContain(squash(s.duration.citation.quote));
    }
  });

  it('enrols in the first grade from 1 June to 30 August; full-time and evening no later than 30 August', () => {
    expect(v2.windows).toEqual([
      expect.objectContaining({ from: '06-01', to: '08-30', citation: expect.objectContaining({ paragraph: '5', subparagraph: '3' }) }),
    ]);
    expect(v2.windows[0].citation.quote).toContain('в первый класс');
    expect(v2.specialRules).toHaveLength(1);
    const [rule] = v2.specialRules;
    expect(rule.kind).toBe('other');
    expect(rule.citation).toMatchObject({ paragraph: '5', subparagraph: '3' });
    expect(rule.citation.quote).toContain('не позднее 30 августа');
    // the same dates stand in para 7 sp. 3
    expect(paragraphText('3', '7', '3')).toContain(squash(v2.windows[0].citation.quote));
    expect(paragraphText('3', '7', '3')).toContain(squash(rule.citation.quote));
  });

  it('refuses acceptance for an incomplete or expired package, and the service for unreliable documents', () => {
    expect(v2.refusalGrounds.map((g) => `${g.citation.paragraph}.${g.citation.subparagraph}`)).toEqual(['5.1', '5.3']);
    expect(v2.result.form).toEqual(['electronic', 'paper']);
  });
});

describe('school admission v1 (original wording, 2016-08-05 – 2018-07-15)', () => {
  it('knows neither the office procedure (paras 5, 7 changed by № 313) nor the State Corporation one (para 8 reworded by № 557)', () => {
    expect(channel(v1, 'provider-office')).toMatchObject({ wording: 'not-in-seeds', steps: [] });
    expect(channel(v1, 'provider-office').note).toContain('№ 313');
    expect(channel(v1, 'state-corporation')).toMatchObject({ wording: 'not-in-seeds', steps: [] });
    expect(channel(v1, 'state-corporation').note).toContain('№ 557');
  });

  it('has no provider kind, result form, windows, refusal grounds or special rules (all in touched paragraphs)', () => {
    expect(v1.providerKind).toEqual([]);
    expect(v1.result.form).toBeUndefined();
    expect(v1.windows).toEqual([]);
    expect(v1.refusalGrounds).toEqual([]);
    expect(v1.specialRules).toEqual([]);
  });

  it('cites the portal channel from para 9, not from the reworded para 1', () => {
    expect(channel(v1, 'portal').citation.paragraph).toBe('9');
  });

  it('runs 2016-08-05 – 2018-07-15; v3 2018-07-15 – 2019-01-01; v2 2019-01-01 – 2020-02-09', () => {
    expect([v1, v3, v2].map((v) => [v.effectiveFrom.date, v.effectiveTo?.date])).toEqual([
      ['2016-08-05', '2018-07-15'],
      ['2018-07-15', '2019-01-01'],
      ['2019-01-01', '2020-02-09'],
    ]);
  });
});

describe('school admission v3 (wording of № 313, 2018-07-15 – 2019-01-01)', () => {
  it('is v2 in every paragraph № 557 did not touch: provider, office steps, windows, refusals, portal', () => {
    expect(v3.wording.kind).toBe('intermediate');
    for (const key of ['providerKind', 'form', 'result', 'refusalGrounds', 'windows', 'specialRules', 'overallDeadline'] as const)
      expect([key, v3[key]]).toEqual([key, v2[key]]);
    for (const c of ['provider-office', 'portal'] as const) expect(channel(v3, c)).toEqual(channel(v2, c));
  });

  it('cites nothing from para 8 (reworded by № 557; its earlier wording is not in the seed)', () => {
    const cited = v3.channels.flatMap((c) => [c.citation, ...c.steps.map((st) => st.citation)]);
    expect(cited.filter((c) => c.paragraph === '8')).toEqual([]);
  });

  it('excludes the State Corporation by para 1 as № 313 worded it: only the office and the portal are listed', () => {
    const sc = channel(v3, 'state-corporation');
    expect(sc).toMatchObject({ available: false, wording: 'full', steps: [] });
    expect(sc.citation.paragraph).toBe('1');
    expect(paragraphText('3', '1')).toContain(squash(sc.citation.quote));
    expect(squash(sc.citation.quote)).toBe(
      squash(
        'Прием заявления и выдача результата оказания государственной услуги осуществляется через: 1) канцелярию услугодателя; 2) веб-портал "электронного правительства": www.egov.kz (далее – Портал).',
      ),
    );
    expect(footnotes('3')).toContainEqual({ target: '1', kind: 'reworded', actDate: '2018-07-04' });
    expect(footnotes('3').filter((n) => n.target === '1' && n.actDate === '2018-12-21')).toEqual([]);
  });

  it('the lookup answers channel-not-available for the State Corporation in the interval, not regulation-wording-unknown', () => {
    const catalog = new RegulationCatalog([v1, v2, v3]);
    const code = (fn: () => unknown): string | undefined => {
      try {
        fn();
      } catch (error) {
        return (error as { code?: string }).code;
      }
      return undefined;
    };
    expect(code(() => catalog.inForce('kostanay-oblast', 'school-admission', 'state-corporation', '2018-09-03'))).toBe(
      'channel-not-available',
    );
    expect(catalog.inForce('kostanay-oblast', 'school-admission', 'provider-office', '2018-09-03').id).toBe(v3.id);
    expect(catalog.inForce('kostanay-oblast', 'school-admission', 'provider-office', '2018-07-15').id).toBe(v3.id);
    expect(code(() => catalog.inForce('kostanay-oblast', 'school-admission', 'provider-office', '2018-07-14'))).toBe(
      'regulation-wording-unknown',
    );
  });
});
