import { Applicant, Representative } from '../cases/domain/case.events';
import { isValidIin } from '../cases/domain/iin';

/** A seeded pseudo-random source in [0, 1). */
export type Prng = () => number;

/** mulberry32: small, fast and the same on every platform; enough for demo data, not for secrets. */
export function mulberry32(seed: number): Prng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The stream of case `index`: independent of every other case, so a larger count extends a smaller one. */
export const prngFor = (seed: number, index: number): Prng =>
  mulberry32((Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b)) >>> 0);

const pick = <T>(prng: Prng, items: readonly T[]): T => items[Math.floor(prng() * items.length)];
const pad = (n: number, width: number) => String(n).padStart(width, '0');

const SURNAMES = [
  'Ахметов',
  'Нурланов',
  'Сериков',
  'Иванов',
  'Касымов',
  'Жумабаев',
  'Ким',
  'Оспанов',
  'Петров',
  'Бекенов',
  'Абдрахманов',
  'Садыков',
];
const MALE = ['Алихан', 'Нурсултан', 'Данияр', 'Арман', 'Ерлан', 'Иван', 'Тимур', 'Азамат', 'Руслан', 'Максим'];
const FEMALE = ['Айгерим', 'Дана', 'Асель', 'Мадина', 'Анна', 'Жанна', 'Камила', 'Алия', 'Сабина', 'Мария'];

/** A fictitious person: a name and an IIN with a valid check digit (the date part encodes the birth date and sex). */
function person(prng: Prng, bornFrom: number, bornTo: number): Applicant {
  const female = prng() < 0.5;
  const year = bornFrom + Math.floor(prng() * (bornTo - bornFrom + 1));
  const date = `${pad(year % 100, 2)}${pad(1 + Math.floor(prng() * 12), 2)}${pad(1 + Math.floor(prng() * 28), 2)}`;
  const century = (year >= 2000 ? 5 : 3) + (female ? 1 : 0);
  const surname = pick(prng, SURNAMES);
  const name = `${female && !surname.endsWith('Ким') ? `${surname}а` : surname} ${pick(prng, female ? FEMALE : MALE)}`;
  for (;;) {
    const body = `${date}${century}${pad(Math.floor(prng() * 10000), 4)}`;
    for (let check = 0; check <= 9; check++) {
      if (isValidIin(`${body}${check}`)) return { iin: `${body}${check}`, name };
    }
  }
}

/** Applicants: pupils and graduates born 1995..2012. */
export const applicantFor = (prng: Prng): Applicant => person(prng, 1995, 2012);

/** A parent or other representative with a notarised power of attorney dated up to a month before the receipt day. */
export function representativeFor(prng: Prng, receivedOn: string): Representative {
  const adult = person(prng, 1965, 1990);
  const dated = new Date(Date.parse(`${receivedOn}T00:00:00Z`) - Math.floor(prng() * 30) * 24 * 3600 * 1000).toISOString().slice(0, 10);
  return {
    name: adult.name,
    iin: adult.iin,
    powerOfAttorney: { number: `${pad(1 + Math.floor(prng() * 9999), 4)}/Н`, date: dated, notarised: true },
  };
}
