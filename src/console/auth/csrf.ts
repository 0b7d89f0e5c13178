import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** The form field and the header (console.js, htmx) that carry the token. */
export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/**
 * Synchronizer token, HMAC'd with the service secret over the request's
 * nonce cookie and its session: a page from another site can neither read
 * nor compute it, and a token stops working when the session changes.
 */
export function csrfToken(secret: string, nonce: string, sessionToken: string | undefined): string {
  const session = sessionToken ? createHash('sha256').update(sessionToken).digest('base64url') : '-';
  return createHmac('sha256', secret).update(`console-csrf\n${nonce}\n${session}`).digest('base64url');
}

export function csrfTokenMatches(expected: string, given: unknown): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
