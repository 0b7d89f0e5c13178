import type { Principal } from '../../auth/principal';
import { maskIin } from '../../cases/domain/iin';

/** Roles that work with the applicant in person and see the IIN and name (the same list as GET /cases/:id). */
const PERSONAL_DATA_ROLES: readonly string[] = ['clerk', 'head', 'executor', 'state-corporation-operator', 'appeal-reviewer'];

export const seesPersonalData = (principal: Principal): boolean => principal.roles.some((r) => PERSONAL_DATA_ROLES.includes(r));

/** "Асель Нурлановна Сапарова" → "А. Н. С." */
export const initials = (name: string): string =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .map((part) => `${[...part][0]}.`)
    .join(' ');

export interface Person {
  name: string;
  iin?: string;
}

export function maskPerson<P extends Person>(person: P, visible: boolean): P {
  if (visible) return person;
  return { ...person, name: initials(person.name), ...(person.iin !== undefined ? { iin: maskIin(person.iin) } : {}) };
}
