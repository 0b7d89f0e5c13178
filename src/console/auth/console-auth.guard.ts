import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthenticatedRequest, ROLES_KEY } from '../../auth/auth.guard';
import type { Role } from '../../auth/principal';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { ProblemError } from '../../common/problem';
import { consoleState } from '../http/request-state';
import { verifySession } from './session';
import { SignInRequired } from './sign-in-required';

/**
 * The API's AuthGuard for pages: the same token and the same Principal, read
 * from the session cookie instead of the Authorization header, and the same
 * @Roles(...) metadata. No or a bad cookie sends the user to the sign-in page.
 */
@Injectable()
export class ConsoleAuthGuard implements CanActivate {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(Reflector) private readonly reflector: Reflector,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const state = consoleState(request);
    if (!state.sessionToken) throw new SignInRequired('required');
    const outcome = verifySession(state.sessionToken, this.config);
    if (!outcome.ok) throw new SignInRequired(outcome.reason === 'expired' ? 'expired' : 'invalid');
    state.principal = outcome.principal;
    request.principal = outcome.principal;
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [context.getHandler(), context.getClass()]);
    if (allowed && !allowed.some((role) => outcome.principal.roles.includes(role))) {
      throw new ProblemError(403, 'role-not-allowed', `This page needs one of the roles: ${allowed.join(', ')}`);
    }
    return true;
  }
}
