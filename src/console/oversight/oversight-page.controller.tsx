import { Controller, Get, Inject, NotFoundException, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Roles } from '../../auth/auth.guard';
import type { Principal } from '../../auth/principal';
import { csvFileName, isOversightTable, oversightCsv } from '../../projections/oversight/oversight.export';
import { OversightQueries, scopeFor, type OversightScope } from '../../projections/oversight/oversight.query';
import { RegulationCatalog } from '../../regulations/catalog/regulation-catalog';
import type { Lang } from '../i18n/messages';
import { ConsolePages } from '../console-pages.decorator';
import { Page, PageContext, signedInPrincipal } from '../page-context';
import { Html, renderPage } from '../render';
import { cleanQuery } from '../queue/queue-page.query';
import { OversightPageQuery } from './oversight-page.query';
import { OversightPage } from './oversight.page';

/** Rows read for the page's tables; the CSV downloads carry every row. */
const TABLE_ROWS = 500;
/** Breaches counted by role and person on the page (newest first); the CSV has all. */
const BREACHES_COUNTED = 2_000;

/** The oversight user's own region, always: the page offers no region filter. */
const scopeOf = (principal: Principal, filters: OversightPageQuery): OversightScope =>
  scopeFor(principal, { organisation: filters.organisation, service: filters.service, from: filters.from, to: filters.to });

@ConsolePages()
@Controller('console/oversight')
export class OversightPageController {
  constructor(
    @Inject(OversightQueries) private readonly queries: OversightQueries,
    @Inject(RegulationCatalog) private readonly catalog: RegulationCatalog,
  ) {}

  @Get()
  @Roles('oversight')
  @Html()
  async page(@Page() ctx: PageContext, @Query() raw: Record<string, unknown>): Promise<string> {
    const principal = signedInPrincipal(ctx);
    const filters = await cleanQuery(raw, OversightPageQuery);
    const scope = scopeOf(principal, filters);
    const [summary, steps, breaches] = await Promise.all([
      this.queries.summary(scope, { limit: TABLE_ROWS, offset: 0 }),
      this.queries.steps(scope, { limit: TABLE_ROWS, offset: 0 }),
      this.queries.breaches(scope, { limit: BREACHES_COUNTED, offset: 0 }),
    ]);
    const organisations = [...new Set(summary.items.map((r) => r.organisation))].sort();
    return renderPage(
      <OversightPage
        ctx={ctx}
        data={{ region: principal.region, filters, services: this.services(principal, ctx.lang), organisations, summary, steps, breaches }}
      />,
    );
  }

  /** The API's CSV of one table under the page's filters (GET /oversight/<table>?format=csv, from the session cookie). */
  @Get(':table.csv')
  @Roles('oversight')
  async csv(
    @Param('table') table: string,
    @Page() ctx: PageContext,
    @Query() raw: Record<string, unknown>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    if (!isOversightTable(table)) throw new NotFoundException();
    const filters = await cleanQuery(raw, OversightPageQuery);
    const csv = await oversightCsv(this.queries, table, scopeOf(signedInPrincipal(ctx), filters));
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${csvFileName(table)}"`);
    return csv;
  }

  /** The region's services from the catalog, named in the page's language. */
  private services(principal: Principal, lang: Lang): Array<{ code: string; name: string }> {
    const byCode = new Map<string, string>();
    for (const version of this.catalog.list({ region: principal.region })) byCode.set(version.service.code, version.service.name[lang]);
    return [...byCode].map(([code, name]) => ({ code, name })).sort((a, b) => a.name.localeCompare(b.name, lang));
  }
}
