import { Controller, Get, Inject, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AuthGuard, Roles } from '../../auth/auth.guard';
import { ANY_REQUEST, BEARER, QUERY, ROLE, STORAGE } from '../../common/api-problem-sets';
import { ApiProblems } from '../../common/api-problems.decorator';
import { ApiOkJsonOrText } from '../../common/api-ok-with-text.decorator';
import { CurrentPrincipal } from '../../auth/current-principal.decorator';
import type { Principal } from '../../auth/principal';
import { ReadsProjections } from '../runtime/read-model-stale';
import { OVERSIGHT_PROJECTION } from './oversight.projection';
import { BreachPageDto, OversightQuery, StepStatsPageDto, SummaryPageDto } from './oversight.dto';
import { csvFileName, oversightCsv, type OversightTable } from './oversight.export';
import { OversightQueries, scopeFor, type OversightScope, type Page, type Window } from './oversight.query';

const DEFAULT_PAGE_SIZE = 100;
const CSV_EXAMPLE = 'region,organisation,service,month,…\r\nkostanay-oblast,school-7,secondary-education-duplicates,2019-03,…\r\n';

type Reader<T> = (scope: OversightScope, window: Window) => Promise<Page<T>>;

@ApiTags('oversight')
@ApiBearerAuth()
@ReadsProjections(OVERSIGHT_PROJECTION)
@Controller('oversight')
@UseGuards(AuthGuard)
@Roles('oversight', 'admin')
@ApiProblems(...ANY_REQUEST, ...BEARER, ...ROLE, ...QUERY, ...STORAGE, 'region-out-of-scope', 'invalid-month-range')
export class OversightController {
  constructor(@Inject(OversightQueries) private readonly queries: OversightQueries) {}

  @Get('summary')
  @ApiOperation({
    summary: 'Per region, provider, service and month: cases received, completed, refused; on-time share of regulated steps',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkJsonOrText(SummaryPageDto, { 'text/csv': CSV_EXAMPLE })
  summary(@Query() query: OversightQuery, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) res: Response) {
    return this.respond('summary', query, principal, res, (s, w) => this.queries.summary(s, w));
  }

  @Get('steps')
  @ApiOperation({
    summary: 'Per step and month: on-time share, median and 90th percentile of elapsed office time against the regulated duration',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkJsonOrText(StepStatsPageDto, { 'text/csv': CSV_EXAMPLE })
  steps(@Query() query: OversightQuery, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) res: Response) {
    return this.respond('steps', query, principal, res, (s, w) => this.queries.steps(s, w));
  }

  @Get('breaches')
  @ApiOperation({ summary: 'Late steps, newest first: the responsible role, the person who ended the step, and the overrun' })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkJsonOrText(BreachPageDto, { 'text/csv': CSV_EXAMPLE })
  breaches(@Query() query: OversightQuery, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) res: Response) {
    return this.respond('breaches', query, principal, res, (s, w) => this.queries.breaches(s, w));
  }

  private async respond<T>(
    table: OversightTable,
    query: OversightQuery,
    principal: Principal,
    res: Response,
    read: Reader<T>,
  ): Promise<string | { items: T[]; page: number; pageSize: number; total: number }> {
    const scope = scopeFor(principal, query);
    if (query.format === 'csv') {
      const csv = await oversightCsv(this.queries, table, scope);
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="${csvFileName(table)}"`);
      return csv;
    }
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
    const { items, total } = await read(scope, { limit: pageSize, offset: (page - 1) * pageSize });
    return { items, page, pageSize, total };
  }
}
