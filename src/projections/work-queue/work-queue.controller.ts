import { Controller, Get, Inject, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AuthGuard, Roles } from '../../auth/auth.guard';
import { ANY_REQUEST, BEARER, QUERY, ROLE, STORAGE } from '../../common/api-problem-sets';
import { ApiProblems } from '../../common/api-problems.decorator';
import { CurrentPrincipal } from '../../auth/current-principal.decorator';
import type { Principal } from '../../auth/principal';
import { ProjectionWaiter } from '../runtime/projection-waiter';
import { awaitPosition, STALE_HEADER } from '../runtime/read-your-writes';
import { ReadsProjections } from '../runtime/read-model-stale';
import { WorkQueueQueries } from './work-queue.query';
import { WorkQueuePageDto, WorkQueueQuery } from './work-queue.query.dto';
import { queueScopeFor } from './work-queue.scope';

@ApiTags('work-queue')
@ApiBearerAuth()
@ReadsProjections('work-queue')
@Controller('work-queue')
@UseGuards(AuthGuard)
export class WorkQueueController {
  constructor(
    @Inject(WorkQueueQueries) private readonly queries: WorkQueueQueries,
    @Inject(ProjectionWaiter) private readonly waiter: ProjectionWaiter,
  ) {}

  @Get()
  @Roles('clerk', 'head', 'executor', 'state-corporation-operator', 'oversight')
  @ApiOperation({
    summary: 'Open cases and the step each awaits, most urgent first',
    description:
      "Sorted by the current step's due instant (not regulated last). Staff see their organisation (State Corporation operators: cases their office received); oversight their region. " +
      `With ?position= the answer reflects that write, or carries ${STALE_HEADER}: true after 2 s.`,
  })
  @ApiOkResponse({ type: WorkQueuePageDto })
  @ApiProblems(...ANY_REQUEST, ...BEARER, ...ROLE, ...QUERY, ...STORAGE, 'organisation-out-of-scope')
  async list(
    @Query() query: WorkQueueQuery,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: Response,
  ): Promise<WorkQueuePageDto> {
    const scope = queueScopeFor(principal, query);
    await awaitPosition(this.waiter, query.position, ['work-queue'], response);
    return this.queries.page(scope, query);
  }
}
