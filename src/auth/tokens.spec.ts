import jwt from 'jsonwebtoken';
import { createHmac } from 'node:crypto';
import { issueToken, TokenPolicy, verifyToken } from './tokens';
import { Principal } from './principal';

const SECRET = 'a-test-secret-that-is-long-enough-123456';
const clerk: Principal = { userId: 'u-1', roles: ['clerk'], organisation: 'school-12', region: 'kostanay-oblast' };
const policy: TokenPolicy = { maxLifetimeSeconds: 12 * 3600 };
const NOW = Date.parse('2026-01-05T10:00:00Z');
const nowSeconds = NOW / 1000;

/** A token with exactly the claims given (jsonwebtoken adds iat unless told not to). */
const raw = (claims: Record<string, unknown>) =>
  jwt.sign({ sub: 'u-1', roles: ['clerk'], org: 'school-12', region: 'kostanay-oblast', ...claims }, SECRET, {
    algorithm: 'HS256',
    issuer: 'kz-regulated-services',
    audience: 'kz-regulated-services-api',
    // jsonwebtoken drops a given iat under noTimestamp: set it only when iat is to be absent.
    noTimestamp: claims.iat === undefined,
  });

describe('bearer tokens', () => {
  it('round-trips a principal', () => {
    expect(verifyToken(issueToken(clerk, SECRET), SECRET, policy)).toEqual({ ok: true, principal: clerk });
  });

  it('refuses a token signed with another secret', () => {
    expect(verifyToken(issueToken(clerk, 'another-secret-that-is-also-long-enough'), SECRET, policy)).toEqual({
      ok: false,
      reason: 'invalid',
    });
  });

  it('refuses an unsigned ("none") token', () => {
    const unsigned = jwt.sign({ sub: 'u-1', roles: ['admin'], org: 'x', region: 'astana' }, '', { algorithm: 'none' });
    expect(verifyToken(unsigned, SECRET, policy).ok).toBe(false);
  });

  it('reports expiry', () => {
    expect(verifyToken(issueToken(clerk, SECRET, -10), SECRET, policy)).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses unknown roles and regions', () => {
    expect(verifyToken(raw({ roles: ['janitor'], iat: nowSeconds, exp: nowSeconds + 60 }), SECRET, policy, NOW)).toEqual({
      ok: false,
      reason: 'bad-claims',
    });
  });

  it('requires exp: a token without it would never expire', () => {
    expect(verifyToken(raw({ iat: nowSeconds }), SECRET, policy, NOW)).toEqual({ ok: false, reason: 'no-expiry' });
  });

  it('requires iat, so that the lifetime can be checked', () => {
    expect(verifyToken(raw({ exp: nowSeconds + 3600 }), SECRET, policy, NOW)).toEqual({ ok: false, reason: 'no-issued-at' });
  });

  it('refuses a lifetime longer than the maximum, and accepts exactly the maximum', () => {
    expect(verifyToken(raw({ iat: nowSeconds, exp: nowSeconds + 12 * 3600 + 1 }), SECRET, policy, NOW)).toEqual({
      ok: false,
      reason: 'lifetime-too-long',
    });
    expect(verifyToken(raw({ iat: nowSeconds, exp: nowSeconds + 12 * 3600 }), SECRET, policy, NOW).ok).toBe(true);
    expect(verifyToken(raw({ iat: nowSeconds, exp: nowSeconds + 3600 }), SECRET, { maxLifetimeSeconds: 1800 }, NOW)).toEqual({
      ok: false,
      reason: 'lifetime-too-long',
    });
  });

  it('refuses iat in the future beyond 60 s of clock skew', () => {
    expect(verifyToken(raw({ iat: nowSeconds + 61, exp: nowSeconds + 3600 }), SECRET, policy, NOW)).toEqual({
      ok: false,
      reason: 'issued-in-future',
    });
    expect(verifyToken(raw({ iat: nowSeconds + 60, exp: nowSeconds + 3600 }), SECRET, policy, NOW).ok).toBe(true);
  });

  it('refuses non-numeric time claims', () => {
    // Signed by hand: jsonwebtoken refuses to sign a string iat.
    const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const body = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ sub: 'u-1', roles: ['clerk'], org: 'school-12', region: 'kostanay-oblast', iss: 'kz-regulated-services', aud: 'kz-regulated-services-api', iat: String(nowSeconds), exp: nowSeconds + 3600 })}`;
    const token = `${body}.${createHmac('sha256', SECRET).update(body).digest('base64url')}`;
    expect(verifyToken(token, SECRET, policy, NOW)).toEqual({ ok: false, reason: 'no-issued-at' });
  });

  it('issues tokens the verifier accepts, with iat and exp', () => {
    const decoded = jwt.decode(issueToken(clerk, SECRET, 3600));
    expect(decoded).toMatchObject({ iat: expect.any(Number), exp: expect.any(Number) });
  });
});
