import type { Request, Response } from 'express';
import type { AppConfig } from '../../config/config';
import { type VerifyOutcome, verifyToken } from '../../auth/tokens';
import { serializeCookie, SESSION_COOKIE } from '../http/cookies';
import { addCookie, consoleState } from '../http/request-state';

/** Sets the session cookie: the bearer token itself, readable by no script. */
export function startSession(request: Request, response: Response, token: string, lifetimeSeconds: number): void {
  const { secure } = consoleState(request);
  addCookie(
    response,
    serializeCookie(SESSION_COOKIE, token, { maxAgeSeconds: lifetimeSeconds, httpOnly: true, secure, sameSite: 'Strict' }),
  );
}

export function endSession(request: Request, response: Response): void {
  const { secure } = consoleState(request);
  addCookie(response, serializeCookie(SESSION_COOKIE, '', { maxAgeSeconds: 0, httpOnly: true, secure, sameSite: 'Strict' }));
}

/** The session's token checked exactly as the API's guard checks a bearer token. */
export function verifySession(token: string, config: AppConfig): VerifyOutcome {
  return verifyToken(token, config.jwtSecret, { maxLifetimeSeconds: config.tokenMaxLifetimeSeconds });
}

/** Seconds until the token's exp (the cookie lives no longer than the token). */
export function secondsLeft(token: string): number {
  const payload = token.split('.')[1] ?? '';
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    const exp: unknown = typeof claims === 'object' && claims !== null ? Reflect.get(claims, 'exp') : undefined;
    return typeof exp === 'number' ? Math.max(0, exp - Math.floor(Date.now() / 1000)) : 0;
  } catch {
    return 0;
  }
}
