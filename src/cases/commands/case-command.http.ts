import { applyDecorators, Controller, createParamDecorator, ExecutionContext, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AuthenticatedRequest, AuthGuard, Roles } from '../../auth/auth.guard';
import { Principal, Role } from '../../auth/principal';
import { ANY_REQUEST, BEARER, CASE_COMMAND, JSON_BODY, ROLE, STORAGE } from '../../common/api-problem-sets';
import { ApiProblems, ProblemSpec } from '../../common/api-problems.decorator';
import { CommandResultDto } from '../case-view.dto';
import { NoBodyDto } from './no-body.dto';

/** What a command route needs of its request besides the path and the body. */
export interface CommandRequest {
  principal: Principal;
  ifMatch?: string;
  idempotencyKey?: string;
  correlationId?: string;
  /** For the ETag, Idempotent-Replayed and Location headers; Nest still sends the returned body. */
  response: Response;
}

/** The signed-in principal, If-Match, Idempotency-Key and X-Correlation-Id of a command request. */
export const CommandRequest = createParamDecorator((_: unknown, context: ExecutionContext): CommandRequest => {
  const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
  const header = (name: string) => {
    const value = request.headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  return {
    principal: request.principal,
    ifMatch: header('if-match'),
    idempotencyKey: header('idempotency-key'),
    correlationId: header('x-correlation-id'),
    response: context.switchToHttp().getResponse<Response>(),
  };
});

/**
 * Route-level gate: staff only. Which staff role performs a step is the
 * regulation's to say, and the domain checks it against the case's plan.
 */
export const STAFF: Role[] = ['clerk', 'head', 'executor', 'state-corporation-operator'];

/** What every controller under /cases shares: its tag, the bearer token, the guard and the problems any request may get. */
export const CaseRoutes = () =>
  applyDecorators(
    Controller('cases'),
    UseGuards(AuthGuard),
    ApiProblems(...ANY_REQUEST, ...BEARER, ...STORAGE),
    ApiBearerAuth(),
    ApiTags('cases'),
  );

export interface CommandRoute {
  /**
   * The method part of the operationId, pinned as it was when one CasesController held every route
   * (`CasesController_<operation>`): client generators name their methods after it.
   */
  operation: string;
  summary: string;
  description?: string;
  /** STAFF unless the route is narrower. */
  roles?: Role[];
}

const IF_MATCH = ApiHeader({
  name: 'If-Match',
  required: false,
  description: 'ETag of the case as last read; a stale one is refused with 412',
});
const IDEMPOTENCY_KEY = ApiHeader({
  name: 'Idempotency-Key',
  required: false,
  description: 'A retried command with the same key returns the first result and writes nothing',
});

const operation = (route: CommandRoute) =>
  ApiOperation({ operationId: `CasesController_${route.operation}`, summary: route.summary, description: route.description });

// Each list below is in the order stacked decorators would apply (bottom first), so the document keeps its order of headers.

/** A command on an existing case: 200 with the command result; `problems` are the codes its own rules give. */
export const CaseCommandPost = (path: string, route: CommandRoute & { noBody?: true }, ...problems: ProblemSpec[]) =>
  applyDecorators(
    ApiProblems(...ROLE, ...JSON_BODY, ...CASE_COMMAND, ...problems),
    ApiOkResponse({ type: CommandResultDto, description: 'The events written and the case after them (ETag: the new revision)' }),
    ...(route.noBody ? [ApiBody({ type: NoBodyDto, required: false })] : []),
    IDEMPOTENCY_KEY,
    IF_MATCH,
    operation(route),
    Roles(...(route.roles ?? STAFF)),
    HttpCode(200),
    Post(path),
  );

/** Receiving an application (receipt or refusal of acceptance): 201, the case opened; `problems` are the codes of its own rules. */
export const CaseReceiptPost = (path: string, route: CommandRoute, ...problems: ProblemSpec[]) =>
  applyDecorators(
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
      ...problems,
    ),
    ApiCreatedResponse({ type: CommandResultDto, description: 'The case opened (Location: /cases/{id}, ETag: its revision)' }),
    IDEMPOTENCY_KEY,
    operation(route),
    Roles(...(route.roles ?? STAFF)),
    Post(path),
  );
