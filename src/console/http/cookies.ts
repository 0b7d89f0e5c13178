/** Cookie names of the console; every cookie is scoped to Path=/console. */
export const SESSION_COOKIE = 'console_session';
export const CSRF_COOKIE = 'console_csrf';
export const LANG_COOKIE = 'console_lang';
/** One-shot outcome of a case-page form (case/case-flash.ts). */
export const FLASH_COOKIE = 'console_flash';
export const COOKIE_PATH = '/console';

/** The Cookie header as name → value (first occurrence wins; undecodable values are skipped). */
export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const pair of (header ?? '').split(';')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) continue;
    const name = pair.slice(0, eq).trim();
    if (cookies.has(name)) continue;
    try {
      cookies.set(name, decodeURIComponent(pair.slice(eq + 1).trim()));
    } catch {
      // a cookie we did not write: ignore it
    }
  }
  return cookies;
}

export interface CookieOptions {
  maxAgeSeconds?: number;
  httpOnly: boolean;
  secure: boolean;
  sameSite: 'Strict' | 'Lax';
}

/** One Set-Cookie value; values are URI-encoded. */
export function serializeCookie(name: string, value: string, options: CookieOptions): string {
  const parts = [`${name}=${encodeURIComponent(value)}`, `Path=${COOKIE_PATH}`, `SameSite=${options.sameSite}`];
  if (options.maxAgeSeconds !== undefined) parts.push(`Max-Age=${Math.max(0, Math.floor(options.maxAgeSeconds))}`);
  if (options.httpOnly) parts.push('HttpOnly');
  if (options.secure) parts.push('Secure');
  return parts.join('; ');
}
