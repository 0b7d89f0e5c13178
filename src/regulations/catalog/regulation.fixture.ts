import { Citation, RegulationVersion, Step } from '../regulation.model';

/** A small, valid version for unit tests of code that consumes the catalog (not from a seed). */
export const cite = (paragraph: string, quote: string, subparagraph?: string): Citation => ({
  appendix: '1',
  paragraph,
  ...(subparagraph ? { subparagraph } : {}),
  quote,
});

const step = (
  id: string,
  role: Step['role'],
  action: Step['action'],
  value: number,
  unit: 'minutes' | 'hours' | 'working-days',
  sub: string,
  branch?: Step['branch'],
): Step => {
  const quote = `step ${id} ${value} ${unit}`;
  return {
    id,
    role,
    roleBasis: 'stated',
    action,
    description: { ru: `шаг ${id}` },
    duration: { kind: 'stated', value, unit, citation: cite('5', quote, sub) },
    citation: cite('5', quote, sub),
    ...(branch ? { branch } : {}),
  };
};

export function fixtureVersion(overrides: Partial<RegulationVersion> = {}): RegulationVersion {
  return {
    id: 'kostanay-oblast/secondary-education-duplicates/v1',
    region: 'kostanay-oblast',
    service: {
      code: 'secondary-education-duplicates',
      name: { ru: 'Выдача дубликатов', kk: 'Телнұсқаларын беру' },
      nameTranslation: { lang: 'kk', note: 'fixture' },
    },
    providerKind: ['school'],
    version: 1,
    source: { file: 'fixture.txt', language: 'ru', appendix: '1' },
    legal: {
      approvingAct: { body: 'акимат', kind: 'постановление', date: '2016-06-21', number: '285' },
      amendments: [],
    },
    effectiveFrom: { date: '2016-08-05', basis: 'assumed', note: 'fixture' },
    effectiveTo: { date: '2020-02-09', basis: 'assumed', note: 'fixture' },
    wording: { kind: 'consolidated', note: 'fixture' },
    form: { kind: ['paper'], citation: cite('2', 'form paper') },
    result: { text: { ru: 'дубликат' }, citation: cite('3', 'result duplicate') },
    refusalGrounds: [],
    channels: [
      {
        channel: 'provider-office',
        available: true,
        wording: 'full',
        citation: cite('1', 'channels office'),
        steps: [
          step('office-1', 'clerk', 'registered', 15, 'minutes', '1'),
          step('office-2', 'head', 'visa-imposed', 3, 'hours', '2'),
          step('office-3', 'executor', 'draft-prepared', 13, 'working-days', '3'),
          step('office-4', 'head', 'signed', 3, 'hours', '4'),
          step('office-5', 'clerk', 'issued', 15, 'minutes', '5'),
        ],
      },
      {
        channel: 'state-corporation',
        available: true,
        wording: 'full',
        citation: cite('1', 'channels sc'),
        steps: [
          step('sc-1', 'state-corporation-operator', 'received', 5, 'minutes', '1'),
          step('sc-1r', 'state-corporation-operator', 'acceptance-refused', 3, 'minutes', '1', 'acceptance-refusal'),
          step('sc-2', 'state-corporation-operator', 'forwarded-to-provider', 1, 'working-days', '2'),
          step('sc-3', 'provider', 'result-prepared', 13, 'working-days', '3'),
          step('sc-4', 'state-corporation-operator', 'issued', 5, 'minutes', '4'),
        ],
      },
      { channel: 'portal', available: false, wording: 'full', citation: cite('10', 'not via portal'), steps: [] },
    ],
    windows: [],
    specialRules: [],
    notes: [],
    ...overrides,
  };
}

/** The fixture's quotes as a text, so citation checks pass on it. */
export function fixtureText(version: RegulationVersion): string {
  return JSON.stringify(version);
}
