import { CaseRuleViolation } from './case-error';

/** Who is asking, as the token says. */
export interface Viewer {
  roles: readonly string[];
  organisation: string;
  region: string;
}

/** The parties of a case, from its receipt: every read model keeps them. */
export interface CaseParties {
  region: string;
  providerOrganisation?: string;
  /** Only for a case received through a State Corporation office. */
  stateCorporationOrganisation?: string;
}

/** Staff of the provider: they see the cases their organisation provides. */
export const PROVIDER_STAFF = ['clerk', 'head', 'executor'] as const;
/** Staff of a State Corporation office: they see the cases their office received. */
export const STATE_CORPORATION_STAFF = ['state-corporation-operator'] as const;
/** Roles that see every case of their own region (admins masked, like oversight). */
export const REGIONAL_READERS = ['oversight', 'appeal-reviewer', 'admin'] as const;

export type VisibilityBasis = 'provider-staff' | 'state-corporation-staff' | 'regional';
export type Visibility = { visible: true; basis: VisibilityBasis[] } | { visible: false };

const holds = (viewer: Viewer, roles: readonly string[]) => viewer.roles.some((r) => roles.includes(r));

/**
 * The one rule for every case route, read or write: a case exists for a caller
 * only if the caller works in the case's region and is staff of its provider,
 * staff of the State Corporation office that received it, or a regional
 * reader. What the caller may then do is the route's and the regulation's to say.
 */
export function caseVisibility(viewer: Viewer, parties: CaseParties): Visibility {
  if (viewer.region !== parties.region) return { visible: false };
  const basis: VisibilityBasis[] = [];
  if (parties.providerOrganisation !== undefined && viewer.organisation === parties.providerOrganisation && holds(viewer, PROVIDER_STAFF)) {
    basis.push('provider-staff');
  }
  if (
    parties.stateCorporationOrganisation !== undefined &&
    viewer.organisation === parties.stateCorporationOrganisation &&
    holds(viewer, STATE_CORPORATION_STAFF)
  ) {
    basis.push('state-corporation-staff');
  }
  if (holds(viewer, REGIONAL_READERS)) basis.push('regional');
  return basis.length > 0 ? { visible: true, basis } : { visible: false };
}

export const CASE_NOT_FOUND = { code: 'case-not-found', detail: 'No such case' } as const;

/**
 * The answer for a missing case and for a case the caller may not see: the
 * same code and words, so the answer never tells which ids exist (nor where).
 */
export const caseNotFound = (): CaseRuleViolation => new CaseRuleViolation('not-found', CASE_NOT_FOUND.code, CASE_NOT_FOUND.detail);

/** Throws case-not-found unless the case exists and the caller may see it. */
export function requireVisible(viewer: Viewer, parties: CaseParties | undefined): VisibilityBasis[] {
  if (!parties) throw caseNotFound();
  const visibility = caseVisibility(viewer, parties);
  if (!visibility.visible) throw caseNotFound();
  return visibility.basis;
}

/** The parties of a folded case; undefined before its receipt. */
export function partiesOf(state: {
  plan?: { region: string };
  providerOrganisation?: string;
  stateCorporationOrganisation?: string;
}): CaseParties | undefined {
  if (!state.plan) return undefined;
  return {
    region: state.plan.region,
    ...(state.providerOrganisation !== undefined ? { providerOrganisation: state.providerOrganisation } : {}),
    ...(state.stateCorporationOrganisation !== undefined ? { stateCorporationOrganisation: state.stateCorporationOrganisation } : {}),
  };
}
