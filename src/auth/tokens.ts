import jwt from 'jsonwebtoken';
import { Principal, TokenClaims, toPrincipal } from './principal';

const ISSUER = 'kz-regulated-services';
const AUDIENCE = 'kz-regulated-services-api';
/** How far a token's iat may lie ahead of our clock (the issuer's clock may run a little fast). */
export const CLOCK_SKEW_SECONDS = 60;

export interface TokenPolicy {
  /** The longest exp - iat accepted: a stolen token is useful for at most this long. */
  maxLifetimeSeconds: number;
}

export function issueToken(principal: Principal, secret: string, expiresInSeconds = 8 * 3600): string {
  const claims: TokenClaims = { sub: principal.userId, roles: principal.roles, org: principal.organisation, region: principal.region };
  return jwt.sign(claims, secret, { algorithm: 'HS256', issuer: ISSUER, audience: AUDIENCE, expiresIn: expiresInSeconds });
}

export type TokenRefusal = 'expired' | 'invalid' | 'bad-claims' | 'no-expiry' | 'no-issued-at' | 'issued-in-future' | 'lifetime-too-long';
export type VerifyOutcome = { ok: true; principal: Principal } | { ok: false; reason: TokenRefusal };

const numeric = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/**
 * Checks signature, issuer, audience and the time claims against the wall
 * clock (`nowMs`, not the service's possibly simulated clock: tokens live in
 * real time). exp and iat are required; jsonwebtoken alone accepts a token
 * without exp, which never expires.
 */
export function verifyToken(token: string, secret: string, policy: TokenPolicy, nowMs: number = Date.now()): VerifyOutcome {
  const now = Math.floor(nowMs / 1000);
  let claims: unknown;
  try {
    // Pin the algorithm: a token signed "none" or with another algorithm is refused.
    claims = jwt.verify(token, secret, { algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE, clockTimestamp: now });
  } catch (error) {
    return { ok: false, reason: error instanceof jwt.TokenExpiredError ? 'expired' : 'invalid' };
  }
  if (typeof claims !== 'object' || claims === null) return { ok: false, reason: 'bad-claims' };
  const { exp, iat } = claims as { exp?: unknown; iat?: unknown };
  if (!numeric(exp)) return { ok: false, reason: 'no-expiry' };
  if (!numeric(iat)) return { ok: false, reason: 'no-issued-at' };
  if (iat > now + CLOCK_SKEW_SECONDS) return { ok: false, reason: 'issued-in-future' };
  if (exp - iat > policy.maxLifetimeSeconds) return { ok: false, reason: 'lifetime-too-long' };
  const principal = toPrincipal(claims);
  return principal ? { ok: true, principal } : { ok: false, reason: 'bad-claims' };
}
