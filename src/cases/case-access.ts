import { ProblemError } from '../common/problem';
import { CASE_NOT_FOUND, CaseParties, caseVisibility, Viewer } from './domain/case-visibility';

/**
 * The one visibility rule (domain/case-visibility.ts) at the HTTP edge, for the
 * case routes, the read models and the audit: a missing case and a case the
 * caller may not see get the same answer, so no answer tells which ids exist.
 */
export const caseNotFoundProblem = (): ProblemError => new ProblemError(404, CASE_NOT_FOUND.code, CASE_NOT_FOUND.detail);

export function assertCanSee(viewer: Viewer, parties: CaseParties | undefined): void {
  if (!parties || !caseVisibility(viewer, parties).visible) throw caseNotFoundProblem();
}

/** Parties as the read models store them (null for "no State Corporation office"). */
export const partiesFromRow = (region: string, providerOrganisation: string, stateCorporationOrganisation: string | null): CaseParties => ({
  region,
  providerOrganisation,
  ...(stateCorporationOrganisation !== null ? { stateCorporationOrganisation } : {}),
});
