import type { Principal } from '../auth/principal';
import type { Applicant, Representative } from '../cases/domain/case.events';
import { maskIin } from '../cases/domain/iin';

/**
 * Who sees an applicant's IIN and name, and what everyone else sees instead:
 * the one policy behind GET /cases/:id, the case history, the audit replay and the dossier.
 */

/** Roles that work with the applicant in person and may see the IIN and name. */
export const PERSONAL_DATA_ROLES = ['clerk', 'head', 'executor', 'state-corporation-operator', 'appeal-reviewer'] as const;

export const seesPersonalData = (principal: Principal): boolean =>
  principal.roles.some((r) => PERSONAL_DATA_ROLES.some((allowed) => allowed === r));

/** "Асель Нурлановна Сапарова" → "А. Н. С." (by code point: a letter outside the BMP stays whole). */
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

/** The person as is when visible; otherwise the name by initials and the IIN by its date part. */
export function maskPerson<P extends Person>(person: P, visible: boolean): P {
  if (visible) return person;
  return {
    ...person,
    name: initials(person.name),
    ...(person.iin !== undefined ? { iin: maskIin(person.iin) } : {}),
  };
}

export interface PersonalDataView {
  applicant: Applicant | null;
  representative: Representative | null;
  /** True when the caller's role does not see personal data (IIN shown by its date part, names by initials). */
  masked: boolean;
}

/** The applicant and representative as the caller may see them (audit replay and dossier). */
export function personalDataFor(
  principal: Principal,
  applicant: Applicant | undefined,
  representative: Representative | undefined,
): PersonalDataView {
  const visible = seesPersonalData(principal);
  return {
    applicant: applicant ? maskPerson(applicant, visible) : null,
    representative: representative ? maskPerson(representative, visible) : null,
    masked: !visible,
  };
}
