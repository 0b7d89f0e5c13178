import type { Request, Response } from 'express';
import type { Principal } from '../../auth/principal';
import type { Lang } from '../i18n/messages';

/** What the console's middleware and guard learned about a request. */
export interface ConsoleRequestState {
  lang: Lang;
  cookies: Map<string, string>;
  /** The request's CSRF nonce (from its cookie, or new and being set). */
  csrfNonce: string;
  /** The token every form and fragment request of this session must send back (auth/csrf.ts). */
  csrfToken: string;
  /** The session cookie's raw token, when one was sent. */
  sessionToken?: string;
  principal?: Principal;
  /** Served over HTTPS (cookies get Secure). */
  secure: boolean;
}

const states = new WeakMap<Request, ConsoleRequestState>();

export const setConsoleState = (request: Request, state: ConsoleRequestState): void => {
  states.set(request, state);
};

/** The state the console middleware attached; it runs on every /console path, so it is always there. */
export function consoleState(request: Request): ConsoleRequestState {
  const state = states.get(request);
  if (!state) throw new Error('console middleware did not run for this request');
  return state;
}

/** Appends a Set-Cookie without dropping those already set. */
export function addCookie(response: Response, cookie: string): void {
  const existing = response.getHeader('Set-Cookie');
  const list = Array.isArray(existing) ? existing : typeof existing === 'string' ? [existing] : [];
  response.setHeader('Set-Cookie', [...list, cookie]);
}
