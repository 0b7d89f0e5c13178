import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import type { Observable } from 'rxjs';
import type { DataSource } from 'typeorm';
import { READ_MODELS_DATA_SOURCE } from './tokens';

/**
 * Answers of a query controller whose read model is blocked carry this header
 * naming the blocked projections: the rows are correct up to the blocking
 * event but miss it and everything after it (see GET /projections/status).
 */
export const READ_MODEL_STALE_HEADER = 'X-Read-Model-Stale';

const READS_PROJECTIONS = 'reads-projections';

/** On a query controller (or handler): the projections whose read models it answers from. */
export const ReadsProjections = (...projections: string[]) => SetMetadata(READS_PROJECTIONS, projections);

/** How long the set of blocked projections is reused between queries (one small read per second at most). */
const CACHE_MS = 1_000;

/** Which projections are blocked, from the checkpoint rows (so on every instance, whichever runs them). */
@Injectable()
export class BlockedProjections {
  private cached: { at: number; names: Promise<Set<string>> } | undefined;

  constructor(@Inject(READ_MODELS_DATA_SOURCE) private readonly dataSource: DataSource) {}

  async among(projections: string[]): Promise<string[]> {
    const now = Date.now();
    if (!this.cached || now - this.cached.at >= CACHE_MS) this.cached = { at: now, names: this.read() };
    const blocked = await this.cached.names;
    return projections.filter((p) => blocked.has(p));
  }

  private async read(): Promise<Set<string>> {
    try {
      const rows: Array<{ projection: string }> = await this.dataSource.query(
        'SELECT projection FROM rm_checkpoints WHERE blocked_at IS NOT NULL',
      );
      return new Set(rows.map((r) => r.projection));
    } catch {
      this.cached = undefined; // not known: the query itself reports an outage; ask again next time
      return new Set();
    }
  }
}

/** The one place that marks answers stale: every handler under @ReadsProjections(...). */
@Injectable()
export class ReadModelStaleInterceptor implements NestInterceptor {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(BlockedProjections) private readonly blocked: BlockedProjections,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const projections = this.reflector.getAllAndOverride<string[] | undefined>(READS_PROJECTIONS, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (projections && projections.length > 0 && context.getType() === 'http') {
      const stale = await this.blocked.among(projections);
      if (stale.length > 0) context.switchToHttp().getResponse<Response>().setHeader(READ_MODEL_STALE_HEADER, stale.join(', '));
    }
    return next.handle();
  }
}
