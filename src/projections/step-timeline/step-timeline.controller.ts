import { Controller, Get, Inject, Param, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AuthGuard, Roles } from '../../auth/auth.guard';
import { ANY_REQUEST, BEARER, QUERY, ROLE, STORAGE } from '../../common/api-problem-sets';
import { ApiProblems } from '../../common/api-problems.decorator';
import { CurrentPrincipal } from '../../auth/current-principal.decorator';
import type { Principal } from '../../auth/principal';
import { checkCaseId } from '../../common/case-id';
import { ProjectionWaiter } from '../runtime/projection-waiter';
import { awaitPosition, PositionQuery } from '../runtime/read-your-writes';
import { ReadsProjections } from '../runtime/read-model-stale';
import { CaseTimelineDto } from './step-timeline.dto';
import { STEP_TIMELINE_PROJECTION } from './step-timeline.projection';
import { StepTimelineQuery } from './step-timeline.query';

@ApiTags('cases')
@ApiBearerAuth()
@ReadsProjections(STEP_TIMELINE_PROJECTION)
@Controller('cases')
@UseGuards(AuthGuard)
export class StepTimelineController {
  constructor(
    @Inject(StepTimelineQuery) private readonly query: StepTimelineQuery,
    @Inject(ProjectionWaiter) private readonly waiter: ProjectionWaiter,
  ) {}

  @Get(':id/timeline')
  @Roles('clerk', 'head', 'executor', 'state-corporation-operator', 'oversight', 'appeal-reviewer')
  @ApiOperation({
    summary:
      'Each regulated step of the case: regulated duration, due, actual start and end, elapsed office time, overrun, on time / late / not regulated',
    description:
      "Staff of the case's organisations; oversight and appeal reviewers of its region. Steps whose duration the regulation does not state are not regulated, never on time.",
  })
  @ApiParam({ name: 'id', example: '0b7d6f6e-3c1a-4f55-9d2e-6c1f3f1f9a10' })
  @ApiOkResponse({ type: CaseTimelineDto })
  @ApiProblems(...ANY_REQUEST, ...BEARER, ...ROLE, ...QUERY, ...STORAGE, 'invalid-case-id', 'case-not-found')
  async timeline(
    @Param('id') id: string,
    @Query() query: PositionQuery,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CaseTimelineDto> {
    await awaitPosition(this.waiter, query.position, [STEP_TIMELINE_PROJECTION], res);
    return this.query.timeline(checkCaseId(id), principal);
  }
}
