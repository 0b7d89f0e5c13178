/**
 * Kostanay oblast, "Выдача разрешения на обучение в форме экстерната …": appendix 1 of
 * resolution № 285 (seed 002). Only para 1 was changed (21.12.2018 № 557), so v1 keeps
 * every procedure and only loses what para 1 alone says (the provider).
 */
import { channel, commonVersionTests, footnotes, loadVersion, stepRows, type StepRow } from './kostanay-seed.spec-support';

const FILES: [string, string] = ['externat-permission.v1.json', 'externat-permission.v2.json'];
const [v1, v2] = FILES.map(loadVersion);

commonVersionTests('1', FILES);

describe('externat permission: the text', () => {
  it('has one amendment footnote: para 1 changed by the resolution of 21.12.2018', () => {
    expect(footnotes('1')).toEqual([{ target: '1', kind: 'changed', actDate: '2018-12-21' }]);
  });
});

const SC_STEPS: StepRow[] = [
  ['sc-1', 'applicant', 'request-submitted', 'not-stated', '6.1'],
  ['sc-2', 'state-corporation-operator', 'received', '5 minutes', '6.2'],
  ['sc-2-refusal', 'state-corporation-operator', 'acceptance-refused', 'not-stated', '6.2', 'acceptance-refusal'],
  ['sc-3', 'state-corporation-operator', 'registered', 'not-stated', '6.2'],
  ['sc-4', 'state-corporation-operator', 'consent-obtained', '5 minutes', '6.3'],
  ['sc-5', 'state-corporation-operator', 'forwarded-to-provider', '1 days', '6.4'],
  ['sc-6', 'provider', 'result-prepared', '13 working-days', '6.5'],
  ['sc-7', 'state-corporation-operator', 'issued', '10 minutes', '6.6'],
];
const PORTAL_STEPS: StepRow[] = [
  ['portal-1', 'applicant', 'system-processing', 'not-stated', '7.1'],
  ['portal-2', 'applicant', 'request-submitted', 'not-stated', '7.2'],
  ['portal-3', 'applicant', 'request-submitted', 'not-stated', '7.3'],
  ['portal-4', 'provider', 'request-processed', 'not-stated', '7.4'],
  ['portal-5', 'applicant', 'status-notified', 'not-stated', '7.5'],
  ['portal-6', 'provider', 'sent-to-portal', 'not-stated', '7.6'],
  ['portal-7', 'applicant', 'issued', 'not-stated', '7.7'],
];

describe.each([
  ['v1', v1],
  ['v2', v2],
])('externat permission %s', (_, v) => {
  it("is not accepted at the provider's office (paras 4 and 5)", () => {
    const office = channel(v, 'provider-office');
    expect(office).toMatchObject({ available: false, wording: 'full', steps: [] });
    expect(office.citation.paragraph).toBe('4');
    expect(office.citation.quote).toContain('не осуществляется');
  });

  it('runs through the State Corporation as para 6 says: 1 day to the provider, 13 working days there', () => {
    expect(channel(v, 'state-corporation')).toMatchObject({ available: true, wording: 'full' });
    expect(stepRows(v, 'state-corporation')).toEqual(SC_STEPS);
  });

  it('runs through the portal as para 7 says, with no durations', () => {
    expect(channel(v, 'portal')).toMatchObject({ available: true, wording: 'full' });
    expect(stepRows(v, 'portal')).toEqual(PORTAL_STEPS);
  });

  it('states no overall deadline, window or special rule', () => {
    expect(v.overallDeadline).toBeUndefined();
    expect(v.windows).toEqual([]);
    expect(v.specialRules).toEqual([]);
  });

  it('gives an extract of the order, electronically; the service form is electronic (partly automated) and/or paper', () => {
    expect(v.result.text.ru).toMatch(/^Выписка из приказа/);
    expect(v.result.form).toEqual(['electronic']);
    expect(v.form.kind).toEqual(['electronic', 'partially-automated', 'paper']);
    expect(v.refusalGrounds.map((g) => g.citation.paragraph)).toEqual(['6']);
  });
});

describe('externat permission: what the amendment of 21.12.2018 № 557 leaves unknown in v1', () => {
  it('names the provider only in v2 (para 1 is the only paragraph naming it)', () => {
    expect(v1.providerKind).toEqual([]);
    expect(v2.providerKind).toEqual(['local-executive-body']);
    expect(channel(v2, 'state-corporation').citation).toMatchObject({ paragraph: '1', subparagraph: '1' });
  });

  it("does not cite the changed para 1 for v1's channels", () => {
    for (const c of v1.channels) expect(c.citation.paragraph).not.toBe('1');
  });

  it('v1 runs 2016-08-05 – 2019-01-01, v2 2019-01-01 – 2020-02-09', () => {
    expect([v1.effectiveFrom.date, v1.effectiveTo?.date, v2.effectiveFrom.date, v2.effectiveTo?.date]).toEqual([
      '2016-08-05',
      '2019-01-01',
      '2019-01-01',
      '2020-02-09',
    ]);
  });
});
