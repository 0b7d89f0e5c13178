import { collectCitations } from '../../catalog/citations';
import { Channel, RegulationVersion, Step } from '../../regulation.model';
import { channelOf, findUncitedQuotes, loadVersionFile, readSeedText, squash } from '../seeds.spec-support';
import { expectDecree107749Frame } from './decree-107-749.spec-support';

/** Astana, appendix 2 of akimat decree 18.04.2016 № 107-749 (kk): permission to study as an external student. */
const FILE = 'externat-permission.v1.json';
const text = readSeedText('000_11a4cf1126f14b70.txt');
const v: RegulationVersion = loadVersionFile(__dirname, FILE);
const channel = (c: Channel) => channelOf(v, c);

/** [id, role, roleBasis, action, value, unit, paragraph, text the quote must hold (whitespace removed), branch] */
type Expected = [string, Step['role'], Step['roleBasis'], Step['action'], number | null, string | null, string, string, Step['branch']?];

// Procedures 2–5 of para 5: the provider's work, shared by the State Corporation and (via para 8, 3)) the portal.
const providerProcedures = (prefix: 'sc' | 'portal', first: number): Expected[] => [
  [`${prefix}-${first}`, 'executor', 'stated', 'registered', 4, 'working-days', '5', 'қарауыжәнетіркеуі–4(төрт)жұмыскүні'],
  [`${prefix}-${first + 1}`, 'executor', 'stated', 'draft-prepared', 3, 'working-days', '5', 'бұйрықтыдайындауы–3(үш)жұмыскүні'],
  [`${prefix}-${first + 2}`, 'head', 'stated', 'signed', 3, 'working-days', '5', 'бұйрыққақолқоюы–3(үш)жұмыскүні'],
  [`${prefix}-${first + 3}`, 'executor', 'stated', 'result-prepared', 3, 'working-days', '5', 'бұйрықтыңүзіндісіндайындауы–3(үш)жұмыскүні'],
];

describe('astana/externat-permission/v1', () => {
  it('is the Astana externat regulation, appendix 2 of the Kazakh seed, provided by the city education department', () => {
    expect(v.id).toBe('astana/externat-permission/v1');
    expect(v.region).toBe('astana');
    expect(v.version).toBe(1);
    expect(v.source).toEqual({ file: '000_11a4cf1126f14b70.txt', language: 'kk', appendix: '2' });
    expect(v.service.name.kk).toBe('Негізгі орта, жалпы орта білім беру ұйымдарында экстернат нысанында оқуға рұқсат беру');
    expect(v.providerKind).toEqual(['city-education-department']);
  });

  it('quotes only what the seed text says', () => {
    const citations = collectCitations(v);
    expect(citations.length).toBeGreaterThan(15);
    expect(findUncitedQuotes(v, text)).toEqual([]);
    for (const { field, citation } of citations) {
      if (field.startsWith('legal')) expect(citation.appendix).toBeUndefined();
      else expect(citation.appendix).toBe('2');
    }
  });

  it('carries decree № 107-749, its registration and repeal, in effect ten full calendar days after each assumed publication', () => {
    expectDecree107749Frame(v);
  });

  it('is electronic (partially automated) and/or paper, resulting in a copy of the order', () => {
    expect(v.form.kind).toEqual(['electronic', 'partially-automated', 'paper']);
    expect(squash(v.form.citation.quote)).toContain('электрондық(ішінараавтоматтандырылған)және(немесе)қағаз');
    expect(v.result.citation.paragraph).toBe('3');
    expect(squash(v.result.citation.quote)).toContain('бұйрықтыңкөшірмесі');
    expect(v.result.form).toBeUndefined();
    expect(v.refusalGrounds).toEqual([]);
  });

  it('accepts applications at the State Corporation and on the portal, not at the provider office', () => {
    expect(v.channels.map((c) => [c.channel, c.available, c.wording])).toEqual([
      ['provider-office', false, 'full'],
      ['state-corporation', true, 'full'],
      ['portal', true, 'full'],
    ]);
    const office = channel('provider-office');
    expect(office.citation.paragraph).toBe('1');
    expect(office.steps).toEqual([]);
    expect(office.note).toMatch(/does not list/);
    expect(squash(office.citation.quote)).not.toContain('кеңсе');
  });

  it('encodes procedures 1–7 of para 5 on the State Corporation channel', () => {
    expectSteps(channel('state-corporation').steps, [
      ['sc-1', 'state-corporation-operator', 'stated', 'received', 15, 'minutes', '5', 'қабылданғандығытуралықолхат'],
      [
        'sc-1r',
        'state-corporation-operator',
        'stated',
        'acceptance-refused',
        15,
        'minutes',
        '5',
        'қабылдауданбастартутуралықолхатберуі–15(онбес)минут',
        'acceptance-refusal',
      ],
      ...providerProcedures('sc', 2),
      ['sc-6', 'executor', 'stated', 'sent-to-state-corporation', 2, 'working-days', '5', 'Мемлекеттіккорпорацияғажіберу–2(екі)жұмыскүні'],
      ['sc-7', 'state-corporation-operator', 'stated', 'issued', null, null, '5', 'көшірмесінкөрсетілетінқызметтіалушығаберуі'],
    ]);
  });

  it('encodes the portal of para 8 with procedures 2–5 of para 5 that its subparagraph 3) brings in', () => {
    expectSteps(channel('portal').steps, [
      ['portal-1', 'applicant', 'stated', 'request-submitted', null, null, '8', 'порталдатіркеледі'],
      ['portal-2', 'information-system', 'inferred', 'status-notified', null, null, '8', 'сұранымныңқабылданғанытуралыесеп-хабарлама'],
      ...providerProcedures('portal', 3),
      ['portal-7', 'provider', 'inferred', 'sent-to-portal', null, null, '8', 'ЭЦҚрасталғанэлектрондыққұжатнысанында'],
    ]);
    expect(squash(text)).toContain(squash('Регламенттің 5-тармағына сәйкес жүзеге асырылады'));
    expect(
      channel('portal')
        .steps.filter((s) => s.citation.paragraph === '8')
        .map((s) => s.citation.subparagraph),
    ).toEqual(['1', '2', '4']);
  });

  it('has an overall deadline of 15 working days that the State Corporation main path adds up to', () => {
    expect(v.overallDeadline).toMatchObject({ kind: 'stated', value: 15, unit: 'working-days' });
    const deadline = v.overallDeadline as Extract<RegulationVersion['overallDeadline'], { kind: 'stated' }>;
    expect(deadline.citation.paragraph).toBe('5');
    expect(squash(deadline.citation.quote)).toContain('порталғажүгінгенсәттенбастап15(онбес)жұмыскүні');
    const workingDays = channel('state-corporation')
      .steps.filter((s) => !s.branch)
      .map((s) => s.duration)
      .reduce((sum, d) => sum + (d.kind === 'stated' && d.unit === 'working-days' ? d.value : 0), 0);
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
    const [, role, roleBasis, action, value, unit, paragraph, fragment, branch] = expected[i];
    expect({ id: s.id, role: s.role, roleBasis: s.roleBasis, action: s.action, paragraph: s.citation.paragraph, branch: s.branch }).toEqual(
      {
        id: s.id,
        role,
        roleBasis,
        action,
        paragraph,
        branch,
      },
    );
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
