import { Principal } from '../auth/principal';
import { CaseState, ReceivedCase } from './domain/case.state';
import { maskIin } from './domain/iin';
import { partiesOf } from './domain/case-visibility';
import { assertCanSee, caseNotFoundProblem } from './case-access';

/** Roles that work with the applicant in person and may see the IIN and name. */
export const PERSONAL_DATA_ROLES = ['clerk', 'head', 'executor', 'state-corporation-operator', 'appeal-reviewer'] as const;

export const seesPersonalData = (principal: Principal): boolean =>
  principal.roles.some((r) => (PERSONAL_DATA_ROLES as readonly string[]).includes(r));

export const initials = (name: string): string =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .map((part) => `${part[0]}.`)
    .join(' ');

/** Who may read a case: see caseVisibility. A case before its receipt is not found. */
export function assertCanRead(principal: Principal, state: CaseState): asserts state is ReceivedCase {
  assertCanSee(principal, partiesOf(state));
  if (state.status === 'new') throw caseNotFoundProblem();
}

/** The current state as clients see it, personal data masked for roles that do not need it. */
export function caseView(state: ReceivedCase, revision: number, principal: Principal) {
  const plan = state.plan;
  const personal = seesPersonalData(principal);
  return {
    caseId: state.caseId,
    revision,
    status: state.status,
    regulation: { versionId: plan.regulationVersionId, region: plan.region, service: plan.service, channel: plan.channel },
    providerOrganisation: state.providerOrganisation,
    stateCorporationOrganisation: state.stateCorporationOrganisation,
    applicant: state.applicant
      ? personal
        ? state.applicant
        : { iin: maskIin(state.applicant.iin), name: initials(state.applicant.name) }
      : undefined,
    representative: state.representative && personal ? state.representative : undefined,
    receivedAt: state.receivedAt,
    currentStep: state.current ?? null,
    currentSince: state.currentSince,
    overallDeadline: state.overall ?? null,
    executorId: state.executorId,
    resultLocation: state.resultLocation,
    appeals: state.appeals,
    steps: plan.steps.map((s, index) => ({
      stepId: s.id,
      action: s.action,
      role: s.role,
      done: index < state.cursor,
      duration: s.duration,
      citation: s.citation,
    })),
  };
}
