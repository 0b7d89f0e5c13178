import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { ProblemError } from '../../common/problem';
import { consoleState } from '../http/request-state';
import { CSRF_FIELD, CSRF_HEADER, csrfTokenMatches } from './csrf';

const SAFE_METHODS = ['GET', 'HEAD', 'OPTIONS'];

/**
 * Every state-changing console request carries the session's CSRF token, in
 * the form field `_csrf` or the X-CSRF-Token header (console.js adds it to
 * htmx and fetch requests). SameSite=Strict alone does not cover same-site
 * attackers or older browsers.
 */
@Injectable()
export class CsrfGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    if (SAFE_METHODS.includes(request.method)) return true;
    const body: unknown = request.body;
    const field: unknown = typeof body === 'object' && body !== null ? Reflect.get(body, CSRF_FIELD) : undefined;
    const given = field ?? request.headers[CSRF_HEADER];
    if (!csrfTokenMatches(consoleState(request).csrfToken, given)) {
      throw new ProblemError(403, 'csrf-failed', 'The form is missing its CSRF token or the token does not match the session');
    }
    return true;
  }
}
