import jwt from 'jsonwebtoken';
import { issueToken, verifyToken } from './tokens';
import { Principal } from './principal';

const SECRET = 'a-test-secret-that-is-long-enough-123456';
const clerk: Principal = { userId: 'u-1', roles: ['clerk'], organisation: 'school-12', region: 'kostanay-oblast' };

describe('bearer tokens', () => {
  it('round-trips a principal', () => {
    expect(verifyToken(issueToken(clerk, SECRET), SECRET)).toEqual({ ok: true, principal: clerk });
  });

  it('refuses a token signed with another secret', () => {
    expect(verifyToken(issueToken(clerk, 'another-secret-that-is-also-long-enough'), SECRET)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('refuses an unsigned ("none") token', () => {
    const unsigned = jwt.sign({ sub: 'u-1', roles: ['admin'], org: 'x', region: 'astana' }, '', { algorithm: 'none' });
    expect(verifyToken(unsigned, SECRET).ok).toBe(false);
  });

  it('reports expiry', () => {
    expect(verifyToken(issueToken(clerk, SECRET, -10), SECRET)).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses unknown roles and regions', () => {
    const bad = jwt.sign({ sub: 'u', roles: ['janitor'], org: 'o', region: 'astana' }, SECRET, {
      algorithm: 'HS256',
      issuer: 'kz-regulated-services',
      audience: 'kz-regulated-services-api',
    });
    expect(verifyToken(bad, SECRET)).toEqual({ ok: false, reason: 'bad-claims' });
  });
});
