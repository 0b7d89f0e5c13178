/**
 * Shared checks for the specs of the West Kazakhstan TVET regulations encoded from
 * seed 003 (Kazakh): load a version file, its seed text, and the citation checks
 * every version must pass.
 */
import { Duration, DurationUnit, RegulationVersion, Step } from '../../regulation.model';
import { addDays, channelOf, loadVersionFile, readSeedText, squash } from '../seeds.spec-support';

export { addDays, channelOf };

export const SEED_FILE = '003_0ac0768224471a7f.txt';

export const seedText = (): string => readSeedText(SEED_FILE);
export const loadVersion = (file: string): RegulationVersion => loadVersionFile(__dirname, file);

/** The word the Kazakh text uses for each unit, as it must appear right after the number. */
const UNIT_WORDS: Record<DurationUnit, string> = {
  minutes: 'минут',
  hours: 'сағат',
  'working-days': 'жұмыс күн',
  'calendar-days': 'күнтізбелік күн',
  days: 'күн',
  months: 'ай',
};

/** All stated durations anywhere in the version (steps, deadline, special rules). */
export function statedDurations(version: RegulationVersion): Array<Extract<Duration, { kind: 'stated' }>> {
  const found: Array<Extract<Duration, { kind: 'stated' }>> = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value !== null && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      if (record.kind === 'stated' && typeof record.value === 'number')
        found.push(record as unknown as Extract<Duration, { kind: 'stated' }>);
      Object.values(record).forEach(walk);
    }
  };
  walk(version);
  return found;
}

/**
 * True when the duration's quote states the number followed by its unit, allowing the
 * number spelled out in brackets: "30 (отыз) минут", "(2 минут ішінде)", "1 (бір) жұмыс күні".
 */
export function quoteStatesDuration(duration: Extract<Duration, { kind: 'stated' }>): boolean {
  const quote = duration.citation.quote.replace(/\s+/g, ' ');
  const pattern = new RegExp(`(^|[^0-9])${duration.value}( \\([^)]*\\))? ${UNIT_WORDS[duration.unit]}`);
  return pattern.test(quote);
}

/** A step reduced to the facts the specs compare against the text. */
export function stepFacts(step: Step): Array<string | number | undefined> {
  const d = step.duration;
  return [
    step.id,
    step.role,
    step.roleBasis,
    step.action,
    d.kind === 'stated' ? d.value : 'not-stated',
    d.kind === 'stated' ? d.unit : undefined,
    step.citation.paragraph,
    step.citation.subparagraph,
    step.branch,
  ];
}

/**
 * The legal facts common to the three regulations of resolution No. 188: approving act,
 * registration and repeal, with the effective-date rules the text states.
 */
export function expectResolution188Facts(version: RegulationVersion, text: string): void {
  const squashed = squash(text);
  expect(version.legal.approvingAct).toEqual({ body: 'Батыс Қазақстан облысы әкімдігі', kind: 'қаулы', date: '2015-07-21', number: '188' });
  expect(squashed).toContain(squash('Батыс Қазақстан облысы әкімдігінің 2015 жылғы 21 шілдедегі № 188 қаулысы.'));
  expect(version.legal.registration).toEqual({ body: 'Батыс Қазақстан облысының Әділет департаменті', date: '2015-08-28', number: '4013' });
  expect(squashed).toContain(squash('Әділет департаментінде 2015 жылғы 28 тамызда № 4013 болып тіркелді'));

  // Act paragraph 5: ten full calendar days after first publication; publication not in the text.
  expect(squashed).toContain(
    squash('5. Осы қаулы алғашқы ресми жарияланған күнінен кейін күнтізбелік он күн өткен соң қолданысқа енгізіледі'),
  );
  const repeal = version.legal.repeal!;
  expect(repeal.act).toEqual({ body: 'Батыс Қазақстан облысы әкімдігі', kind: 'қаулы', date: '2020-06-01', number: '120' });
  expect(repeal.citation.paragraph).toBe('Ескерту');
  expect(repeal.citation.appendix).toBeUndefined();
  expect(squash(repeal.citation.quote)).toContain(squash('01.06.2020 № 120 қаулысымен (алғашқы ресми жарияланған күнінен бастап'));
  // "from the day of first publication": the publication date itself, assumed = the act's date.
  expect(repeal.effectiveFrom).toMatchObject({ date: '2020-06-01', basis: 'assumed' });
}

export const RESOLUTION_188_EFFECTIVE = addDays('2015-08-28', 11);

/**
 * The appeal clause ("шағымдану ... стандарттың 3-бөліміне"), recorded as a special rule
 * like the other West Kazakhstan regulations: its quote must stand in the seed right after
 * the paragraph number cited, so the number is checked against the text, not a table.
 */
export function expectAppealClause(version: RegulationVersion, text: string, appendix: string, paragraph: string): void {
  const appeals = version.specialRules.filter((r) => r.kind === 'other' && r.citation.quote.includes('шағымдану'));
  expect(appeals).toHaveLength(1);
  const [appeal] = appeals;
  expect(appeal.citation).toMatchObject({ appendix, paragraph });
  expect(squash(appeal.citation.quote)).toContain(squash('шағымдану тәртібі стандарттың  сәйкес 3-бөліміне жүзеге асырылады'));
  expect(squash(text)).toContain(squash(`${paragraph}. ${appeal.citation.quote}`));
  expect(appeal.kind === 'other' && appeal.text.kk).toContain('стандарттың 3-бөліміне сәйкес');
}
