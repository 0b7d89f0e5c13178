import { Controller, Get, Inject } from '@nestjs/common';
import { Roles } from '../../auth/auth.guard';
import { ProjectionRuntime } from '../../projections/runtime/projection-runtime.service';
import { ConsolePages } from '../console-pages.decorator';
import { Page, PageContext } from '../page-context';
import { Html, renderPage } from '../render';
import { ProjectionsPage } from './projections.page';

/** GET /projections/status as a page for admins. Retry and skip stay CLI commands: the API offers them over no HTTP route. */
@ConsolePages()
@Controller('console/projections')
export class ProjectionsPageController {
  constructor(@Inject(ProjectionRuntime) private readonly runtime: ProjectionRuntime) {}

  @Get()
  @Roles('admin')
  @Html()
  async page(@Page() ctx: PageContext): Promise<string> {
    if (!ctx.principal) throw new Error('projections page reached without a principal');
    return renderPage(<ProjectionsPage ctx={ctx} projections={await this.runtime.status()} region={ctx.principal.region} />);
  }
}
