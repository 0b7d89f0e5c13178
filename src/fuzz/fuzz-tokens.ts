import fc from 'fast-check';
import jwt from 'jsonwebtoken';
import { Principal } from '../auth/principal';
import { issueToken } from '../auth/tokens';
import { isRecord } from './json';

export const TOKEN_KINDS = [
  'valid',
  'expired',
  'wrong-signature',
  'missing',
  'malformed',
  'alg-none',
  'not-bearer',
  'future-iat',
  'no-exp',
  'bad-claims',
] as const;
export type TokenKind = (typeof TOKEN_KINDS)[number];

/** Issuer, audience and claim names exactly as the service's own tokens carry them (see auth/tokens.ts). */
function claimsOf(principal: Principal, secret: string): Record<string, unknown> {
  const decoded = jwt.decode(issueToken(principal, secret, 3600));
  if (!isRecord(decoded)) throw new Error('the service issued a token without claims');
  const { iat: _iat, exp: _exp, ...claims } = decoded;
  return claims;
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * The Authorization header for a principal, valid or broken in one way; undefined: no header.
 * Valid tokens are issued at `nowSeconds` and live one hour (inside any maximum lifetime).
 */
export function authorizationFor(kind: TokenKind, principal: Principal, secret: string, nowSeconds: number): string | undefined {
  const claims = claimsOf(principal, secret);
  const sign = (extra: Record<string, unknown>, key = secret) => `Bearer ${jwt.sign({ ...claims, ...extra }, key, { algorithm: 'HS256' })}`;
  switch (kind) {
    case 'valid':
      return sign({ iat: nowSeconds - 60, exp: nowSeconds + 3600 });
    case 'expired':
      return sign({ iat: nowSeconds - 7200, exp: nowSeconds - 3600 });
    case 'wrong-signature':
      return sign({ iat: nowSeconds - 60, exp: nowSeconds + 3600 }, `${secret}-but-not-the-service-one`);
    case 'missing':
      return undefined;
    case 'malformed':
      return 'Bearer not.a.jwt';
    case 'alg-none':
      return `Bearer ${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ ...claims, iat: nowSeconds, exp: nowSeconds + 3600 })}.`;
    case 'not-bearer':
      return 'Basic dXNlcjpwYXNzd29yZA==';
    case 'future-iat':
      return sign({ iat: nowSeconds + 3600, exp: nowSeconds + 7200 });
    case 'no-exp':
      return sign({ iat: nowSeconds - 60 });
    case 'bad-claims':
      return sign({ iat: nowSeconds - 60, exp: nowSeconds + 3600, roles: ['root'], region: 'mars' });
    default: {
      const never: never = kind;
      return never;
    }
  }
}

/** Mostly valid tokens, so that requests get past the guard and reach the handlers. */
export const tokenKind: fc.Arbitrary<TokenKind> = fc.oneof(
  { weight: 12, arbitrary: fc.constant<TokenKind>('valid') },
  { weight: 4, arbitrary: fc.constantFrom(...TOKEN_KINDS) },
);
