import { RegulationVersion } from '../../regulation.model';
import { addDays, squash } from '../seeds.spec-support';

/**
 * The legal frame both Astana regulations share (akimat decree 18.04.2016
 * № 107-749, registered 18.05.2016 № 1019, repealed by № 107-2157 of
 * 09.10.2020), and the effective dates it gives: ten full calendar days after
 * the first publication, which the text does not date, so the registration date
 * (for № 107-749) and the act's own date (for № 107-2157) are assumed.
 */
export function expectDecree107749Frame(v: RegulationVersion): void {
  expect(v.legal.approvingAct).toEqual({ body: 'Астана қаласы әкімдігі', kind: 'қаулы', date: '2016-04-18', number: '107-749' });
  expect(v.legal.registration).toEqual({ body: 'Астана қаласының Әділет департаменті', date: '2016-05-18', number: '1019' });
  expect(v.legal.amendments).toEqual([]);
  expect(v.legal.repeal?.act).toEqual({ body: 'Нұр-Сұлтан қаласы әкімдігі', kind: 'қаулы', date: '2020-10-09', number: '107-2157' });
  expect(v.legal.repeal!.citation.paragraph).toBe('Ескерту');
  expect(squash(v.legal.repeal!.citation.quote)).toContain('күнтізбеліконкүнөткенсоң');

  expect(v.effectiveFrom).toMatchObject({ date: addDays('2016-05-18', 11), basis: 'assumed' }); // registration date + 11
  expect(v.effectiveFrom.date).toBe('2016-05-29');
  expect(v.legal.repeal!.effectiveFrom).toMatchObject({ date: addDays(v.legal.repeal!.act.date, 11), basis: 'assumed' });
  expect(v.effectiveTo).toMatchObject({ date: '2020-10-20', basis: 'assumed' });
  expect(v.wording.kind).toBe('consolidated');
}
