import { Controller, Get, Inject, Param, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AuthGuard, Roles } from '../../auth/auth.guard';
import { ANY_REQUEST, BEARER, QUERY, ROLE, STORAGE } from '../../common/api-problem-sets';
import { ApiProblems } from '../../common/api-problems.decorator';
import { ApiOkJsonOrText } from '../../common/api-ok-with-text.decorator';
import { CurrentPrincipal } from '../../auth/current-principal.decorator';
import type { Principal } from '../../auth/principal';
import { ProjectionWaiter } from '../runtime/projection-waiter';
import { awaitPosition, STALE_HEADER } from '../runtime/read-your-writes';
import { ReadsProjections } from '../runtime/read-model-stale';
import { CaseHistoryQueries } from './case-history.query';
import { CaseHistoryDto, CaseHistoryQuery, CaseIdParams } from './case-history.dto';
import { renderHistoryText } from './history-text';
import type { CaseHistoryView } from './history-view';

@ApiTags('case-history')
@ApiBearerAuth()
@ReadsProjections('case-history')
@Controller('cases')
@UseGuards(AuthGuard)
export class CaseHistoryController {
  constructor(
    @Inject(CaseHistoryQueries) private readonly queries: CaseHistoryQueries,
    @Inject(ProjectionWaiter) private readonly waiter: ProjectionWaiter,
  ) {}

  @Get(':id/history')
  @Roles('clerk', 'head', 'executor', 'state-corporation-operator', 'oversight', 'appeal-reviewer', 'admin')
  @ApiOperation({
    summary: "A case's chronicle: every action, who took it, the step and its citation, due vs actual",
    description:
      'Staff of the case’s organisations, and oversight, appeal reviewers and admins of its region. The applicant’s IIN and name are masked for oversight and admin. ' +
      `format=text&lang=ru|kk renders one sentence per action, times local to the region. With ?position= the answer waits for that write (else ${STALE_HEADER}: true).`,
  })
  @ApiProduces('application/json', 'text/plain')
  @ApiOkJsonOrText(CaseHistoryDto, { 'text/plain': '4 марта 2019 г., 10:00 — заявление принято (u-clerk, school-7).' })
  @ApiProblems(...ANY_REQUEST, ...BEARER, ...ROLE, ...QUERY, ...STORAGE, 'case-not-found')
  async history(
    @Param() params: CaseIdParams,
    @Query() query: CaseHistoryQuery,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CaseHistoryView | string> {
    await awaitPosition(this.waiter, query.position, ['case-history'], response);
    const view = await this.queries.history(params.id, principal);
    if (query.format !== 'text') return view;
    response.type('text/plain; charset=utf-8');
    return renderHistoryText(view, query.lang ?? 'ru');
  }
}
