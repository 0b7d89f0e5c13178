import { Principal } from '../auth/principal';
import { initials, seesPersonalData } from '../cases/case-view';
import { Applicant, Representative } from '../cases/domain/case.events';
import { maskIin } from '../cases/domain/iin';

export interface PersonalDataView {
  applicant: Applicant | null;
  representative: Representative | null;
  /** True when the caller's role does not see personal data (IIN shown by its date part, names by initials). */
  masked: boolean;
}

/** The applicant as the caller may see them: in full for staff and appeal reviewers, masked otherwise. */
export function personalDataFor(principal: Principal, applicant: Applicant | undefined, representative: Representative | undefined): PersonalDataView {
  const full = seesPersonalData(principal);
  if (full) return { applicant: applicant ?? null, representative: representative ?? null, masked: false };
  return {
    applicant: applicant ? { iin: maskIin(applicant.iin), name: initials(applicant.name) } : null,
    representative: representative
      ? {
          name: initials(representative.name),
          ...(representative.iin ? { iin: maskIin(representative.iin) } : {}),
          powerOfAttorney: representative.powerOfAttorney,
        }
      : null,
    masked: true,
  };
}
