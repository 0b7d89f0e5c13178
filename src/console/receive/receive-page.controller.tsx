import { Body, Controller, Get, Inject, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { createHash } from 'node:crypto';
import { IsIn, IsOptional } from 'class-validator';
import { Roles } from '../../auth/auth.guard';
import { WorkingCalendar } from '../../calendar/working-calendar.service';
import { uuidFromName } from '../../cases/case-stream';
import { toReceiveCommand } from '../../cases/commands/receive-application/receive-application.dto';
import { CaseCommandService } from '../../cases/case-command.service';
import { workingTimeFrom } from '../../cases/working-time.adapter';
import { CLOCK, Clock } from '../../common/clock';
import { isUuid, newId } from '../../common/ids';
import { ProblemError } from '../../common/problem';
import { RegulationCatalog } from '../../regulations/catalog/regulation-catalog';
import { LANGS } from '../i18n/messages';
import { ConsolePages } from '../console-pages.decorator';
import { Page, PageContext, signedInPrincipal } from '../page-context';
import { Html, renderPage } from '../render';
import { emptyReceiveForm, fieldOfProblem, receiveBody, receiveFormValues, ReceiveFormValues, validateReceive } from './receive-form';
import { ReceivePage, ReceivePageData, ServiceOption } from './receive.page';
import { RECEIVE_ROLES } from './receive-roles';

/** GET /console/cases/new: only the language switch. */
export class ReceivePageQuery {
  @IsOptional()
  @IsIn(LANGS)
  lang?: string;
}

/**
 * Receiving an application at the counter: the form of POST /cases, validated
 * with its DTO and sent through the same command path (CaseCommandService),
 * with one Idempotency-Key per rendered form so a double submit receives once.
 * Registered before CasePageController so /console/cases/new is not read as a case id.
 */
@ConsolePages()
@Roles(...RECEIVE_ROLES)
@Controller('console/cases/new')
export class ReceivePageController {
  constructor(
    @Inject(CaseCommandService) private readonly commands: CaseCommandService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(WorkingCalendar) private readonly calendar: WorkingCalendar,
    @Inject(RegulationCatalog) private readonly catalog: RegulationCatalog,
  ) {}

  @Get()
  @Html()
  page(@Page() ctx: PageContext, @Query() _query: ReceivePageQuery): string {
    const principal = signedInPrincipal(ctx);
    // Provider staff receive for their own organisation; a State Corporation operator names the provider.
    const ownProvider = principal.roles.includes('clerk') ? principal.organisation : '';
    return this.render(ctx, { values: emptyReceiveForm(ownProvider), invalid: [] });
  }

  @Post()
  async receive(@Page() ctx: PageContext, @Body() body: unknown, @Res() response: Response): Promise<void> {
    const principal = signedInPrincipal(ctx);
    const values = receiveFormValues(body);
    const given: unknown = typeof body === 'object' && body !== null ? Reflect.get(body, 'formKey') : undefined;
    const formKey = typeof given === 'string' && isUuid(given) ? given : undefined;
    const payload = receiveBody(values);
    const validation = validateReceive(payload);
    if (!validation.ok) {
      this.refuse(ctx, response, 400, values, 'validation-failed', validation.fields);
      return;
    }
    // As POST /cases with Idempotency-Key: the case id follows from the key, so a retry lands on the same case.
    const key = formKey ? `console:${formKey}` : undefined;
    const caseId = key ? uuidFromName(`case:${principal.userId}:${key}`) : newId();
    try {
      const outcome = await this.commands.execute(caseId, toReceiveCommand(validation.dto, caseId), principal, {
        onConflict: 'retry-once', // as POST /cases
        idempotencyKey: key,
        requestHash: createHash('sha256')
          .update(JSON.stringify({ type: 'ReceiveApplication', caseId, body: payload }))
          .digest('hex'),
        correlationId: newId(),
      });
      response.redirect(303, `/console/cases/${outcome.caseId}?position=${outcome.position}`);
    } catch (error) {
      if (!(error instanceof ProblemError) || error.status >= 500) throw error;
      const field = fieldOfProblem(error.code, values);
      this.refuse(ctx, response, error.status, values, error.code, field ? [field] : []);
    }
  }

  /** The form again, as sent, with the problem and the fields it is about (and a fresh key: nothing was received). */
  private refuse(
    ctx: PageContext,
    response: Response,
    status: number,
    values: ReceiveFormValues,
    problem: string,
    invalid: ReceivePageData['invalid'],
  ): void {
    response.status(status).type('html').send(this.render(ctx, { values, problem, invalid }));
  }

  private render(ctx: PageContext, data: Pick<ReceivePageData, 'values' | 'problem' | 'invalid'>): string {
    return renderPage(<ReceivePage ctx={ctx} data={{ ...data, services: this.services(ctx), formKey: newId() }} />);
  }

  /** Services with a version in force today (the region's date) in the user's region, in the page's language. */
  private services(ctx: PageContext): ServiceOption[] {
    const principal = signedInPrincipal(ctx);
    const today = workingTimeFrom(this.calendar).localDate(this.clock.now(), principal.region);
    const byCode = new Map<string, ServiceOption>();
    for (const version of this.catalog.list({ region: principal.region, date: today })) {
      byCode.set(version.service.code, { code: version.service.code, name: version.service.name[ctx.lang] });
    }
    return [...byCode.values()].sort((a, b) => a.name.localeCompare(b.name, ctx.lang));
  }
}
