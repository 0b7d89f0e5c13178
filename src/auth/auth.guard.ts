import { CanActivate, ExecutionContext, Inject, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { APP_CONFIG, AppConfig } from '../config/config';
import { ProblemError } from '../common/problem';
import { Principal, Role } from './principal';
import { verifyToken } from './tokens';

export const ROLES_KEY = 'auth:roles';
/** Roles allowed on a route; any authenticated principal when absent. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export type AuthenticatedRequest = Request & { principal: Principal };

@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(Reflector) private readonly reflector: Reflector,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new ProblemError(401, 'unauthenticated', 'A bearer token is required (Authorization: Bearer <token>)');
    const outcome = verifyToken(match[1], this.config.jwtSecret);
    if (!outcome.ok) {
      throw new ProblemError(401, outcome.reason === 'expired' ? 'token-expired' : 'invalid-token', `The bearer token is ${outcome.reason === 'expired' ? 'expired' : 'not valid'}`);
    }
    request.principal = outcome.principal;
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [context.getHandler(), context.getClass()]);
    if (allowed && !allowed.some((role) => outcome.principal.roles.includes(role))) {
      throw new ProblemError(403, 'role-not-allowed', `This action needs one of the roles: ${allowed.join(', ')}`, { allowedRoles: allowed });
    }
    return true;
  }
}
