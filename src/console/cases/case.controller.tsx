import { Controller, Get, Inject, Param, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { caseNotFoundProblem } from '../../cases/case-access';
import { loadCase } from '../../cases/case-stream';
import { assertCanRead, caseView } from '../../cases/case-view';
import { isUuid } from '../../common/ids';
import { EVENT_STORE, EventStore } from '../../event-store/event-store.port';
import { RegulationCatalog } from '../../regulations/catalog/regulation-catalog';
import { ConsoleAuthGuard } from '../auth/console-auth.guard';
import { CsrfGuard } from '../auth/csrf.guard';
import { ConsoleExceptionFilter } from '../errors/console-exception.filter';
import { Page, PageContext } from '../page-context';
import { Html, renderPage } from '../render';
import { CasePage } from './case.page';

/**
 * /console/cases/:id: a placeholder the case page is built on. A case the
 * user may not see and a missing one (or a malformed id) are the same 404.
 */
@ApiExcludeController()
@UseFilters(ConsoleExceptionFilter)
@UseGuards(CsrfGuard, ConsoleAuthGuard)
@Controller('console/cases')
export class CaseController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(RegulationCatalog) private readonly catalog: RegulationCatalog,
  ) {}

  @Get(':id')
  @Html()
  async page(@Page() ctx: PageContext, @Param('id') id: string): Promise<string> {
    const principal = ctx.principal;
    if (!principal || !isUuid(id)) throw caseNotFoundProblem();
    const loaded = await loadCase(this.store, id);
    assertCanRead(principal, loaded.state);
    const view = caseView(loaded.state, loaded.revision, principal);
    const version = this.catalog.versions.find((v) => v.id === view.regulation.versionId);
    return renderPage(<CasePage ctx={ctx} caseId={id} view={view} serviceName={version ? version.service.name[ctx.lang] : view.regulation.service} />);
  }
}
