import {
  Body,
  Controller,
  createParamDecorator,
  ExecutionContext,
  Get,
  HttpCode,
  Inject,
  Param,
  Post,
  Res,
  UseGuards,
} from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { createHash } from 'node:crypto';
import { AuthGuard, Roles } from '../auth/auth.guard';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { Principal } from '../auth/principal';
import { ANY_REQUEST, BEARER, CASE_COMMAND, JSON_BODY, ROLE, STORAGE } from '../common/api-problem-sets';
import { ApiProblems } from '../common/api-problems.decorator';
import { checkAppealId, checkCaseId } from '../common/case-id';
import { newId } from '../common/ids';
import { ProblemError } from '../common/problem';
import { EVENT_STORE, EventStore } from '../event-store/event-store.port';
import { CaseCommand } from './domain/case.commands';
import { CaseViewDto, CommandResultDto } from './case-view.dto';
import { loadCase, uuidFromName } from './case-stream';
import { assertCanRead, caseView } from './case-view';
import { DecideAppealDto } from './commands/decide-appeal/decide-appeal.dto';
import { FileAppealDto } from './commands/file-appeal/file-appeal.dto';
import { ForwardAppealDto } from './commands/forward-appeal/forward-appeal.dto';
import { ImposeVisaDto } from './commands/impose-visa/impose-visa.dto';
import { IssueResultDto } from './commands/issue-result/issue-result.dto';
import { NoBodyDto } from './commands/no-body.dto';
import { PrepareDraftDto } from './commands/prepare-draft/prepare-draft.dto';
import { ReassignExecutorDto } from './commands/reassign-executor/reassign-executor.dto';
import { ReceiveApplicationDto, toReceiveCommand } from './commands/receive-application/receive-application.dto';
import { RecallFromStorageDto } from './commands/recall-from-storage/recall-from-storage.dto';
import { RefuseAcceptanceDto, toRefuseAcceptanceCommand } from './commands/refuse-acceptance/refuse-acceptance.dto';
import { RefuseServiceDto } from './commands/refuse-service/refuse-service.dto';
import { RegisterDto } from './commands/register/register.dto';
import { CommandOutcome, ExecuteCaseCommand } from './execute-case-command';

interface RequestHeaders {
  ifMatch?: string;
  idempotencyKey?: string;
  correlationId?: string;
}

/** If-Match, Idempotency-Key and X-Correlation-Id of a command request. */
const CommandHeaders = createParamDecorator((_: unknown, context: ExecutionContext): RequestHeaders => {
  const request = context.switchToHttp().getRequest<Request>();
  const header = (name: string) => {
    const value = request.headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  return { ifMatch: header('if-match'), idempotencyKey: header('idempotency-key'), correlationId: header('x-correlation-id') };
});

function parseIfMatch(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const match = /^(?:W\/)?"?(-?\d+)"?$/.exec(value.trim());
  if (!match) throw new ProblemError(400, 'invalid-if-match', 'If-Match must be the ETag of the case, e.g. "3"');
  return Number(match[1]);
}

/**
 * Route-level gate: staff only. Which staff role performs a step is the
 * regulation's to say, and the domain checks it against the case's plan.
 */
const STAFF = ['clerk', 'head', 'executor', 'state-corporation-operator'] as const;

const IF_MATCH = ApiHeader({
  name: 'If-Match',
  required: false,
  description: 'ETag of the case as last read; a stale one is refused with 412',
});
const COMMAND_RESULT = ApiOkResponse({
  type: CommandResultDto,
  description: 'The events written and the case after them (ETag: the new revision)',
});
const CASE_OPENED = ApiCreatedResponse({
  type: CommandResultDto,
  description: 'The case opened (Location: /cases/{id}, ETag: its revision)',
});
/** Problems of a command on an existing case; `more` are the codes its own rules give. */
const COMMAND_PROBLEMS = (...more: Parameters<typeof ApiProblems>) => ApiProblems(...ROLE, ...JSON_BODY, ...CASE_COMMAND, ...more);
/** Problems of receiving an application (receipt or refusal of acceptance). */
const RECEIPT_PROBLEMS = (...more: Parameters<typeof ApiProblems>) =>
  ApiProblems(
    ...ROLE,
    ...JSON_BODY,
    'invalid-idempotency-key',
    'idempotency-key-reused',
    'concurrent-modification',
    'case-exists',
    'invalid-iin',
    'power-of-attorney-in-future',
    'wrong-role',
    'wrong-organisation',
    'wrong-region',
    'regulation-not-found',
    'regulation-not-in-force',
    { code: 'calendar-year-not-covered', status: 422 },
    'channel-not-available',
    'regulation-wording-unknown',
    ...more,
  );

const IDEMPOTENCY_KEY = ApiHeader({
  name: 'Idempotency-Key',
  required: false,
  description: 'A retried command with the same key returns the first result and writes nothing',
});

@ApiTags('cases')
@ApiBearerAuth()
@ApiProblems(...ANY_REQUEST, ...BEARER, ...STORAGE)
@UseGuards(AuthGuard)
@Controller('cases')
export class CasesController {
  constructor(
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  private async run(
    caseId: string,
    command: CaseCommand,
    principal: Principal,
    headers: RequestHeaders,
    body: unknown,
    response: Response,
  ) {
    const requestHash = createHash('sha256')
      .update(JSON.stringify({ type: command.type, caseId, body }))
      .digest('hex');
    const key = headers.idempotencyKey?.trim();
    if (key !== undefined && (key === '' || key.length > 200))
      throw new ProblemError(400, 'invalid-idempotency-key', 'Idempotency-Key must be 1 to 200 characters');
    const outcome: CommandOutcome = await this.commands.execute(
      new ExecuteCaseCommand(caseId, command, principal, {
        ifMatch: parseIfMatch(headers.ifMatch),
        idempotencyKey: key,
        requestHash,
        correlationId: headers.correlationId && headers.correlationId.length <= 100 ? headers.correlationId : newId(),
      }),
    );
    response.setHeader('ETag', `"${outcome.revision}"`);
    if (outcome.replayed) response.setHeader('Idempotent-Replayed', 'true');
    return {
      caseId: outcome.caseId,
      revision: outcome.revision,
      position: outcome.position,
      replayed: outcome.replayed,
      events: outcome.events,
      case: outcome.state.plan ? caseView(outcome.state, outcome.revision, principal) : null,
    };
  }

  /** A new case's id: the client's, else derived from the Idempotency-Key so a retry lands on the same case. */
  private newCaseId(given: string | undefined, principal: Principal, key: string | undefined): string {
    if (given) return given;
    return key ? uuidFromName(`case:${principal.userId}:${key}`) : newId();
  }

  @Post()
  @Roles(...STAFF)
  @ApiOperation({ summary: 'Receive an application: binds the case to the regulation version in force and records the deadlines' })
  @IDEMPOTENCY_KEY
  @CASE_OPENED
  @RECEIPT_PROBLEMS('category-required', 'outside-acceptance-window')
  receive(
    @Body() dto: ReceiveApplicationDto,
    @CurrentPrincipal() principal: Principal,
    @CommandHeaders() headers: RequestHeaders,
    @Res({ passthrough: true }) response: Response,
  ) {
    const caseId = this.newCaseId(dto.caseId, principal, headers.idempotencyKey);
    response.status(201).setHeader('Location', `/cases/${caseId}`);
    return this.run(caseId, toReceiveCommand(dto, caseId), principal, { ...headers, ifMatch: undefined }, dto, response);
  }

  @Post('refuse-acceptance')
  @Roles(...STAFF)
  @ApiOperation({ summary: 'Refuse to accept an incomplete package: the case opens and closes with a refusal receipt' })
  @IDEMPOTENCY_KEY
  @CASE_OPENED
  @RECEIPT_PROBLEMS('acceptance-refusal-not-regulated')
  refuseAcceptance(
    @Body() dto: RefuseAcceptanceDto,
    @CurrentPrincipal() principal: Principal,
    @CommandHeaders() headers: RequestHeaders,
    @Res({ passthrough: true }) response: Response,
  ) {
    const caseId = this.newCaseId(dto.caseId, principal, headers.idempotencyKey);
    response.status(201).setHeader('Location', `/cases/${caseId}`);
    return this.run(caseId, toRefuseAcceptanceCommand(dto, caseId), principal, { ...headers, ifMatch: undefined }, dto, response);
  }

  @Get(':id')
  @ApiOperation({ summary: 'The case as it stands now (ETag = stream revision)' })
  @ApiOkResponse({ type: CaseViewDto })
  @ApiProblems('invalid-case-id', 'case-not-found')
  async get(@Param('id') id: string, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) response: Response) {
    const loaded = await loadCase(this.store, checkCaseId(id));
    assertCanRead(principal, loaded.state);
    response.setHeader('ETag', `"${loaded.revision}"`);
    return caseView(loaded.state, loaded.revision, principal);
  }

  @Post(':id/forward-to-provider')
  @HttpCode(200)
  @Roles(...STAFF)
  @ApiOperation({ summary: 'The State Corporation forwards the package to the provider' })
  @IF_MATCH
  @IDEMPOTENCY_KEY
  @ApiBody({ type: NoBodyDto, required: false })
  @COMMAND_RESULT
  @COMMAND_PROBLEMS()
  forward(
    @Param('id') id: string,
    @Body() body: NoBodyDto,
    @CurrentPrincipal() p: Principal,
    @CommandHeaders() headers: RequestHeaders,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.run(checkCaseId(id), { type: 'ForwardToProvider' }, p, headers, body, r);
  }

  @Post(':id/register')
  @HttpCode(200)
  @Roles(...STAFF)
  @ApiOperation({ summary: 'Register the package (provider office or State Corporation information system, as the regulation says)' })
  @IF_MATCH
  @IDEMPOTENCY_KEY
  @COMMAND_RESULT
  @COMMAND_PROBLEMS()
  register(
    @Param('id') id: string,
    @Body() body: RegisterDto,
    @CurrentPrincipal() p: Principal,
    @CommandHeaders() headers: RequestHeaders,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.run(
      checkCaseId(id),
      { type: 'RegisterAtProvider', ...(body.registrationNumber ? { registrationNumber: body.registrationNumber } : {}) },
      p,
      headers,
      body,
      r,
    );
  }

  @Post(':id/review-documents')
  @HttpCode(200)
  @Roles(...STAFF)
  @ApiOperation({ summary: 'The executor or provider reviews the package (where the regulation has such a step)' })
  @IF_MATCH
  @IDEMPOTENCY_KEY
  @ApiBody({ type: NoBodyDto, required: false })
  @COMMAND_RESULT
  @COMMAND_PROBLEMS()
  review(
    @Param('id') id: string,
    @Body() body: NoBodyDto,
    @CurrentPrincipal() p: Principal,
    @CommandHeaders() headers: RequestHeaders,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.run(checkCaseId(id), { type: 'ReviewDocuments' }, p, headers, body, r);
  }

  @Post(':id/visa')
  @HttpCode(200)
  @Roles(...STAFF)
  @ApiOperation({ summary: 'The head imposes a visa naming the responsible executor' })
  @IF_MATCH
  @IDEMPOTENCY_KEY
  @COMMAND_RESULT
  @COMMAND_PROBLEMS()
  visa(
    @Param('id') id: string,
    @Body() body: ImposeVisaDto,
    @CurrentPrincipal() p: Principal,
    @CommandHeaders() headers: RequestHeaders,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.run(checkCaseId(id), { type: 'ImposeVisa', executorId: body.executorId }, p, headers, body, r);
  }

  @Post(':id/executor')
  @HttpCode(200)
  @Roles('head')
  @ApiOperation({
    summary: 'The provider’s head names another executor in place of the one the visa named',
    description:
      'Records ExecutorReassigned: the new executor drafts, the old one no longer can; the step and its recorded deadline do not move.',
  })
  @IF_MATCH
  @IDEMPOTENCY_KEY
  @COMMAND_RESULT
  @COMMAND_PROBLEMS('no-executor-named', 'reason-required', 'executor-unchanged')
  reassignExecutor(
    @Param('id') id: string,
    @Body() body: ReassignExecutorDto,
    @CurrentPrincipal() p: Principal,
    @CommandHeaders() headers: RequestHeaders,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.run(checkCaseId(id), { type: 'ReassignExecutor', executorId: body.executorId, reason: body.reason }, p, headers, body, r);
  }

  @Post(':id/draft')
  @HttpCode(200)
  @Roles(...STAFF)
  @ApiOperation({ summary: 'The named executor prepares the draft result' })
  @IF_MATCH
  @IDEMPOTENCY_KEY
  @COMMAND_RESULT
  @COMMAND_PROBLEMS('not-the-named-executor')
  draft(
    @Param('id') id: string,
    @Body() body: PrepareDraftDto,
    @CurrentPrincipal() p: Principal,
    @CommandHeaders() headers: RequestHeaders,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.run(checkCaseId(id), { type: 'PrepareDraft', ...(body.summary ? { summary: body.summary } : {}) }, p, headers, body, r);
  }

  @Post(':id/sign')
  @HttpCode(200)
  @Roles(...STAFF)
  @ApiOperation({ summary: 'The head signs the result' })
  @IF_MATCH
  @IDEMPOTENCY_KEY
  @ApiBody({ type: NoBodyDto, required: false })
  @COMMAND_RESULT
  @COMMAND_PROBLEMS()
  sign(
    @Param('id') id: string,
    @Body() body: NoBodyDto,
    @CurrentPrincipal() p: Principal,
    @CommandHeaders() headers: RequestHeaders,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.run(checkCaseId(id), { type: 'SignResult' }, p, headers, body, r);
  }

  @Post(':id/send-to-state-corporation')
  @HttpCode(200)
  @Roles(...STAFF)
  @ApiOperation({ summary: 'The provider sends the result to the State Corporation' })
  @IF_MATCH
  @IDEMPOTENCY_KEY
  @ApiBody({ type: NoBodyDto, required: false })
  @COMMAND_RESULT
  @COMMAND_PROBLEMS('result-in-provider-storage')
  sendToSc(
    @Param('id') id: string,
    @Body() body: NoBodyDto,
    @CurrentPrincipal() p: Principal,
    @CommandHeaders() headers: RequestHeaders,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.run(checkCaseId(id), { type: 'SendToStateCorporation' }, p, headers, body, r);
  }

  @Post(':id/issue')
  @HttpCode(200)
  @Roles(...STAFF)
  @ApiOperation({ summary: 'Issue the result to the applicant (or send it to the portal cabinet, as the regulation says)' })
  @IF_MATCH
  @IDEMPOTENCY_KEY
  @COMMAND_RESULT
  @COMMAND_PROBLEMS('result-in-provider-storage', 'no-representative', 'power-of-attorney-not-notarised')
  issue(
    @Param('id') id: string,
    @Body() body: IssueResultDto,
    @CurrentPrincipal() p: Principal,
    @CommandHeaders() headers: RequestHeaders,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.run(checkCaseId(id), { type: 'IssueResult', to: body.to }, p, headers, body, r);
  }

  @Post(':id/refuse-service')
  @HttpCode(200)
  @Roles(...STAFF)
  @ApiOperation({ summary: 'Motivated refusal of the service, with grounds' })
  @IF_MATCH
  @IDEMPOTENCY_KEY
  @COMMAND_RESULT
  @COMMAND_PROBLEMS('grounds-required')
  refuseService(
    @Param('id') id: string,
    @Body() body: RefuseServiceDto,
    @CurrentPrincipal() p: Principal,
    @CommandHeaders() headers: RequestHeaders,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.run(checkCaseId(id), { type: 'RefuseService', grounds: body.grounds }, p, headers, body, r);
  }

  @Post(':id/hand-to-storage')
  @HttpCode(200)
  @Roles(...STAFF)
  @ApiOperation({ summary: 'The State Corporation hands an uncollected result to the provider for storage' })
  @IF_MATCH
  @IDEMPOTENCY_KEY
  @ApiBody({ type: NoBodyDto, required: false })
  @COMMAND_RESULT
  @COMMAND_PROBLEMS('storage-not-regulated', 'result-not-at-state-corporation')
  handToStorage(
    @Param('id') id: string,
    @Body() body: NoBodyDto,
    @CurrentPrincipal() p: Principal,
    @CommandHeaders() headers: RequestHeaders,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.run(checkCaseId(id), { type: 'HandToStorage' }, p, headers, body, r);
  }

  @Post(':id/recall-from-storage')
  @HttpCode(200)
  @Roles(...STAFF)
  @ApiOperation({ summary: 'The provider sends a stored result back to the State Corporation on its request' })
  @IF_MATCH
  @IDEMPOTENCY_KEY
  @COMMAND_RESULT
  @COMMAND_PROBLEMS('result-not-in-storage', 'invalid-requested-at', 'recall-before-hand-over')
  recall(
    @Param('id') id: string,
    @Body() body: RecallFromStorageDto,
    @CurrentPrincipal() p: Principal,
    @CommandHeaders() headers: RequestHeaders,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.run(checkCaseId(id), { type: 'RecallFromStorage', requestedAt: body.requestedAt }, p, headers, body, r);
  }

  @Post(':id/appeals')
  @HttpCode(200)
  @Roles('clerk', 'state-corporation-operator', 'head')
  @ApiOperation({ summary: 'File a complaint (considered within 5 working days, Law "On State Services" art. 25)' })
  @IF_MATCH
  @IDEMPOTENCY_KEY
  @COMMAND_RESULT
  @COMMAND_PROBLEMS('appeal-exists', 'grounds-required')
  fileAppeal(
    @Param('id') id: string,
    @Body() body: FileAppealDto,
    @CurrentPrincipal() p: Principal,
    @CommandHeaders() headers: RequestHeaders,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.run(checkCaseId(id), { type: 'FileAppeal', appealId: body.appealId, grounds: body.grounds }, p, headers, body, r);
  }

  @Post(':id/appeals/:appealId/forward')
  @HttpCode(200)
  @Roles(...STAFF)
  @ApiOperation({ summary: 'Forward a complaint to the provider’s head' })
  @IF_MATCH
  @IDEMPOTENCY_KEY
  @COMMAND_RESULT
  @COMMAND_PROBLEMS('invalid-appeal-id', 'appeal-not-found', 'appeal-decided')
  forwardAppeal(
    @Param('id') id: string,
    @Param('appealId') appealId: string,
    @Body() body: ForwardAppealDto,
    @CurrentPrincipal() p: Principal,
    @CommandHeaders() headers: RequestHeaders,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.run(checkCaseId(id), { type: 'ForwardAppeal', appealId: checkAppealId(appealId), to: body.to }, p, headers, body, r);
  }

  @Post(':id/appeals/:appealId/decision')
  @HttpCode(200)
  @Roles(...STAFF)
  @ApiOperation({ summary: 'The provider’s head decides the complaint' })
  @IF_MATCH
  @IDEMPOTENCY_KEY
  @COMMAND_RESULT
  @COMMAND_PROBLEMS('invalid-appeal-id', 'appeal-not-found', 'appeal-decided', 'reasoning-required')
  decideAppeal(
    @Param('id') id: string,
    @Param('appealId') appealId: string,
    @Body() body: DecideAppealDto,
    @CurrentPrincipal() p: Principal,
    @CommandHeaders() headers: RequestHeaders,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.run(
      checkCaseId(id),
      { type: 'DecideAppeal', appealId: checkAppealId(appealId), decision: body.decision, reasoning: body.reasoning },
      p,
      headers,
      body,
      r,
    );
  }
}
