import type { Principal, Role } from '../../auth/principal';
import { ProblemError } from '../../common/problem';
import type { Region } from '../../regulations/regulation.model';

const PROVIDER_STAFF: Role[] = ['clerk', 'head', 'executor'];

/** Which rows a principal may see; undefined lists mean "not restricted by that column". */
export interface QueueScope {
  region: Region;
  /** Rows whose provider_org is in here OR whose sc_org is in scOrganisations. */
  providerOrganisations?: string[];
  scOrganisations?: string[];
  /** Oversight narrowing to one organisation (provider or State Corporation). */
  organisation?: string;
  assignee?: string;
}

/**
 * Staff see their own organisation: provider staff the cases it provides,
 * State Corporation operators the cases their office received. Oversight sees
 * its region. Everyone stays in their own region.
 */
export function queueScopeFor(principal: Principal, filters: { organisation?: string; assignee?: string }): QueueScope {
  const assignee = filters.assignee === 'me' ? principal.userId : filters.assignee;
  if (principal.roles.includes('oversight')) {
    return { region: principal.region, organisation: filters.organisation, assignee };
  }
  const provider = principal.roles.some((r) => PROVIDER_STAFF.includes(r));
  const sc = principal.roles.includes('state-corporation-operator');
  if (!provider && !sc) throw new ProblemError(403, 'role-not-allowed', 'The work queue is for staff and oversight');
  if (filters.organisation !== undefined && filters.organisation !== principal.organisation) {
    throw new ProblemError(403, 'organisation-out-of-scope', `Staff see only their own organisation (${principal.organisation})`);
  }
  return {
    region: principal.region,
    ...(provider ? { providerOrganisations: [principal.organisation] } : { providerOrganisations: [] }),
    ...(sc ? { scOrganisations: [principal.organisation] } : { scOrganisations: [] }),
    assignee,
  };
}
