import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AuditRequest, CaseAuditService } from '../../audit/case-audit.service';
import { renderDossierHtml } from '../../audit/dossier/dossier.html';
import { parseReplayPoint } from '../../audit/replay/replay-point';
import { CASE_STAFF, REGIONAL_AUDITORS } from '../../audit/access/access-policy';
import { Roles } from '../../auth/auth.guard';
import type { Principal } from '../../auth/principal';
import { caseNotFoundProblem } from '../../cases/case-access';
import { CLOCK, Clock } from '../../common/clock';
import { isUuid, newId } from '../../common/ids';
import { AppealedCasesQuery } from '../../projections/case-history/appealed-cases.query';
import { RegulationCatalog } from '../../regulations/catalog/regulation-catalog';
import { REGIONS } from '../../regulations/regulation.model';
import { ConsolePages } from '../console-pages.decorator';
import { Page, PageContext, signedInPrincipal } from '../page-context';
import { Html, renderPage } from '../render';
import { AppealsPage } from './appeals.page';
import { ReplayPageQuery } from './case-page.query';
import { ReplayPage } from './replay.page';

/** Who may replay a case and download its dossier: the audit's readers (access-policy.ts decides per case). */
const AUDIT_READERS = [...REGIONAL_AUDITORS, ...CASE_STAFF];

/** As the API's audit routes answer: personal data and evidence are never kept by shared caches. */
function noStore(response: Response, correlationId: string): void {
  response.setHeader('X-Correlation-Id', correlationId);
  response.setHeader('Cache-Control', 'no-store');
}

/**
 * Appeal review: the appealed cases of the region (the chronicle's read model),
 * and per case the replay with a revision slider, the integrity verdict and the
 * dossier / offline bundle downloads, all through the API's CaseAuditService,
 * so every replay, verification and download is in the case's access log.
 */
@ConsolePages()
@Controller('console')
export class AppealReviewController {
  constructor(
    @Inject(CaseAuditService) private readonly audit: CaseAuditService,
    @Inject(AppealedCasesQuery) private readonly appealed: AppealedCasesQuery,
    @Inject(RegulationCatalog) private readonly catalog: RegulationCatalog,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('appeals')
  @Roles('appeal-reviewer')
  @Html()
  async appeals(@Page() ctx: PageContext): Promise<string> {
    const principal = signedInPrincipal(ctx);
    const cases = await this.appealed.list(principal);
    const serviceNames: Record<string, string> = {};
    for (const version of this.catalog.versions) serviceNames[version.service.code] ??= version.service.name[ctx.lang];
    return renderPage(<AppealsPage ctx={ctx} cases={cases} region={principal.region} serviceNames={serviceNames} now={this.clock.now()} />);
  }

  @Get('cases/:id/replay')
  @Roles(...AUDIT_READERS)
  @Html()
  async replay(
    @Page() ctx: PageContext,
    @Param('id') id: string,
    @Query() query: ReplayPageQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    const request = this.request(id, signedInPrincipal(ctx));
    const point = parseReplayPoint({ revision: query.revision });
    const parameters: Record<string, string> = { mode: 'steps', ...(query.revision !== undefined ? { revision: query.revision } : {}) };
    // Verified first: the verdict also names the stream's last revision (the slider's end). Both are recorded like the API's.
    const verification = await this.audit.verify(request);
    const replay = await this.audit.replay(request, point, 'steps', parameters);
    noStore(response, request.correlationId);
    const region = REGIONS.find((r) => r === replay.regulation?.region);
    if (!region) throw caseNotFoundProblem();
    return renderPage(
      <ReplayPage
        ctx={ctx}
        data={{ caseId: request.caseId, replay, revision: replay.revision, lastRevision: verification.lastRevision, verification, region }}
      />,
    );
  }

  @Get('cases/:id/dossier')
  @Roles(...AUDIT_READERS)
  async dossier(@Page() ctx: PageContext, @Param('id') id: string, @Res() response: Response): Promise<void> {
    const request = this.request(id, signedInPrincipal(ctx));
    const dossier = await this.audit.dossier(request, 'html');
    noStore(response, request.correlationId);
    // The dossier page carries its own inline styles (the API serves it with the same policy).
    response.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'");
    response.setHeader('Content-Disposition', `attachment; filename="case-${request.caseId}.dossier.html"`);
    response.type('text/html; charset=utf-8').send(renderDossierHtml(dossier));
  }

  @Get('cases/:id/bundle')
  @Roles(...AUDIT_READERS)
  async bundle(@Page() ctx: PageContext, @Param('id') id: string, @Res() response: Response): Promise<void> {
    const request = this.request(id, signedInPrincipal(ctx));
    const bundle = await this.audit.bundle(request);
    noStore(response, request.correlationId);
    response.setHeader('Content-Disposition', `attachment; filename="case-${request.caseId}.bundle.json"`);
    // The exact bytes the verifier checks.
    response.type('application/json; charset=utf-8').send(bundle);
  }

  private request(id: string, principal: Principal): AuditRequest {
    if (!isUuid(id)) throw caseNotFoundProblem();
    return { caseId: id, principal, correlationId: newId() };
  }
}
