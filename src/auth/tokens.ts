import jwt from 'jsonwebtoken';
import { Principal, TokenClaims, toPrincipal } from './principal';

const ISSUER = 'kz-regulated-services';
const AUDIENCE = 'kz-regulated-services-api';

export function issueToken(principal: Principal, secret: string, expiresInSeconds = 8 * 3600): string {
  const claims: TokenClaims = { sub: principal.userId, roles: principal.roles, org: principal.organisation, region: principal.region };
  return jwt.sign(claims, secret, { algorithm: 'HS256', issuer: ISSUER, audience: AUDIENCE, expiresIn: expiresInSeconds });
}

export type VerifyOutcome = { ok: true; principal: Principal } | { ok: false; reason: 'expired' | 'invalid' | 'bad-claims' };

export function verifyToken(token: string, secret: string): VerifyOutcome {
  let claims: unknown;
  try {
    // Pin the algorithm: a token signed "none" or with another algorithm is refused.
    claims = jwt.verify(token, secret, { algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE });
  } catch (error) {
    return { ok: false, reason: (error as Error).name === 'TokenExpiredError' ? 'expired' : 'invalid' };
  }
  const principal = toPrincipal(claims);
  return principal ? { ok: true, principal } : { ok: false, reason: 'bad-claims' };
}
