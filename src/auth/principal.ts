import { isOneOf } from '../common/one-of';
import { isRegion, Region } from '../regulations/regulation.model';

export const ROLES = ['clerk', 'head', 'executor', 'state-corporation-operator', 'oversight', 'appeal-reviewer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling, from a verified bearer token; never from the request body. */
export interface Principal {
  userId: string;
  roles: Role[];
  organisation: string;
  region: Region;
}

export interface TokenClaims {
  sub: string;
  roles: Role[];
  org: string;
  region: Region;
}

export const isRole = (value: unknown): value is Role => isOneOf(ROLES, value);

/** A verified token's claims as a Principal; undefined unless every claim has its expected shape. */
export function toPrincipal(claims: unknown): Principal | undefined {
  if (typeof claims !== 'object' || claims === null) return undefined;
  const { sub, roles, org, region }: Partial<Record<keyof TokenClaims, unknown>> = claims;
  if (typeof sub !== 'string' || sub === '') return undefined;
  if (!Array.isArray(roles) || roles.length === 0) return undefined;
  const known = roles.filter(isRole);
  if (known.length !== roles.length) return undefined;
  if (typeof org !== 'string' || org === '') return undefined;
  if (!isRegion(region)) return undefined;
  return { userId: sub, roles: known, organisation: org, region };
}
