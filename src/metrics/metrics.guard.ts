import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { AuthGuard } from '../auth/auth.guard';
import { APP_CONFIG, AppConfig } from '../config/config';
import { metricsAllowList } from './metrics-allow-list';

/**
 * /metrics: a client whose address is in METRICS_ALLOW (the Prometheus server)
 * reads it without a token; anyone else needs an admin bearer token (401 / 403
 * problem+json as on every other route). The socket's address is used, never
 * X-Forwarded-For, which any client can write.
 */
@Injectable()
export class MetricsGuard implements CanActivate {
  private readonly allowed: (address: string | undefined) => boolean;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(AuthGuard) private readonly auth: AuthGuard,
  ) {
    this.allowed = metricsAllowList(config.metricsAllow);
  }

  canActivate(context: ExecutionContext): boolean {
    if (this.allowed(context.switchToHttp().getRequest<Request>().socket.remoteAddress)) return true;
    return this.auth.canActivate(context);
  }
}
