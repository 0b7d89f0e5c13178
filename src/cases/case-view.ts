import { Principal } from '../auth/principal';
import { CaseState, ReceivedCase } from './domain/case.state';
import { maskPerson, seesPersonalData } from '../personal-data/personal-data-policy';
import { partiesOf } from './domain/case-visibility';
import { assertCanSee, caseNotFoundProblem } from './case-access';

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
    applicant: state.applicant ? maskPerson(state.applicant, personal) : undefined,
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
