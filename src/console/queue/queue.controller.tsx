import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Roles } from '../../auth/auth.guard';
import { CLOCK, Clock } from '../../common/clock';
import { WorkQueueQueries } from '../../projections/work-queue/work-queue.query';
import { queueScopeFor } from '../../projections/work-queue/work-queue.scope';
import { RegulationCatalog } from '../../regulations/catalog/regulation-catalog';
import { secondsLeft } from '../auth/session';
import { consoleState } from '../http/request-state';
import { ConsolePages } from '../console-pages.decorator';
import { Page, PageContext, signedInPrincipal } from '../page-context';
import { Html, renderFragment, renderPage } from '../render';
import { cleanQuery, QueuePageQuery } from './queue-page.query';
import { QueueChanges, QueueSignal } from './queue-changes';
import { QueueFragment, QueuePage, QueueView } from './queue.page';
import { refreshInSeconds } from './refresh-in';

/** The roles whose queue this is (oversight reads the region on its own page). */
export const QUEUE_ROLES = ['clerk', 'head', 'executor', 'state-corporation-operator'] as const;

const HEARTBEAT_MS = 25_000;

/**
 * My queue: the work-queue read model through the API's own query service
 * and scope rule, rendered; the fragment for live updates; and the SSE
 * stream that says when to fetch it again.
 */
@ConsolePages()
@Roles(...QUEUE_ROLES)
@Controller('console/queue')
export class QueueController {
  constructor(
    @Inject(WorkQueueQueries) private readonly queries: WorkQueueQueries,
    @Inject(RegulationCatalog) private readonly catalog: RegulationCatalog,
    @Inject(QueueChanges) private readonly changes: QueueChanges,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @Html()
  async page(@Page() ctx: PageContext, @Query() raw: Record<string, unknown>): Promise<string> {
    return renderPage(<QueuePage ctx={ctx} view={await this.view(ctx, raw)} />);
  }

  @Get('fragment')
  @Html()
  async fragment(@Page() ctx: PageContext, @Query() raw: Record<string, unknown>): Promise<string> {
    return renderFragment(<QueueFragment ctx={ctx} view={await this.view(ctx, raw)} />);
  }

  /** Server-Sent Events: `changed` when a case this user may see arrived, moved or left; `signed-out` when the session ends. */
  @Get('events')
  events(@Page() ctx: PageContext, @Req() request: Request, @Res() response: Response): void {
    const principal = signedInPrincipal(ctx);
    const token = consoleState(request).sessionToken ?? '';
    response.status(200);
    response.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    response.setHeader('X-Accel-Buffering', 'no');
    response.flushHeaders();
    response.write('retry: 3000\n\n');
    const send = (kind: QueueSignal) => {
      response.write(`event: ${kind}\ndata: {}\n\n`);
      if (kind === 'signed-out') response.end();
    };
    const stop = this.changes.watch({
      principal,
      expiresAt: Date.now() + secondsLeft(token) * 1000,
      signal: send,
      end: () => response.end(),
    });
    const heartbeat = setInterval(() => response.write(': keep-alive\n\n'), HEARTBEAT_MS);
    response.on('close', () => {
      clearInterval(heartbeat);
      stop();
    });
  }

  private async view(ctx: PageContext, raw: Record<string, unknown>): Promise<QueueView> {
    const principal = signedInPrincipal(ctx);
    const query = await cleanQuery(raw, QueuePageQuery);
    const scope = queueScopeFor(principal, query);
    const page = await this.queries.page(scope, query);
    const services = new Map<string, string>();
    for (const version of this.catalog.list({ region: principal.region }))
      services.set(version.service.code, version.service.name[ctx.lang]);
    return {
      page,
      query,
      region: principal.region,
      services: [...services].map(([code, name]) => ({ code, name })).sort((a, b) => a.name.localeCompare(b.name, ctx.lang)),
      refreshIn: refreshInSeconds(
        this.clock.now(),
        principal.region,
        page.items.map((i) => i.dueAt),
      ),
    };
  }
}
