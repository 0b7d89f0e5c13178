import { Principal, Role } from '../../auth/principal';
import { ProblemError } from '../../common/problem';

/** What the policy needs to know about a case: taken from its own events. */
export interface CaseParties {
  region: string;
  providerOrganisation?: string;
  stateCorporationOrganisation?: string;
}

/** Read any case of their region: complaints and oversight. */
export const REGIONAL_AUDITORS: readonly Role[] = ['appeal-reviewer', 'oversight'];
/** Read the cases of their own organisation (the provider, or the State Corporation office that received it). */
export const CASE_STAFF: readonly Role[] = ['clerk', 'head', 'executor', 'state-corporation-operator'];
/** Read who looked at a case. */
export const ACCESS_LOG_READERS: readonly Role[] = ['oversight', 'appeal-reviewer', 'admin'];

export type AccessDecision =
  | { allowed: true; role: Role; basis: 'regional-auditor' | 'own-organisation' }
  | { allowed: false; role: Role; reason: string };

/**
 * Who may replay, verify or read the dossier of a case. Admins are not in the
 * list: they run the service, not the appeal (they read the access log).
 */
export function decideCaseAccess(principal: Principal, parties: CaseParties): AccessDecision {
  const fallbackRole = principal.roles[0];
  if (principal.region !== parties.region) {
    return { allowed: false, role: fallbackRole, reason: `The case belongs to ${parties.region}; the caller works in ${principal.region}` };
  }
  const auditor = principal.roles.find((r) => REGIONAL_AUDITORS.includes(r));
  if (auditor) return { allowed: true, role: auditor, basis: 'regional-auditor' };
  const own = principal.organisation === parties.providerOrganisation || principal.organisation === parties.stateCorporationOrganisation;
  const staff = principal.roles.find((r) => CASE_STAFF.includes(r));
  if (staff && own) return { allowed: true, role: staff, basis: 'own-organisation' };
  return {
    allowed: false,
    role: staff ?? fallbackRole,
    reason: staff ? 'The case belongs to another organisation' : `The roles ${principal.roles.join(', ')} do not read case audits`,
  };
}

export function assertCanReadAccessLog(principal: Principal, parties: CaseParties): Role {
  const role = principal.roles.find((r) => ACCESS_LOG_READERS.includes(r));
  if (!role) throw new ProblemError(403, 'role-not-allowed', `This action needs one of the roles: ${ACCESS_LOG_READERS.join(', ')}`);
  if (principal.region !== parties.region) throw new ProblemError(403, 'case-not-visible', `The case belongs to ${parties.region}`);
  return role;
}
