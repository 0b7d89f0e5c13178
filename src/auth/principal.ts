import { REGIONS, Region } from '../regulations/regulation.model';

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

export function toPrincipal(claims: unknown): Principal | undefined {
  const c = claims as Partial<TokenClaims> | null;
  if (!c || typeof c.sub !== 'string' || c.sub === '') return undefined;
  if (!Array.isArray(c.roles) || c.roles.length === 0 || !c.roles.every((r) => (ROLES as readonly string[]).includes(r))) return undefined;
  if (typeof c.org !== 'string' || c.org === '') return undefined;
  if (!(REGIONS as readonly string[]).includes(c.region as string)) return undefined;
  return { userId: c.sub, roles: c.roles, organisation: c.org, region: c.region as Region };
}
