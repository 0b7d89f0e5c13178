import { Controller, createParamDecorator, ExecutionContext, Get, Inject, Param, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AuthGuard, Roles } from '../auth/auth.guard';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { Principal } from '../auth/principal';
import { ANY_REQUEST, BEARER, QUERY, STORAGE } from '../common/api-problem-sets';
import { ApiProblems } from '../common/api-problems.decorator';
import { newId } from '../common/ids';
import { ACCESS_LOG_READERS } from './access/access-policy';
import { AccessLogQueryDto, DossierQueryDto, ReplayQueryDto } from './audit.dto';
import { AccessLogPageDto, CaseDossierDto, CaseEvidenceBundleDto, CaseReplayDto, CaseVerificationDto } from './audit-responses.dto';
import { AuditRequest, CaseAuditService } from './case-audit.service';
import { renderDossierHtml } from './dossier/dossier.html';
import { parseReplayPoint } from './replay/replay-point';

const CORRELATION = /^[\w.:-]{1,100}$/;

/** X-Correlation-Id when it is a sane token, else a fresh one; echoed back so the caller can find the access-log entry. */
const CorrelationId = createParamDecorator((_: unknown, context: ExecutionContext): string => {
  const value = context.switchToHttp().getRequest<Request>().headers['x-correlation-id'];
  const given = Array.isArray(value) ? value[0] : value;
  return given && CORRELATION.test(given) ? given : newId();
});

const CORRELATION_HEADER = ApiHeader({ name: 'X-Correlation-Id', required: false, description: 'Recorded with the access; echoed back' });
const CASE_ID = ApiParam({ name: 'id', description: 'Case id (UUID)' });
const WHO =
  'Appeal reviewers and oversight of the case’s region, and staff (clerk, head, executor, State Corporation operator) of the case’s provider or receiving State Corporation office; for anyone else the case does not exist (404 case-not-found, as for a missing case). ' +
  'Every request, granted or denied, is recorded as a CaseAccessed event in the stream audit-access-<caseId>.';

function served(response: Response, correlationId: string): void {
  response.setHeader('X-Correlation-Id', correlationId);
  // Personal data and evidence: never kept by shared caches.
  response.setHeader('Cache-Control', 'no-store');
}

@ApiTags('audit')
@ApiBearerAuth()
@ApiExtraModels(CaseDossierDto, CaseEvidenceBundleDto)
@ApiProblems(...ANY_REQUEST, ...BEARER, ...STORAGE, ...QUERY, 'invalid-case-id', 'case-not-found', 'role-not-allowed')
@UseGuards(AuthGuard)
@Controller('cases')
export class AuditController {
  constructor(@Inject(CaseAuditService) private readonly audit: CaseAuditService) {}

  @Get(':id/replay')
  @CASE_ID
  @CORRELATION_HEADER
  @ApiOperation({
    summary: 'The case as it stood at an instant or a revision, rebuilt from its own events',
    description:
      'Folds the case’s own stream with the write side’s evolve (never a read model): status, current step and who was responsible, the recorded deadlines (never recomputed), ' +
      'late steps, the regulation version from the receipt’s snapshot with citations, and the events that led there. `at` selects events whose occurredAt (the server’s recorded instant) ' +
      `is at or before it. ${WHO}`,
  })
  @ApiOkResponse({ type: CaseReplayDto })
  @ApiProblems('invalid-at', 'invalid-revision', 'revision-beyond-stream', 'replay-point-ambiguous', 'access-not-recorded')
  async replay(
    @Param('id') id: string,
    @Query() query: ReplayQueryDto,
    @CurrentPrincipal() principal: Principal,
    @CorrelationId() correlationId: string,
    @Res({ passthrough: true }) response: Response,
  ) {
    const point = parseReplayPoint(query);
    // The parameters as asked, for the replay's record: only those given.
    const parameters: Record<string, string> = {};
    for (const [name, value] of Object.entries({ at: query.at, revision: query.revision, mode: query.mode })) {
      if (value !== undefined) parameters[name] = value;
    }
    const result = await this.audit.replay(this.request(id, principal, correlationId), point, query.mode ?? 'state', parameters);
    served(response, correlationId);
    return result;
  }

  @Get(':id/verify')
  @CASE_ID
  @CORRELATION_HEADER
  @ApiOperation({
    summary:
      'Checks the case stream against its chain, its head row, the transparency log and the latest signed checkpoint, and names every mismatch',
    description:
      'verdict intact | broken; findings (revision, event id, reason: hash-mismatch, broken-link, revision-gap, events-missing-at-end, head-missing, head-behind, head-hash-mismatch, ' +
      'event-missing with missingRevisions, leaf-mismatch, leaf-missing); anchor: the latest checkpoint published outside the database, the revisions proven in it, the revisions covered by the chain only, ' +
      `and findings against it (the stream's and the log's); statement: what was checked, in Russian and English. ${WHO}`,
  })
  @ApiOkResponse({ type: CaseVerificationDto })
  @ApiProblems('access-not-recorded', 'transparency-log-unavailable')
  async verify(
    @Param('id') id: string,
    @CurrentPrincipal() principal: Principal,
    @CorrelationId() correlationId: string,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.audit.verify(this.request(id, principal, correlationId));
    served(response, correlationId);
    return result;
  }

  @Get(':id/dossier')
  @CASE_ID
  @CORRELATION_HEADER
  @ApiOkResponse({
    description:
      'format=json: the dossier; format=html: the printable page; format=bundle: the offline evidence bundle (JSON, as an attachment)',
    content: {
      'application/json': { schema: { oneOf: [{ $ref: getSchemaPath(CaseDossierDto) }, { $ref: getSchemaPath(CaseEvidenceBundleDto) }] } },
      'text/html': { schema: { type: 'string' } },
    },
  })
  @ApiProblems('access-not-recorded', 'transparency-log-unavailable')
  @ApiOperation({
    summary: 'The case’s dossier for the appeal file (JSON, a printable Russian HTML page, or the offline evidence bundle)',
    description: `Applicant (masked for oversight), regulation version with citations, every step’s recorded deadline against its actual time and elapsed office time, breaches, actors, appeals and the integrity verdict. ${WHO}`,
  })
  async dossier(
    @Param('id') id: string,
    @Query() query: DossierQueryDto,
    @CurrentPrincipal() principal: Principal,
    @CorrelationId() correlationId: string,
    @Res({ passthrough: true }) response: Response,
  ) {
    const format = query.format ?? 'json';
    if (format === 'bundle') {
      const bundle = await this.audit.bundle(this.request(id, principal, correlationId));
      served(response, correlationId);
      response.setHeader('Content-Type', 'application/json; charset=utf-8');
      response.setHeader('Content-Disposition', `attachment; filename="case-${id}.bundle.json"`);
      // A string goes out as written: the verifier accepts only these exact bytes.
      return bundle;
    }
    const dossier = await this.audit.dossier(this.request(id, principal, correlationId), format);
    served(response, correlationId);
    if (format === 'json') return dossier;
    response.setHeader('Content-Type', 'text/html; charset=utf-8');
    // The page needs nothing but its own inline styles.
    response.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'");
    return renderDossierHtml(dossier);
  }

  @Get(':id/access-log')
  @Roles(...ACCESS_LOG_READERS)
  @CASE_ID
  @ApiOperation({ summary: 'Who replayed, verified or read the dossier of the case (oversight, appeal reviewers, admins of its region)' })
  @ApiOkResponse({ type: AccessLogPageDto })
  async accessLog(
    @Param('id') id: string,
    @Query() query: AccessLogQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: Response,
  ) {
    const page = await this.audit.accessLogPage(id, principal, Number(query.fromRevision ?? 0), Number(query.limit ?? 100));
    response.setHeader('Cache-Control', 'no-store');
    return page;
  }

  private request(caseId: string, principal: Principal, correlationId: string): AuditRequest {
    return { caseId, principal, correlationId };
  }
}
