import { Inject, Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { randomBytes } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { csrfToken } from '../auth/csrf';
import { chooseLang } from '../i18n/messages';
import { CSRF_COOKIE, LANG_COOKIE, parseCookies, serializeCookie, SESSION_COOKIE } from './cookies';
import { addCookie, setConsoleState } from './request-state';

/**
 * The console's pages allow only their own scripts, styles and connections:
 * no inline script or style anywhere (htmx is configured through a meta tag).
 */
export const CONSOLE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

const ONE_YEAR = 365 * 24 * 3600;

/**
 * Runs on every /console request (never on the API): security headers, the
 * language (and its cookie when ?lang= chose one), and the CSRF nonce cookie
 * that form tokens are bound to.
 */
@Injectable()
export class ConsoleHttpMiddleware implements NestMiddleware {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  use(request: Request, response: Response, next: NextFunction): void {
    response.setHeader('Content-Security-Policy', CONSOLE_CSP);
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Referrer-Policy', 'same-origin');
    response.setHeader('X-Frame-Options', 'DENY');
    response.setHeader('Cache-Control', 'no-store');
    response.setHeader('Vary', 'Cookie, Accept-Language');

    const cookies = parseCookies(request.headers.cookie);
    const secure = request.secure;
    const queryLang = request.query.lang;
    const lang = chooseLang(queryLang, cookies.get(LANG_COOKIE), request.headers['accept-language']);
    if (queryLang === lang)
      addCookie(response, serializeCookie(LANG_COOKIE, lang, { maxAgeSeconds: ONE_YEAR, httpOnly: true, secure, sameSite: 'Lax' }));

    let csrfNonce = cookies.get(CSRF_COOKIE) ?? '';
    if (!/^[A-Za-z0-9_-]{32,64}$/.test(csrfNonce)) {
      csrfNonce = randomBytes(24).toString('base64url');
      addCookie(response, serializeCookie(CSRF_COOKIE, csrfNonce, { httpOnly: true, secure, sameSite: 'Strict' }));
    }
    const sessionToken = cookies.get(SESSION_COOKIE) || undefined;
    setConsoleState(request, {
      lang,
      cookies,
      csrfNonce,
      csrfToken: csrfToken(this.config.jwtSecret, csrfNonce, sessionToken),
      sessionToken,
      secure,
    });
    next();
  }
}
