import { collectCitations } from '../../catalog/citations';
import { Channel, RegulationVersion, Step } from '../../regulation.model';
import { channelOf, findUncitedQuotes, loadVersionFile, readSeedText, squash } from '../seeds.spec-support';
import { expectDecree107749Frame } from './decree-107-749.spec-support';

/** Astana, appendix 1 of akimat decree 18.04.2016 № 107-749 (kk): duplicates of school certificates. */
const FILE = 'secondary-education-duplicates.v1.json';
const text = readSeedText('000_11a4cf1126f14b70.txt');
const v: RegulationVersion = loadVersionFile(__dirname, FILE);
const channel = (c: Channel) => channelOf(v, c);

/** [id, role, roleBasis, action, value, unit, paragraph, text the quote must hold (whitespace removed)] */
type Expected = [string, Step['role'], Step['roleBasis'], Step['action'], number | null, string | null, string, string];

describe('astana/secondary-education-duplicates/v1', () => {
  it('is the Astana duplicates regulation, appendix 1 of the Kazakh seed', () => {
    expect(v.id).toBe('astana/secondary-education-duplicates/v1');
    expect(v.region).toBe('astana');
    expect(v.version).toBe(1);
    expect(v.source).toEqual({ file: '000_11a4cf1126f14b70.txt', language: 'kk', appendix: '1' });
    expect(v.service.name.kk).toBe('Негізгі орта, жалпы орта білім туралы құжаттардың телнұсқаларын беру');
    expect(v.providerKind).toEqual(['school']);
  });

  it('quotes only what the seed text says', () => {
    const citations = collectCitations(v);
    expect(citations.length).toBeGreaterThan(10);
    expect(findUncitedQuotes(v, text)).toEqual([]);
    for (const { field, citation } of citations) {
      if (field.startsWith('legal')) expect(citation.appendix).toBeUndefined();
      else expect(citation.appendix).toBe('1');
    }
  });

  it('carries decree № 107-749, its registration and repeal, in effect ten full calendar days after each assumed publication', () => {
    expectDecree107749Frame(v);
    expect(squash(v.legal.repeal!.citation.quote)).toContain('09.10.2020№107-');
  });

  it('is a paper service whose result is the duplicate certificate or attestat', () => {
    expect(v.form.kind).toEqual(['paper']);
    expect(v.form.citation.paragraph).toBe('2');
    expect(v.result.form).toEqual(['paper']);
    expect(v.result.citation.paragraph).toBe('3');
    expect(squash(v.result.citation.quote)).toContain('куәліктіңтелнұсқасын');
    expect(squash(v.result.citation.quote)).toContain('аттестаттыңтелнұсқасын');
    expect(v.refusalGrounds).toEqual([]);
  });

  it('accepts applications at the provider and the State Corporation, not on the portal', () => {
    expect(v.channels.map((c) => [c.channel, c.available, c.wording])).toEqual([
      ['provider-office', true, 'full'],
      ['state-corporation', true, 'full'],
      ['portal', false, 'full'],
    ]);
    const portal = channel('portal');
    expect(portal.citation.paragraph).toBe('1');
    expect(portal.steps).toEqual([]);
    expect(portal.note).toMatch(/does not list/);
    expect(squash(portal.citation.quote)).not.toMatch(/портал|egov/i);
  });

  it('encodes the provider procedures of para 5 with their roles and durations', () => {
    const expected: Expected[] = [
      ['office-1', 'executor', 'stated', 'registered', 15, 'minutes', '5', 'құжаттардытапсырғанкүні15(онбес)минутішінде'],
      ['office-2', 'executor', 'stated', 'forwarded-to-provider', 3, 'working-days', '5', 'білімберуұйымынатапсыруы–3(үш)жұмыскүн'],
      ['office-3', 'deputy-head', 'stated', 'documents-reviewed', 3, 'working-days', '5', 'басшысыорынбасарының'],
      ['office-4', 'head', 'stated', 'signed', 3, 'working-days', '5', 'нәтижесінеқолқоюы–3(үш)жұмыскүн'],
      [
        'office-5',
        'head',
        'stated',
        'result-prepared',
        3,
        'working-days',
        '5',
        'Басқарма)мемлекеттікқызметкөрсетудіңқолқойылғаннәтижесінжіберуі–3(үш)жұмыскүн',
      ],
      ['office-6', 'executor', 'inferred', 'issued', 3, 'working-days', '5', 'телнұсқасынкөрсетілетінқызметтіалушығаберу–3(үш)жұмыскүн'],
    ];
    expectSteps(channel('provider-office').steps, expected);
  });

  it('encodes the State Corporation channel only as the text gives it, without durations', () => {
    const expected: Expected[] = [
      ['sc-1', 'state-corporation-operator', 'inferred', 'received', null, null, '9', 'Мемлекеттіккорпорацияғажүгінеді'],
      ['sc-2', 'state-corporation-operator', 'inferred', 'issued', null, null, '9', 'мерзіміаяқталғаннансоң'],
    ];
    expectSteps(channel('state-corporation').steps, expected);
    expect(channel('state-corporation').steps.map((s) => s.citation.subparagraph)).toEqual(['1', '2']);
  });

  it('has an overall deadline of 15 working days that the provider steps add up to', () => {
    expect(v.overallDeadline).toMatchObject({ kind: 'stated', value: 15, unit: 'working-days' });
    const deadline = v.overallDeadline as Extract<RegulationVersion['overallDeadline'], { kind: 'stated' }>;
    expect(deadline.citation.paragraph).toBe('5');
    expect(squash(deadline.citation.quote)).toContain('Мемлекеттіккорпорацияғаөтінішбергенкезде');
    expect(squash(deadline.citation.quote)).toContain('15(онбес)жұмыскүні');
    const workingDays = channel('provider-office')
      .steps.map((s) => s.duration)
      .filter((d) => d.kind === 'stated' && d.unit === 'working-days')
      .reduce((sum, d) => sum + (d.kind === 'stated' ? d.value : 0), 0);
    expect(workingDays).toBe(15);
  });

  it('states no windows and no special rules', () => {
    expect(v.windows).toEqual([]);
    expect(v.specialRules).toEqual([]);
  });
});

function expectSteps(steps: Step[], expected: Expected[]): void {
  expect(steps.map((s) => s.id)).toEqual(expected.map((e) => e[0]));
  steps.forEach((s, i) => {
    const [, role, roleBasis, action, value, unit, paragraph, fragment] = expected[i];
    expect({ id: s.id, role: s.role, roleBasis: s.roleBasis, action: s.action, paragraph: s.citation.paragraph }).toEqual({
      id: s.id,
      role,
      roleBasis,
      action,
      paragraph,
    });
    expect(squash(s.citation.quote)).toContain(fragment);
    if (value === null) {
      expect(s.duration.kind).toBe('not-stated');
    } else {
      expect(s.duration).toMatchObject({ kind: 'stated', value, unit });
      if (s.duration.kind === 'stated') {
        expect(s.duration.citation.paragraph).toBe(paragraph);
        expect(squash(s.duration.citation.quote)).toContain(`${value}(`);
      }
    }
  });
}
