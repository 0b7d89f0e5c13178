import { RegulationVersion } from '../../regulation.model';
import { findUncitedQuotes, readSeedText, squash } from '../seeds.spec-support';

/** Seed 004 (Russian): decree № 54 of 01.03.2016, which reworded the regulations of decree № 169 whole. */
export const SEED_004 = '004_d30286abce26138d.txt';
export const seed004Text = readSeedText(SEED_004);
const squashedText = squash(seed004Text);

/** The seed states `quote` (whitespace ignored: the extraction breaks lines). */
export const inSeed004 = (quote: string): boolean => squashedText.includes(squash(quote));

/** Every quote stands in the seed, and every stated step duration quotes its number. */
export function expectQuotesFromSeed004(v: RegulationVersion): void {
  expect(findUncitedQuotes(v, seed004Text)).toEqual([]);
  for (const s of v.channels.flatMap((c) => c.steps)) {
    if (s.duration.kind === 'stated') expect(squash(s.duration.citation.quote)).toContain(String(s.duration.value));
  }
}

/**
 * The legal frame the seed-004 regulations share: approved by decree № 169 of
 * 07.07.2015 (registration № 3974, its date not in the seed), reworded whole by
 * № 54 (registered 01.04.2016 № 4314; in effect 2016-04-12, assumed), repealed by № 120 of 01.06.2020.
 */
export function expectDecree54Frame(
  v: RegulationVersion,
  own: { appendix: string; amendmentSubparagraph: string; paragraphsReworded: number; serviceName: string },
): void {
  expect(v.legal.approvingAct).toEqual({
    body: 'акимат Западно-Казахстанской области',
    kind: 'постановление',
    date: '2015-07-07',
    number: '169',
  });
  // № 169: the number the seed gives (п. 1 of decree № 54), no date; № 54: the seed's heading.
  expect(v.legal.registration).toEqual({ body: 'Реестр государственной регистрации нормативных правовых актов', number: '3974' });
  expect(inSeed004('(зарегистрированное в Реестре государственной регистрации нормативных правовых актов под № 3974,')).toBe(true);
  expect(v.legal.amendments).toHaveLength(1);
  const [a] = v.legal.amendments;
  expect(a.registration).toEqual({ body: 'Департамент юстиции Западно-Казахстанской области', date: '2016-04-01', number: '4314' });
  expect(
    inSeed004('от 1 марта 2016 года № 54. Зарегистрировано Департаментом юстиции Западно-Казахстанской области 1 апреля 2016 года № 4314.'),
  ).toBe(true);
  expect(a.act).toMatchObject({ date: '2016-03-01', number: '54' });
  expect(a.paragraphsReworded).toEqual(Array.from({ length: own.paragraphsReworded }, (_, i) => String(i + 1)));
  expect(a.citation).toMatchObject({ paragraph: '1', subparagraph: own.amendmentSubparagraph });
  expect(a.citation.appendix).toBeUndefined();
  expect(a.effectiveFrom).toMatchObject({ date: '2016-04-12', basis: 'assumed' });
  expect(v.legal.repeal?.act).toMatchObject({ date: '2020-06-01', number: '120' });
  expect(v.legal.repeal?.effectiveFrom).toMatchObject({ date: '2020-06-01', basis: 'assumed' });
  expect(v.source).toEqual({ file: SEED_004, language: 'ru', appendix: own.appendix });
  expect(v.service.name.ru).toBe(own.serviceName);
}
