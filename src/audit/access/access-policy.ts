import { Principal, Role } from '../../auth/principal';
import { caseNotFoundProblem } from '../../cases/case-access';
import { CaseParties, caseVisibility } from '../../cases/domain/case-visibility';

/** Read any case of their region: complaints and oversight. */
export const REGIONAL_AUDITORS: readonly Role[] = ['appeal-reviewer', 'oversight'];
/** Read the cases of their own organisation (the provider, or the State Corporation office that received it). */
export const CASE_STAFF: readonly Role[] = ['clerk', 'head', 'executor', 'state-corporation-operator'];
/** Read who looked at a case. */
export const ACCESS_LOG_READERS: readonly Role[] = ['oversight', 'appeal-reviewer', 'admin'];

/**
 * hidden: the case does not exist for the caller (answered like a missing case);
 * otherwise the caller sees the case but their role does not read its audit.
 */
export type AccessDecision =
  | { allowed: true; role: Role; basis: 'regional-auditor' | 'own-organisation' }
  | { allowed: false; role: Role; hidden: boolean; reason: string };

/**
 * Who may replay, verify or read the dossier of a case: whoever sees the case
 * (the one visibility rule) in an auditing or staff role. Admins see the case
 * but are not in the list: they run the service, not the appeal (they read the
 * access log).
 */
export function decideCaseAccess(principal: Principal, parties: CaseParties): AccessDecision {
  const fallbackRole = principal.roles[0];
  const visibility = caseVisibility(principal, parties);
  if (!visibility.visible) return { allowed: false, role: fallbackRole, hidden: true, reason: 'The case is not visible to the caller' };
  const auditor = visibility.basis.includes('regional') ? principal.roles.find((r) => REGIONAL_AUDITORS.includes(r)) : undefined;
  if (auditor) return { allowed: true, role: auditor, basis: 'regional-auditor' };
  const own = visibility.basis.includes('provider-staff') || visibility.basis.includes('state-corporation-staff');
  const staff = principal.roles.find((r) => CASE_STAFF.includes(r));
  if (staff && own) return { allowed: true, role: staff, basis: 'own-organisation' };
  return { allowed: false, role: fallbackRole, hidden: false, reason: `The roles ${principal.roles.join(', ')} do not read case audits` };
}

/** The access log: oversight, appeal reviewers and admins who see the case. */
export function assertCanReadAccessLog(principal: Principal, parties: CaseParties | undefined): Role {
  const role = principal.roles.find((r) => ACCESS_LOG_READERS.includes(r));
  if (!parties || !role || !caseVisibility(principal, parties).visible) throw caseNotFoundProblem();
  return role;
}
