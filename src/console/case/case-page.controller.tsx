import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { createHash } from 'node:crypto';
import { Roles } from '../../auth/auth.guard';
import type { Principal } from '../../auth/principal';
import { WorkingCalendar } from '../../calendar/working-calendar.service';
import { caseNotFoundProblem } from '../../cases/case-access';
import { loadCase } from '../../cases/case-stream';
import { assertCanRead, caseView } from '../../cases/case-view';
import { availableActions } from '../../cases/domain/available-actions';
import { CaseCommandService } from '../../cases/case-command.service';
import { workingTimeFrom } from '../../cases/working-time.adapter';
import { CLOCK, Clock } from '../../common/clock';
import { isUuid, newId } from '../../common/ids';
import { ProblemError } from '../../common/problem';
import { DEMO_USERS } from '../../demo/demo-users';
import { EVENT_STORE, EventStore } from '../../event-store/event-store.port';
import { CaseHistoryQueries } from '../../projections/case-history/case-history.query';
import type { CaseHistoryView } from '../../projections/case-history/history-view';
import { READ_YOUR_WRITES_TIMEOUT_MS } from '../../projections/runtime/read-your-writes';
import { ProjectionWaiter } from '../../projections/runtime/projection-waiter';
import { STEP_TIMELINE_PROJECTION } from '../../projections/step-timeline/step-timeline.projection';
import { StepTimelineQuery } from '../../projections/step-timeline/step-timeline.query';
import { RegulationCatalog } from '../../regulations/catalog/regulation-catalog';
import { REGIONS, type Region } from '../../regulations/regulation.model';
import { FLASH_COOKIE } from '../http/cookies';
import { addCookie, consoleState } from '../http/request-state';
import { ConsolePages } from '../console-pages.decorator';
import { Page, PageContext, signedInPrincipal } from '../page-context';
import { Html, renderPage } from '../render';
import { commandFromForm, formFields, isActionType } from './case-action-form';
import { clearedFlashCookie, flashCookie, noticeFromFlash } from './case-flash';
import { CasePage } from './case.page';
import { CasePageQuery } from './case-page.query';
import { timelineBars, TimelineBar } from './timeline-bars';

/** Who may open a case page: the API's case readers (GET /cases/:id/timeline). */
export const CASE_PAGE_ROLES = ['clerk', 'head', 'executor', 'state-corporation-operator', 'oversight', 'appeal-reviewer'] as const;
/** Who may post a command: the API's route gate (CasesController's STAFF); the domain says the rest. */
const STAFF = ['clerk', 'head', 'executor', 'state-corporation-operator'] as const;

/** Fields of the form that are the console's, not the command's. */
const FORM_ONLY = ['_csrf', 'action', 'revision', 'formKey'];

/** A malformed id is a missing case: the page never tells which ids exist. */
function caseIdOf(id: string): string {
  if (!isUuid(id)) throw caseNotFoundProblem();
  return id;
}

/**
 * The case page: who and what (masked as the API masks), the regulation and
 * its clause, the actions the user may take now (decide() asked through
 * availableActions), the chronicle and the timeline read models. Forms post
 * through the API's command path (CaseCommandService) and redirect back.
 */
@ConsolePages()
@Controller('console/cases')
export class CasePageController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CaseCommandService) private readonly commands: CaseCommandService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(WorkingCalendar) private readonly calendar: WorkingCalendar,
    @Inject(RegulationCatalog) private readonly catalog: RegulationCatalog,
    @Inject(CaseHistoryQueries) private readonly history: CaseHistoryQueries,
    @Inject(StepTimelineQuery) private readonly timeline: StepTimelineQuery,
    @Inject(ProjectionWaiter) private readonly waiter: ProjectionWaiter,
  ) {}

  @Get(':id')
  @Roles(...CASE_PAGE_ROLES)
  @Html()
  async page(
    @Page() ctx: PageContext,
    @Param('id') id: string,
    @Query() query: CasePageQuery,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    const principal = signedInPrincipal(ctx);
    const caseId = caseIdOf(id);
    const loaded = await loadCase(this.store, caseId);
    if (!loaded.state.plan) throw caseNotFoundProblem();
    assertCanRead(principal, loaded.state);
    const plan = loaded.state.plan;
    const region = REGIONS.find((r) => r === plan.region);
    if (!region) throw caseNotFoundProblem(); // a plan always names a known region; nothing to show otherwise
    if (query.position !== undefined) {
      await this.waiter.waitFor(BigInt(query.position), ['case-history', STEP_TIMELINE_PROJECTION], READ_YOUR_WRITES_TIMEOUT_MS);
    }
    const version = this.catalog.versions.find((v) => v.id === plan.regulationVersionId);
    const now = this.clock.now();
    const caller = { id: principal.userId, roles: principal.roles, organisation: principal.organisation, region: principal.region };
    const [history, bars] = await Promise.all([this.historyOrNull(caseId, principal), this.barsOrNull(caseId, principal, region)]);
    const state = consoleState(request);
    const notice = noticeFromFlash(state.cookies.get(FLASH_COOKIE), caseId);
    if (notice) addCookie(response, clearedFlashCookie(state.secure)); // shown once: a reload or a shared link shows nothing
    return renderPage(
      <CasePage
        ctx={ctx}
        data={{
          caseId,
          view: caseView(loaded.state, loaded.revision, principal),
          now,
          region,
          serviceName: version?.service.name[ctx.lang] ?? plan.service,
          textFile: version?.source.file ?? null,
          actions: availableActions(loaded.state, { caller, now, time: workingTimeFrom(this.calendar) }),
          executors: DEMO_USERS.filter((u) => u.organisation === loaded.state.providerOrganisation && u.roles.includes('executor')).map(
            (u) => u.userId,
          ),
          history,
          bars,
          notice,
          formKey: newId(),
          newAppealId: newId(),
        }}
      />,
    );
  }

  @Post(':id/actions')
  @HttpCode(303)
  @Roles(...STAFF)
  async act(
    @Page() ctx: PageContext,
    @Param('id') id: string,
    @Body() body: unknown,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const principal = signedInPrincipal(ctx);
    const caseId = caseIdOf(id);
    const fields = formFields(body);
    const back = `/console/cases/${caseId}`;
    const { secure } = consoleState(request);
    try {
      const type = fields.action;
      if (!isActionType(type)) throw new ProblemError(400, 'validation-failed', 'Unknown action');
      const command = commandFromForm(type, fields);
      const revision = fields.revision !== undefined && /^\d{1,9}$/.test(fields.revision) ? Number(fields.revision) : undefined;
      const commandBody = Object.fromEntries(Object.entries(fields).filter(([name]) => !FORM_ONLY.includes(name)));
      const outcome = await this.commands.execute(caseId, command, principal, {
        ifMatch: revision,
        onConflict: 'retry-once', // as the API's routes
        idempotencyKey: fields.formKey ? `console:${fields.formKey}`.slice(0, 200) : undefined,
        requestHash: createHash('sha256')
          .update(JSON.stringify({ type: command.type, caseId, body: commandBody }))
          .digest('hex'),
        correlationId: newId(),
      });
      addCookie(response, flashCookie(caseId, { kind: 'done', action: type }, secure));
      response.redirect(303, `${back}?position=${outcome.position}`);
    } catch (error) {
      // A hidden or missing case stays the 404 page; every other refusal goes back to the case with its message.
      if (!(error instanceof ProblemError) || error.code === 'case-not-found' || error.status >= 500) throw error;
      addCookie(response, flashCookie(caseId, { kind: 'problem', code: error.code }, secure));
      response.redirect(303, back);
    }
  }

  /** The chronicle, or null while its read model has not seen the case yet (just received). */
  private async historyOrNull(caseId: string, principal: Principal): Promise<CaseHistoryView | null> {
    try {
      return await this.history.history(caseId, principal);
    } catch (error) {
      if (error instanceof ProblemError && error.code === 'case-not-found') return null;
      throw error;
    }
  }

  private async barsOrNull(caseId: string, principal: Principal, region: Region): Promise<TimelineBar[] | null> {
    try {
      const dto = await this.timeline.timeline(caseId, principal);
      return timelineBars(dto.steps, (from, to) => {
        try {
          return this.calendar.elapsedOfficeMinutes(from, to, { region });
        } catch {
          return null; // a year the calendar has no data for: no bar rather than a guess
        }
      });
    } catch (error) {
      if (error instanceof ProblemError && error.code === 'case-not-found') return null;
      throw error;
    }
  }
}
