import { CanActivate, ExecutionContext, Inject, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { APP_CONFIG, AppConfig } from '../config/config';
import { ProblemError } from '../common/problem';
import { Principal, Role } from './principal';
import { TokenRefusal, verifyToken } from './tokens';

export const ROLES_KEY = 'auth:roles';
/** Roles allowed on a route; any authenticated principal when absent. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export type AuthenticatedRequest = Request & { principal: Principal };

const REALM = 'kz-regulated-services';

const WHY: Record<TokenRefusal, string> = {
  expired: 'The bearer token is expired',
  invalid: 'The bearer token is not valid',
  'bad-claims': 'The bearer token does not name a user, known roles, an organisation and a region',
  'no-expiry': 'The bearer token has no expiry (exp)',
  'no-issued-at': 'The bearer token has no issue time (iat)',
  'issued-in-future': 'The bearer token is issued in the future (iat)',
  'lifetime-too-long': 'The bearer token lives longer than this service accepts (exp - iat)',
};

/** RFC 6750 §3: every 401 says how to authenticate and, when a token was sent, that the token is the problem. */
function unauthenticated(response: Response, code: string, detail: string, tokenGiven: boolean): ProblemError {
  response.setHeader(
    'WWW-Authenticate',
    tokenGiven ? `Bearer realm="${REALM}", error="invalid_token", error_description="${detail}"` : `Bearer realm="${REALM}"`,
  );
  return new ProblemError(401, code, detail);
}

@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(Reflector) private readonly reflector: Reflector,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const http = context.switchToHttp();
    const request = http.getRequest<AuthenticatedRequest>();
    const response = http.getResponse<Response>();
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw unauthenticated(response, 'unauthenticated', 'A bearer token is required (Authorization: Bearer <token>)', false);
    const outcome = verifyToken(match[1], this.config.jwtSecret, { maxLifetimeSeconds: this.config.tokenMaxLifetimeSeconds });
    if (!outcome.ok) {
      throw unauthenticated(response, outcome.reason === 'expired' ? 'token-expired' : 'invalid-token', WHY[outcome.reason], true);
    }
    request.principal = outcome.principal;
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [context.getHandler(), context.getClass()]);
    if (allowed && !allowed.some((role) => outcome.principal.roles.includes(role))) {
      throw new ProblemError(403, 'role-not-allowed', `This action needs one of the roles: ${allowed.join(', ')}`, {
        allowedRoles: allowed,
      });
    }
    return true;
  }
}
